// The fine-tuning panel's choices survive a reload: they are kept in storage (not in links), read
// back with checks, and written even when the URL does not change.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  addVerbalizerRow,
  DEFAULT_CHOICES,
  DEFAULT_FINETUNE,
  loadInitial,
  readStored,
  removeVerbalizerRow,
  resetStore,
  setFinetune,
  setVerbalizerRow,
  startSync,
  store,
} from '../../src/store';

const KEY = 'glm-infill-lab:choices';
const MINE = {
  template: 'Review: {sentence} Overall, [MASK].',
  sentence: 'a slow film',
  verbalizer: [
    { label: 'yes', word: 'great' },
    { label: 'no', word: 'dull' },
  ],
  context: 'once upon a time',
};

/** A storage holding `value` under the app's key. */
const storageWith = (value: unknown) => {
  const items = new Map<string, string>([[KEY, JSON.stringify(value)]]);
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    items,
  };
};

beforeEach(() => resetStore());

describe('fine-tuning choices in the store', () => {
  it('edits the template and the verbalizer rows, keeping at least one row', () => {
    setFinetune({ template: '[MASK] {sentence}' });
    addVerbalizerRow();
    setVerbalizerRow(2, { label: 'neutral', word: 'okay' });
    expect(store.getState().finetune.template).toBe('[MASK] {sentence}');
    expect(store.getState().finetune.verbalizer.map((r) => r.label)).toEqual(['positive', 'negative', 'neutral']);
    removeVerbalizerRow(0);
    removeVerbalizerRow(0);
    removeVerbalizerRow(0);
    expect(store.getState().finetune.verbalizer).toEqual([{ label: 'neutral', word: 'okay' }]);
    // The defaults were not changed in place.
    expect(DEFAULT_FINETUNE.verbalizer.map((r) => r.label)).toEqual(['positive', 'negative']);
  });
});

describe('fine-tuning choices in storage', () => {
  it('reads them back', () => {
    expect(readStored(storageWith({ ...DEFAULT_CHOICES, finetune: MINE }))?.finetune).toEqual(MINE);
  });

  it('ignores a malformed value and keeps the rest', () => {
    const bad = [
      { ...MINE, verbalizer: [] },
      { ...MINE, verbalizer: [{ label: 'x' }] },
      { ...MINE, template: 3 },
      'finetune',
    ];
    for (const finetune of bad) {
      const r = readStored(storageWith({ ...DEFAULT_CHOICES, text: 'kept text', finetune }));
      expect(r?.text).toBe('kept text');
      expect(r?.finetune).toBeUndefined();
    }
  });

  it('are loaded from storage even when the URL names a view (links do not carry them)', () => {
    loadInitial('?text=a%20b&spans=&order=', storageWith({ ...DEFAULT_CHOICES, text: 'stored text', finetune: MINE }));
    expect(store.getState().text).toBe('a b');
    expect(store.getState().finetune).toEqual(MINE);
  });
});

describe('writing them', () => {
  afterEach(() => vi.useRealTimers());

  it('stores a fine-tuning change although the URL stays the same', () => {
    vi.useFakeTimers();
    const storage = storageWith({ ...DEFAULT_CHOICES });
    const history: string[] = [];
    const win = {
      localStorage: storage,
      location: { search: '', hash: '' },
      history: {
        replaceState: (_s: unknown, _t: string, url: string) => history.push(`replace ${url}`),
        pushState: (_s: unknown, _t: string, url: string) => history.push(`push ${url}`),
      },
      addEventListener: () => {},
      removeEventListener: () => {},
    } as unknown as Window;
    const stop = startSync(win);
    try {
      const before = history.length;
      setFinetune({ sentence: 'a new sentence' });
      vi.advanceTimersByTime(300);
      expect(JSON.parse(storage.items.get(KEY)!).finetune.sentence).toBe('a new sentence');
      // No new history entry: the link did not change.
      expect(history.length).toBe(before);
    } finally {
      stop();
    }
  });
});
