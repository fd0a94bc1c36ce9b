import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CHOICES, loadInitial, resetStore, setLang, setText, store } from '../../src/store';
import { tokensOf } from '../../src/store/derive';

beforeEach(() => resetStore());

describe('switching the language', () => {
  it('puts a Chinese opening sentence in place of the untouched English one, and back', () => {
    setLang('zh');
    let s = store.getState();
    expect(s.lang).toBe('zh');
    expect(s.text).toBe('今天天气很好，我们一起去公园散步吧。');
    // The spans blank 天气 and 公园 under the model tokenizer, one token per character, no [UNK].
    const tokens = tokensOf(s.text, s.cls, s.tokenizer).map((t) => t.text);
    expect(tokens).not.toContain('[UNK]');
    expect(s.spans.map((sp) => tokens.slice(sp.start, sp.end).join(''))).toEqual(['天气', '公园']);
    setLang('en');
    s = store.getState();
    expect(s.text).toBe(DEFAULT_CHOICES.text);
    expect(s.spans).toEqual(DEFAULT_CHOICES.spans);
    expect(s.order).toEqual(DEFAULT_CHOICES.order);
  });

  it('never replaces a text the user typed', () => {
    setText('My own words stay.');
    setLang('zh');
    expect(store.getState().lang).toBe('zh');
    expect(store.getState().text).toBe('My own words stay.');
  });
});

describe('a link that names only the language', () => {
  const KEY = 'glm-infill-lab:choices';
  const storageWith = (value: unknown) => ({ getItem: (k: string) => (k === KEY ? JSON.stringify(value) : null) });

  it('?lang=zh opens the Chinese opening sentence with the model tokenizer', () => {
    loadInitial('?lang=zh', null);
    const s = store.getState();
    expect(s.lang).toBe('zh');
    expect(s.text).toBe('今天天气很好，我们一起去公园散步吧。');
    expect(s.tokenizer).toBe('model');
    expect(s.spans).toHaveLength(2);
  });

  it('keeps the user’s own stored text, in that language', () => {
    loadInitial('?lang=zh', storageWith({ ...DEFAULT_CHOICES, text: 'my stored words', spans: [], order: [] }));
    expect(store.getState().text).toBe('my stored words');
    expect(store.getState().lang).toBe('zh');
  });
});
