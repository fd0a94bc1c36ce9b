// A link with a broken percent-escape or bytes that are not UTF-8 (`?text=%FF`, `#text=%E0%A4%A`):
// the value is left out, not read as replacement characters, and the message names the escape and
// where it is, in English and in Chinese.
import { compressToEncodedURIComponent } from 'lz-string';
import { beforeEach, describe, expect, it } from 'vitest';
import { translateMsg, type Msg } from '../../src/i18n';
import { loadInitial, resetStore, store } from '../../src/store';
import { fragmentMsg, searchWithText, textFromHash } from '../../src/store/link';
import { parseUrl, percentProblem } from '../../src/store/url';

const count = (text: string) => text.split(/\s+/).filter(Boolean).length + 2;

/** True when the browser's own decoder takes `raw` (the oracle percentProblem must agree with). */
function decodes(raw: string): boolean {
  try {
    decodeURIComponent(raw);
    return true;
  } catch {
    return false;
  }
}

beforeEach(() => resetStore());

describe('percentProblem', () => {
  it('names a byte that starts no UTF-8 character, from character 1', () => {
    expect(percentProblem('%FF')).toEqual({ kind: 'byte', escape: '%FF', at: 1 });
    expect(percentProblem('ab%80c')).toEqual({ kind: 'byte', escape: '%80', at: 3 });
  });

  it('names an escape cut short inside a character', () => {
    // %E0 %A4 starts a three-byte character; "%A" is not an escape.
    expect(percentProblem('%E0%A4%A')).toEqual({ kind: 'escape', escape: '%A', at: 7 });
    expect(percentProblem('50%')).toEqual({ kind: 'escape', escape: '%', at: 3 });
    expect(percentProblem('x%G1')).toEqual({ kind: 'escape', escape: '%G1', at: 2 });
  });

  it('names a character whose bytes stop early or go out of range', () => {
    expect(percentProblem('x%E4%B8')).toEqual({ kind: 'byte', escape: '%E4%B8', at: 2 });
    expect(percentProblem('%C3(')).toEqual({ kind: 'byte', escape: '%C3', at: 1 });
    expect(percentProblem('%ED%A0%80')).toEqual({ kind: 'byte', escape: '%ED%A0', at: 1 }); // a surrogate
    expect(percentProblem('%C0%80')).toEqual({ kind: 'byte', escape: '%C0', at: 1 }); // overlong
  });

  it('passes what decodes: ASCII, é, 中, 😀, an escaped %', () => {
    for (const s of ['plain', '%C3%A9', '%E4%B8%AD%E6%96%87', '%F0%9F%98%80', '100%25', 'a+b']) {
      expect(percentProblem(s), s).toBeNull();
    }
  });

  it('agrees with decodeURIComponent on random mixes of escapes', () => {
    const pieces = ['a', '%', '%4', '%G1', '%25', '%C3', '%A9', '%E4', '%B8', '%AD', '%F0', '%9F', '%98', '%80', '%FF', '%ED', '%A0', '%7F'];
    let x = 12345;
    for (let trial = 0; trial < 3000; trial++) {
      let s = '';
      const len = 1 + (trial % 6);
      for (let i = 0; i < len; i++) {
        x = (x * 1103515245 + 12345) % 2147483648;
        s += pieces[x % pieces.length];
      }
      const p = percentProblem(s);
      expect(p === null, s).toBe(decodes(s));
      if (p) expect(s.slice(p.at - 1).startsWith(p.escape), s).toBe(true);
    }
  });
});

describe('a link with a byte that does not decode', () => {
  it('leaves out ?text=%FF, keeps the rest, and names the byte and its place', () => {
    const r = parseUrl('?text=%FF&seed=3', count);
    expect(r.choices.text).toBeUndefined();
    expect(r.choices.seed).toBe(3);
    expect(r.dropped).toContainEqual({ key: 'url.badByte', vars: { where: '?text=', escape: '%FF', at: 1 } });
  });

  it('names a broken escape later in the query after its own name', () => {
    const r = parseUrl('?seed=2&text=ok%E0%A4%A', count);
    expect(r.choices.text).toBeUndefined();
    expect(r.dropped).toContainEqual({ key: 'url.badEscape', vars: { where: '&text=', escape: '%A', at: 9 } });
  });

  it('says so in English and in Chinese, with the escape and the character', () => {
    const m = parseUrl('?text=ab%FF', count).dropped[0]!;
    const en = translateMsg('en', m);
    const zh = translateMsg('zh', m);
    for (const s of [en, zh]) {
      expect(s).toContain('%FF');
      expect(s).toContain('?text=');
      expect(s).toContain('3');
    }
    expect(en).toMatch(/character 3/);
    expect(zh).toMatch(/第 3 个字符/);
  });

  it('in the fragment is named, not reported as a cut-off text', () => {
    const f = textFromHash('#text=%E0%A4%A');
    expect(f).toEqual({ ok: false, reason: 'byte', problem: { kind: 'escape', escape: '%A', at: 7 } });
    const m = fragmentMsg(f) as Msg;
    expect(m).toEqual({ key: 'url.badEscape', vars: { where: '#text=', escape: '%A', at: 7 } });
    expect(translateMsg('en', m)).toContain('#text=');
    expect(fragmentMsg(textFromHash('#text=AAAA'))).toEqual({ key: 'url.textUnreadable' });
    expect(fragmentMsg(null)).toBeNull();
  });

  it('in the fragment, escaped but whole, still reads', () => {
    const text = 'a text that compresses to characters such as + and $ '.repeat(20);
    const packed = compressToEncodedURIComponent(text);
    const escaped = packed.replace(/\+/g, '%2B').replace(/\$/g, '%24');
    expect(textFromHash(`#text=${escaped}`)).toEqual({ ok: true, text });
  });

  it('beside a fragment text, a broken query value is still named', () => {
    const packed = compressToEncodedURIComponent('words from the fragment');
    const { search } = searchWithText('?seed=%FF&text=old', `#text=${packed}`);
    const r = parseUrl(search, count);
    expect(r.choices.text).toBe('words from the fragment');
    expect(r.choices.seed).toBeUndefined();
    expect(r.dropped).toContainEqual({ key: 'url.badByte', vars: { where: '?seed=', escape: '%FF', at: 1 } });
  });

  it('opens without replacement characters, with a notice naming the byte', () => {
    const before = store.getState().text;
    loadInitial('?text=%FF&seed=4', null);
    const s = store.getState();
    expect(s.text).not.toContain('\uFFFD');
    expect(s.text).toBe(before);
    expect(s.seed).toBe(4);
    const shown = s.notices.map((n) => translateMsg('en', n.msg)).join('\n');
    expect(shown).toContain('%FF');
    expect(shown).toContain('character 1');
  });
});
