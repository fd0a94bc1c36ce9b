import { describe, expect, it } from 'vitest';
import { frame, wordTokenizer } from '../../src/glm';
import { filledPieces, filledSource } from '../../src/panels/Model/filled';

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

describe('filledSource', () => {
  const source = 'We  HOLD these Truths, to be self-evident.';
  const tokens = frame(wordTokenizer.tokenize(source), { cls: true });
  const at = (word: string) => tokens.findIndex((t) => t.text === word);

  it('keeps the typed text around the blanks: capitals, double spaces and punctuation', () => {
    const spans = [
      { start: at('hold'), end: at('hold') + 1 },
      { start: at('to'), end: at('be') + 1 },
    ];
    const p = filledSource(source, tokens, spans, [['keep'], ['ever', '##more']])!;
    expect(p.map((x) => x.text).join('')).toBe('We  keep these Truths, evermore self-evident.');
    expect(p.filter((x) => x.blank !== null)).toEqual([
      { text: 'keep', blank: 0 },
      { text: 'evermore', blank: 1 },
    ]);
  });

  it('fills a span at the start and one at the end, and shows … for a blank not generated yet', () => {
    const spans = [
      { start: at('we'), end: at('we') + 1 },
      { start: at('.'), end: at('.') + 1 },
    ];
    const p = filledSource(source, tokens, spans, [['they'], []])!;
    expect(p.map((x) => x.text).join('')).toBe('they  HOLD these Truths, to be self-evident…');
    expect(p[0]).toEqual({ text: 'they', blank: 0 });
  });

  it('gives up (null) on tokens without offsets, as an imported batch has', () => {
    const imported = ['[CLS]', 'we', 'hold', '[EOS]'].map((text) => ({ text, start: -1, end: -1 }));
    expect(filledSource('', imported, [{ start: 2, end: 3 }], [['keep']])).toBeNull();
  });
});
