import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GlmTokenizer, normalizeText, SPECIALS, type TokenizerJson } from '../../src/model/tokenizer';

const tok = new GlmTokenizer(JSON.parse(readFileSync('public/models/tokenizer.json', 'utf8')) as TokenizerJson);
const squash = (s: string) => s.replace(/\s+/g, '');

describe('GlmTokenizer', () => {
  it('has the specials first, in order, about 4,000 English pieces and the common Chinese characters', () => {
    expect(tok.vocab.slice(0, SPECIALS.length)).toEqual([...SPECIALS]);
    const cjk = tok.vocab.filter((p) => /^[\u3400-\u9fff]$/u.test(p)).length;
    expect(tok.size - cjk).toBeGreaterThan(3500);
    expect(tok.size - cjk).toBeLessThanOrEqual(4100);
    expect(cjk).toBeGreaterThanOrEqual(3500);
    // CJK characters are words of their own: no "##" forms of them.
    expect(tok.vocab.some((p) => /^##[\u3400-\u9fff]/u.test(p))).toBe(false);
  });

  it('reads every character of the 3,500-character common list as itself, never [UNK]', () => {
    const common = (JSON.parse(readFileSync('scripts/corpus/common-chars.json', 'utf8')) as { chars: string }).chars;
    expect([...common].length).toBe(3500);
    const e = tok.encode(common);
    expect(e.tokens).toEqual([...common]);
  });

  it('tokenizes typed Chinese one character a token, punctuation apart, without [UNK]', () => {
    const text = '今天天气很好。我们一起去学校，好吗？';
    const e = tok.encode(text);
    expect(e.tokens).toEqual([...text]);
    expect(e.ids).not.toContain(tok.idOf('[UNK]'));
    const mixed = tok.encode('The 模型 fills 空白!');
    expect(mixed.tokens.filter((t) => /^[\u4e00-\u9fff]$/u.test(t))).toEqual(['模', '型', '空', '白']);
    expect(mixed.ids).not.toContain(tok.idOf('[UNK]'));
  });

  it('round-trips text (lower-cased, accents stripped, spacing aside)', () => {
    for (const text of [
      'The Congress shall have power to lay and collect taxes.',
      'In the beginning God created the heaven and the earth.',
      'Café déjà vu: naïve coöperation, 1,234.56% (really)!',
      'Supercalifragilisticexpialidocious antidisestablishmentarianism',
    ]) {
      const e = tok.encode(text);
      expect(e.ids).not.toContain(1);
      expect(squash(tok.decode(e.ids))).toBe(squash(normalizeText(text)));
    }
  });

  it('gives offsets into the original text', () => {
    const text = 'Élan  GOVERNMENT, über!';
    const e = tok.encode(text);
    e.tokens.forEach((t, i) => {
      const [a, b] = e.offsets[i];
      expect(normalizeText(text.slice(a, b))).toBe(t.replace(/^##/, ''));
    });
    expect(e.tokens[0].startsWith('el')).toBe(true);
    expect(e.offsets.at(-1)).toEqual([22, 23]);
  });

  it('marks continuation pieces with ## and keeps word-initial pieces plain', () => {
    const e = tok.encode('unconstitutionality');
    expect(e.tokens.length).toBeGreaterThan(1);
    expect(e.tokens[0].startsWith('##')).toBe(false);
    for (const t of e.tokens.slice(1)) expect(t.startsWith('##')).toBe(true);
  });

  it('splits punctuation, CJK and emoji into single tokens; [UNK] only for unknown characters', () => {
    const text = 'the,你好😀!';
    const e = tok.encode(text);
    expect(e.tokens).toEqual(['the', ',', '你', '好', '[UNK]', '!']);
    expect(e.offsets.map(([a, b]) => text.slice(a, b))).toEqual(['the', ',', '你', '好', '😀', '!']);
  });

  it('keeps typed special tokens whole', () => {
    const e = tok.encode('the [MASK] of [gMASK]');
    expect(e.tokens).toEqual(['the', '[MASK]', 'of', '[gMASK]']);
    expect(e.ids[1]).toBe(tok.idOf('[MASK]'));
  });

  it('implements the engine Tokenizer interface', () => {
    const t = tok.tokenize('We the People');
    expect(t.map((x) => x.text)).toEqual(['we', 'the', 'people']);
    expect(t[2]).toEqual({ text: 'people', start: 7, end: 13 });
  });

  it('tokenizes a 2,000-token text quickly once warm', () => {
    const text = 'The annual message of the President to the Congress, on the state of the Union. '.repeat(120);
    for (let i = 0; i < 3; i++) tok.encode(text);
    const t0 = performance.now();
    const n = tok.encode(text).ids.length;
    const ms = performance.now() - t0;
    console.log(`tokenizer: ${n} tokens in ${ms.toFixed(1)} ms`);
    expect(n).toBeGreaterThan(1800);
    expect(ms).toBeLessThan(250); // typically 5–20 ms; generous for a loaded CI machine
  });
});
