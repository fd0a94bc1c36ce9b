// Every interface text exists in both languages: the same keys, the same {placeholders}, and no
// Chinese text left empty or still in English (unless it is a token or a name, listed below).
import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en';
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

const placeholders = (s: string) => [...new Set(s.match(/\{\w+\}/g) ?? [])].sort();

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

  it('keeps the same {placeholders} in both languages', () => {
    const wrong = enKeys.filter((k) => k in zh && placeholders(en[k]).join() !== placeholders(zhText[k] ?? '').join());
    expect(wrong).toEqual([]);
  });
});
