import { describe, expect, it } from 'vitest';
import { filledPieces } from '../../src/panels/Model/filled';

describe('filledPieces', () => {
  const partA = ['[CLS]', 'we', '[MASK]', 'these', 'truth', '##s', '[MASK]', '.', '[EOS]'];
  it('puts each blank’s words where its mask was, marked, with the tokenizer’s spacing', () => {
    const p = filledPieces(partA, [2, 6], [['hold'], ['to', 'be']]);
    expect(p.map((x) => x.text).join('')).toBe('we hold these truths to be.');
    expect(p.filter((x) => x.blank !== null)).toEqual([
      { text: 'hold', blank: 0 },
      { text: 'to be', blank: 1 },
    ]);
  });
  it('shows … for a blank not generated yet, and joins ## pieces inside a fill', () => {
    const p = filledPieces(partA, [2, 6], [['gover', '##n'], []]);
    expect(p.map((x) => x.text).join('')).toBe('we govern these truths ….');
    expect(p.find((x) => x.blank === 1)).toEqual({ text: '…', blank: 1 });
  });
});
