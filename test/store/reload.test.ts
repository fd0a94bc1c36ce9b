// What a reload keeps: the URL names the view, storage holds what links do not carry (the
// sampler settings, an imported batch). A reload of the same view restores all of it; opening a
// different link keeps the personal settings but not a batch imported for another view.
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CHOICES, loadInitial, resetStore, store, type Choices } from '../../src/store';
import { formatUrl } from '../../src/store/url';

const KEY = 'glm-infill-lab:choices';
const storageWith = (value: unknown) => ({ getItem: (k: string) => (k === KEY ? JSON.stringify(value) : null) });

// A batch of 12 tokens, more than the typed text's, with a span past the typed text's end.
const batchTokens = ['[CLS]', 'w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7', 'w8', 'w9', 'w10', '[EOS]'];
const imported: Choices['imported'] = {
  name: 'batch.json',
  tokens: batchTokens,
  batch: { tokens: [], targets: [], lossMask: [], positionIds: [], blockPositionIds: [], sep: 0 },
  sample: 0,
  samples: 1,
  saved: { spans: [], order: [], layout: 'block', objective: 'span' },
};
const stored: Choices = {
  ...DEFAULT_CHOICES,
  text: 'a short text',
  tokenizer: 'words',
  spans: [{ start: 8, end: 10 }],
  order: [0],
  sampler: { ratio: 0.3, lambda: 5 },
  imported,
};

beforeEach(() => resetStore());

describe('a reload', () => {
  it('of the same view restores the imported batch, its spans and the sampler settings', () => {
    loadInitial(`?${formatUrl(stored)}`, storageWith(stored));
    const s = store.getState();
    expect(s.imported?.tokens).toEqual(batchTokens);
    expect(s.spans).toEqual([{ start: 8, end: 10 }]);
    expect(s.sampler).toEqual({ ratio: 0.3, lambda: 5 });
    expect(s.notices).toEqual([]);
  });

  it('of a different link shows that link, keeping the sampler settings but not the imported batch', () => {
    loadInitial('?text=another%20text&tok=words&spans=1-2', storageWith(stored));
    const s = store.getState();
    expect(s.text).toBe('another text');
    expect(s.imported).toBeNull();
    expect(s.spans).toEqual([{ start: 1, end: 2 }]);
    expect(s.sampler).toEqual({ ratio: 0.3, lambda: 5 });
  });
});
