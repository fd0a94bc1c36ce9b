import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CHOICES, loadInitial, resetStore, store } from '../../src/store';

// A link whose text does not decode: the user's own stored text stays, and the notice is an error
// that names the byte (issue 14, item 9).
const KEY = 'glm-infill-lab:choices';
const storageWith = (value: unknown) => ({ getItem: (k: string) => (k === KEY ? JSON.stringify(value) : null) });
const MINE = { ...DEFAULT_CHOICES, text: 'my own stored words', spans: [], order: [] };

beforeEach(() => resetStore());

describe('a link with a byte that does not decode', () => {
  it('keeps the stored text when ?text= is broken, and says which byte as an error', () => {
    loadInitial('?text=ab%FF&theme=dark', storageWith(MINE));
    const s = store.getState();
    expect(s.text).toBe('my own stored words');
    expect(s.theme).toBe('dark');
    const n = s.notices.at(-1);
    expect(n?.level).toBe('error');
    const parts = (n?.msg.vars?.parts ?? []) as { key: string; vars?: Record<string, unknown> }[];
    expect(parts.map((p) => p.key)).toContain('url.badByte');
    expect(parts.find((p) => p.key === 'url.badByte')?.vars).toMatchObject({ escape: '%FF', at: 3 });
  });

  it('keeps the stored text when the #text= fragment is cut short', () => {
    loadInitial('', storageWith(MINE), '#text=%E0%A4%A');
    const s = store.getState();
    expect(s.text).toBe('my own stored words');
    expect(s.notices.at(-1)?.level).toBe('error');
  });

  it('a link that drops only another parameter still warns, and its text is used', () => {
    loadInitial('?text=hello%20world&theme=%FF', storageWith(MINE));
    const s = store.getState();
    expect(s.text).toBe('hello world');
  });
});
