/**
 * The word tokenizer: BERT-uncased-like normalisation, one token per CJK character, emoji kept
 * whole, and offsets that always point into the text as typed (UTF-16 code units).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frame, isAddedSpecial, normalizeUncased, splitWords, tokensInCharRange, wordTokenizer, type Token } from '../../src/glm';

const triples = (tokens: Token[]) => tokens.map((t) => [t.text, t.start, t.end]);

describe('tokenize: goldens', () => {
  it('English: lower-cased words, each punctuation mark its own token', () => {
    expect(triples(splitWords("Hello, World! It's GLM-10B."))).toEqual([
      ['hello', 0, 5],
      [',', 5, 6],
      ['world', 7, 12],
      ['!', 12, 13],
      ['it', 14, 16],
      ["'", 16, 17],
      ['s', 17, 18],
      ['glm', 19, 22],
      ['-', 22, 23],
      ['10b', 23, 26],
      ['.', 26, 27],
    ]);
  });

  it('CJK: one token per character, including punctuation and astral ideographs', () => {
    expect(triples(splitWords('我爱北京。'))).toEqual([
      ['我', 0, 1],
      ['爱', 1, 2],
      ['北', 2, 3],
      ['京', 3, 4],
      ['。', 4, 5],
    ]);
    expect(triples(splitWords('GLM很好'))).toEqual([
      ['glm', 0, 3],
      ['很', 3, 4],
      ['好', 4, 5],
    ]);
    // U+20000 and U+20001 take two UTF-16 code units each.
    expect(triples(splitWords('𠀀𠀁'))).toEqual([
      ['𠀀', 0, 2],
      ['𠀁', 2, 4],
    ]);
    // Kana: one token each. NFD splits が into か + U+3099 (a nonspacing mark), so BERT-uncased
    // normalisation turns が into か; the offsets still show the typed が.
    const kana = splitWords('ひらがなカタカナ');
    expect(kana.map((t) => t.text)).toEqual([...'ひらかなカタカナ']);
    expect(kana.map((t) => 'ひらがなカタカナ'.slice(t.start, t.end))).toEqual([...'ひらがなカタカナ']);
    expect(splitWords('한국어').map((t) => t.text)).toEqual(['한', '국', '어']);
  });

  it('emoji: skin-tone modifiers and ZWJ sequences stay one token', () => {
    const text = 'I ❤️ 👍🏽 👨‍👩‍👧!';
    const tokens = splitWords(text);
    expect(tokens.map((t) => [t.start, t.end])).toEqual([
      [0, 1],
      [2, 4],
      [5, 9],
      [10, 18],
      [18, 19],
    ]);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(['I', '❤️', '👍🏽', '👨‍👩‍👧', '!']);
    // The variation selector U+FE0F is a nonspacing mark: stripped like an accent, as BERT does.
    expect(tokens.map((t) => t.text)).toEqual(['i', '❤', '👍🏽', '👨‍👩‍👧', '!']);
  });

  it('RTL: Arabic and Hebrew words, vowel marks stripped, offsets over the typed text', () => {
    const ar = 'مرحبا بالعالم؟';
    expect(triples(splitWords(ar))).toEqual([
      ['مرحبا', 0, 5],
      ['بالعالم', 6, 13],
      ['؟', 13, 14],
    ]);
    const harakat = 'كَتَبَ';
    expect(triples(splitWords(harakat))).toEqual([['كتب', 0, 6]]);
    const he = 'שָׁלוֹם עולם';
    expect(triples(splitWords(he))).toEqual([
      ['שלום', 0, 7],
      ['עולם', 8, 12],
    ]);
  });

  it('accents: stripped from the token text, kept in the offsets', () => {
    expect(triples(splitWords('Café Déjà-vu'))).toEqual([
      ['cafe', 0, 4],
      ['deja', 5, 9],
      ['-', 9, 10],
      ['vu', 10, 12],
    ]);
    // The same word typed with a combining acute accent: one more code unit in the text.
    expect(triples(splitWords('Cafe\u0301 ÀÉÎ'))).toEqual([
      ['cafe', 0, 5],
      ['aei', 6, 9],
    ]);
    expect(normalizeUncased('Straße ÑANDÚ')).toBe('straße nandu');
  });

  it('gives no tokens for empty or blank text', () => {
    expect(splitWords('')).toEqual([]);
    expect(splitWords(' \t\n  ')).toEqual([]);
    expect(wordTokenizer.tokenize('')).toEqual([]);
  });
});

describe('tokenize: frame and character ranges', () => {
  it('frame adds [CLS] and [EOS] with offsets -1, or nothing', () => {
    const tokens = splitWords('a b');
    const framed = frame(tokens, { cls: true });
    expect(triples(framed)).toEqual([
      ['[CLS]', -1, -1],
      ['a', 0, 1],
      ['b', 2, 3],
      ['[EOS]', -1, -1],
    ]);
    expect(framed.map(isAddedSpecial)).toEqual([true, false, false, true]);
    expect(frame(tokens, { cls: false })).toEqual(tokens);
    expect(triples(frame([], { cls: true }))).toEqual([
      ['[CLS]', -1, -1],
      ['[EOS]', -1, -1],
    ]);
  });

  it('maps a selection of characters to the tokens it touches', () => {
    const framed = frame(splitWords('hello big world'), { cls: true });
    expect(tokensInCharRange(framed, 3, 8)).toEqual([1, 2]); // "lo bi"
    expect(tokensInCharRange(framed, 5, 6)).toEqual([]); // the space alone
    expect(tokensInCharRange(framed, 0, 100)).toEqual([1, 2, 3]); // never the added specials
  });
});

describe('tokenize: offsets always map back to the text (fast-check)', () => {
  const pieces = fc.constantFrom(
    'Hello', 'WORLD', 'café', 'Cafe\u0301', 'naïve', '我', '爱', '。', '𠀀', 'ひ', '한', '👍🏽', '👨‍👩‍👧', '❤️', 'مرحبا', 'שָׁלוֹם',
    '؟', ',', '.', '!', "'", '-', '10', '$', '€', ' ', '  ', '\n', '\t', 'x',
  );
  const texts = fc.oneof(
    fc.array(pieces, { maxLength: 30 }).map((p) => p.join('')),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
  );

  it('offsets are ordered, in bounds, cover every non-space character, and normalise to the token text', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const tokens = splitWords(text);
        let last = 0;
        for (const t of tokens) {
          expect(t.start).toBeGreaterThanOrEqual(last);
          expect(t.end).toBeGreaterThan(t.start);
          expect(t.end).toBeLessThanOrEqual(text.length);
          // Only whitespace between tokens.
          expect(text.slice(last, t.start).trim()).toBe('');
          const raw = text.slice(t.start, t.end);
          const norm = normalizeUncased(raw);
          expect(t.text).toBe(norm === '' ? raw : norm);
          expect(t.text).toBe(t.text.toLowerCase());
          last = t.end;
        }
        expect(text.slice(last).trim()).toBe('');
      }),
      { numRuns: 300 },
    );
  });
});
