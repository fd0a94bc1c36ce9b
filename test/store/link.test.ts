// Links that always open: a long text leaves the query for the compressed fragment, a very long one
// stays in storage, and every kind of link comes back as the same view.
import { decompressFromEncodedURIComponent } from 'lz-string';
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CHOICES, loadInitial, resetStore, store, type Choices } from '../../src/store';
import { FRAGMENT_LIMIT, formatLink, QUERY_LIMIT, searchWithText, textFromHash } from '../../src/store/link';

const KEY = 'glm-infill-lab:choices';
const storageWith = (value: unknown) => ({ getItem: (k: string) => (k === KEY ? JSON.stringify(value) : null) });

/** A long text of varied words (repetitive text would compress too well to test the limits). */
function prose(chars: number): string {
  const words = 'the people of this nation will build a better future for their children and grandchildren who come after'.split(' ');
  let s = '';
  let x = 7;
  while (s.length < chars) {
    x = (x * 1103515245 + 12345) % 2147483648;
    s += `${words[x % words.length]}${x % 7 === 0 ? '.' : ''} ${x % 1000} `;
  }
  return s.slice(0, chars);
}

beforeEach(() => resetStore());

describe('formatLink', () => {
  it('keeps a short text in the query', () => {
    const l = formatLink(DEFAULT_CHOICES);
    expect(l.text).toBe('query');
    expect(l.hash).toBe('');
    expect(new URLSearchParams(l.search).get('text')).toBe(DEFAULT_CHOICES.text);
  });

  it('moves a long text into the fragment, compressed, and keeps the query short', () => {
    const text = prose(3000);
    const l = formatLink({ ...DEFAULT_CHOICES, text, spans: [], order: [] });
    expect(l.text).toBe('fragment');
    expect(l.search.length).toBeLessThan(QUERY_LIMIT);
    expect(new URLSearchParams(l.search).has('text')).toBe(false);
    expect(l.hash.startsWith('text=')).toBe(true);
    expect(l.hash.length).toBeLessThanOrEqual(FRAGMENT_LIMIT + 5);
    expect(decompressFromEncodedURIComponent(l.hash.slice(5))).toBe(text);
    expect(searchWithText(l.search, `#${l.hash}`).search).toContain('text=');
  });

  it('keeps a 20,000-character text out of the link altogether, saying so', () => {
    const l = formatLink({ ...DEFAULT_CHOICES, text: prose(20000), spans: [], order: [] });
    expect(l.text).toBe('storage');
    expect(l.hash).toBe('');
    expect(l.search.length).toBeLessThan(200);
    expect(new URLSearchParams(l.search).get('long')).toBe('1');
  });

  it('reads a damaged fragment as unreadable, not as text', () => {
    expect(textFromHash('')).toBeNull();
    expect(textFromHash('#other=1')).toBeNull();
    expect(textFromHash('#text=not-lz')).toEqual({ ok: false, reason: 'unreadable' });
    // A broken escape is named instead (test/store/link-bytes.test.ts).
    expect(textFromHash('#text=%%%not-lz')).toEqual({ ok: false, reason: 'byte', problem: { kind: 'escape', escape: '%%%', at: 1 } });
  });
});

describe('opening a link', () => {
  it('with the text in the fragment shows that text, its spans kept', () => {
    const text = prose(3000);
    const c: Choices = { ...DEFAULT_CHOICES, text, tokenizer: 'words', spans: [{ start: 3, end: 5 }], order: [0] };
    const l = formatLink(c);
    loadInitial(`?${l.search}`, null, `#${l.hash}`);
    const s = store.getState();
    expect(s.text).toBe(text);
    expect(s.spans).toEqual([{ start: 3, end: 5 }]);
    expect(s.notices).toEqual([]);
  });

  it('of a 20,000-character text, reloaded in the browser that made it, restores the text', () => {
    const text = prose(20000);
    const c: Choices = { ...DEFAULT_CHOICES, text, tokenizer: 'words', spans: [{ start: 100, end: 102 }], order: [0] };
    const l = formatLink(c);
    loadInitial(`?${l.search}`, storageWith(c), '');
    expect(store.getState().text).toBe(text);
    expect(store.getState().spans).toEqual([{ start: 100, end: 102 }]);
  });

  it('of a 20,000-character text elsewhere opens, and says the text stayed behind', () => {
    const c: Choices = { ...DEFAULT_CHOICES, text: prose(20000), tokenizer: 'words', spans: [], order: [] };
    const l = formatLink(c);
    loadInitial(`?${l.search}`, null, '');
    const s = store.getState();
    expect(s.text.length).toBeLessThan(1000); // the link's other choices apply to the text on screen
    expect(JSON.stringify(s.notices)).toContain('url.textLocal');
  });

  it('whose fragment was cut off says the text could not be read', () => {
    const l = formatLink({ ...DEFAULT_CHOICES, text: prose(3000), spans: [], order: [] });
    loadInitial(`?${l.search}`, null, `#${l.hash.slice(0, 40)}x`);
    expect(JSON.stringify(store.getState().notices)).toContain('url.textUnreadable');
  });
});
