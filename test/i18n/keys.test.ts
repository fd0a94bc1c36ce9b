// Every interface text exists in both languages: the same keys, the same {placeholders}, and no
// Chinese text left empty or still in English (unless it is a token or a name, listed below).
import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en';
import { pluralForms, templateNames } from '../../src/i18n/plural';
import { zh } from '../../src/i18n/zh';

/** Keys whose Chinese text may equal the English: formats, tokens and names, with the reason. */
const SAME_ALLOWED: Record<string, string> = {
  'stats.rawCsv': 'a file format',
  'stats.rawJson': 'a file format',
  'stats.summary.refMeanSd': 'numbers only',
  'stats.summary.refApprox': 'numbers only',
  'import.placeholder': 'JSON field names of the reference code',
  'import.keptImport': 'a quoted file name',
  'model.phase.library': 'a library’s name',
  'lang.en': 'each language is named in itself',
  'lang.zh': 'each language is named in itself',
};

/** Text with nothing to translate: placeholders, tokens like [MASK], numbers and symbols. */
function untranslatable(s: string): boolean {
  return !/[A-Za-z]{2,}/.test(s.replace(/\{\w+\}/g, '').replace(/\[\w+\]/g, '').replace(/\b(sep|Part [AB])\b/g, ''));
}

/** The values a text uses: `{name}` placeholders and the counts of `{name, plural, ...}` blocks. */
const placeholders = (s: string) => templateNames(s).map((n) => `{${n}}`);

/** The plural blocks of a text, each with whether its branches parse (and include `other`). */
const pluralBlocks = (s: string) =>
  [...s.matchAll(/\{(\w+)\s*,\s*(\w+)\s*,/g)].map((m) => {
    let depth = 0;
    let end = m.index;
    for (; end < s.length; end++) {
      if (s[end] === '{') depth++;
      else if (s[end] === '}' && --depth === 0) break;
    }
    return { kind: m[2], ok: pluralForms(s.slice(m.index + m[0].length, end)) !== null };
  });

const enKeys = Object.keys(en) as (keyof typeof en)[];
const zhText = zh as Record<string, string | undefined>;

describe('translations', () => {
  it('has every English key in Chinese', () => {
    expect(enKeys.filter((k) => !(k in zh))).toEqual([]);
  });

  it('has no Chinese key that English lacks', () => {
    expect(Object.keys(zh).filter((k) => !(k in en))).toEqual([]);
  });

  it('leaves no Chinese text empty', () => {
    expect(enKeys.filter((k) => k in zh && !zhText[k]?.trim())).toEqual([]);
  });

  it('leaves no Chinese text in English, except tokens and names', () => {
    const same = enKeys.filter((k) => zhText[k] === en[k] && !(k in SAME_ALLOWED) && !untranslatable(en[k]));
    expect(same).toEqual([]);
  });

  it('writes every plural block so that it parses, with an `other` form, in both languages', () => {
    const texts = [...Object.entries(en), ...Object.entries(zh)];
    const bad = texts.filter(([, v]) => pluralBlocks(v).some((b) => b.kind !== 'plural' || !b.ok)).map(([k]) => k);
    expect(bad).toEqual([]);
    // The English counts of tokens, masks and spans go through plural forms (no "1 masks").
    expect(pluralBlocks(en['partA.count'])).toHaveLength(2);
  });

  it('keeps the same {placeholders} in both languages', () => {
    const wrong = enKeys.filter((k) => k in zh && placeholders(en[k]).join() !== placeholders(zhText[k] ?? '').join());
    expect(wrong).toEqual([]);
  });
});
