// When the choices cannot be built (a store that went inconsistent), derive keeps why as a message
// to translate, not as an English sentence: the mask panel and the zoo show it in either language.
import { describe, expect, it } from 'vitest';
import { translateMsg } from '../../src/i18n';
import { derive } from '../../src/store/derive';
import { DEFAULT_CHOICES } from '../../src/store/state';

describe('derive errors', () => {
  const bad = {
    ...DEFAULT_CHOICES,
    text: 'one two three four five',
    cls: false,
    tokenizer: 'words' as const,
    spans: [
      { start: 1, end: 2 },
      { start: 3, end: 4 },
    ],
    order: [0, 0], // not a permutation
  };

  it('has no construction and a message in both languages', () => {
    const d = derive(bad);
    expect(d.construction).toBeNull();
    expect(d.error).not.toBeNull();
    const en = translateMsg('en', d.error!);
    const zh = translateMsg('zh', d.error!);
    expect(en).toMatch(/order/i);
    expect(zh).not.toBe(en);
    // Chinese text, not the English sentence passed through.
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
    expect(zh).not.toMatch(/permutation/i);
  });

  it('has no error for consistent choices', () => {
    const d = derive({ ...bad, order: [1, 0] });
    expect(d.error).toBeNull();
    expect(d.construction?.order).toEqual([1, 0]);
  });
});
