import { beforeEach, describe, expect, it } from 'vitest';
import {
  addSpan,
  clearSpans,
  derive,
  formatUrl,
  moveInOrder,
  parseUrl,
  removeSpan,
  resetStore,
  sampleNow,
  setCls,
  setSeed,
  setText,
  shuffleOrder,
  store,
  tokensOf,
  DEFAULT_CHOICES,
} from '../../src/store';
import { translateMsg, type Msg } from '../../src/i18n';

const count = (text: string, cls: boolean) => tokensOf(text, cls).length;
const words = () => derive(store.getState()).texts;
/** The last notice as an English reader sees it. */
const lastNotice = () => {
  const n = store.getState().notices.at(-1);
  return n ? translateMsg('en', n.msg) : '';
};
/** Messages as an English reader sees them. */
const english = (msgs: Msg[]) => msgs.map((m) => translateMsg('en', m));

beforeEach(() => resetStore({ text: 'the cat sat on the mat today', cls: true, spans: [], order: [] }));

describe('store actions', () => {
  it('adds spans in text order and puts each new span last in Part B', () => {
    expect(addSpan({ start: 5, end: 7 })).toBe(true);
    expect(addSpan({ start: 2, end: 3 })).toBe(true);
    const s = store.getState();
    expect(s.spans).toEqual([{ start: 2, end: 3 }, { start: 5, end: 7 }]);
    // first added (now sorted index 1) is placed first; the new one (sorted index 0) last
    expect(s.order).toEqual([1, 0]);
  });

  it('refuses overlapping spans and [CLS] with a message, keeping the state', () => {
    addSpan({ start: 2, end: 4 });
    expect(addSpan({ start: 3, end: 5 })).toBe(false);
    expect(lastNotice()).toMatch(/overlap/);
    expect(addSpan({ start: 0, end: 2 })).toBe(false);
    expect(lastNotice()).toMatch(/\[CLS\]/);
    expect(store.getState().spans).toEqual([{ start: 2, end: 4 }]);
  });

  it('allows adjacent spans but flags them', () => {
    addSpan({ start: 2, end: 3 });
    expect(addSpan({ start: 3, end: 4 })).toBe(true);
    expect(lastNotice()).toMatch(/sampler/);
  });

  it('removes a span and keeps the relative Part B order of the rest', () => {
    addSpan({ start: 1, end: 2 });
    addSpan({ start: 3, end: 4 });
    addSpan({ start: 5, end: 6 });
    moveInOrder(2, 0); // order [2,0,1]
    expect(store.getState().order).toEqual([2, 0, 1]);
    removeSpan(0);
    expect(store.getState().order).toEqual([1, 0]);
    clearSpans();
    expect(store.getState().spans).toEqual([]);
  });

  it('keeps spans on the same words while the text is edited before them', () => {
    addSpan({ start: 5, end: 7 }); // "the mat"
    expect(words().slice(5, 7)).toEqual(['the', 'mat']);
    setText('oh the black cat sat on the mat today');
    const { spans } = store.getState();
    expect(spans).toHaveLength(1);
    expect(words().slice(spans[0]!.start, spans[0]!.end)).toEqual(['the', 'mat']);
  });

  it('drops a span the edit touches, and says so', () => {
    addSpan({ start: 2, end: 3 }); // "cat"
    setText('the dog sat on the mat today');
    expect(store.getState().spans).toEqual([]);
    expect(lastNotice()).toMatch(/removed/);
  });

  it('toggling [CLS] framing keeps spans on their words', () => {
    addSpan({ start: 2, end: 3 });
    setCls(false);
    expect(store.getState().spans).toEqual([{ start: 1, end: 2 }]);
    expect(words()[1]).toBe('cat');
  });

  it('each sample moves the seed on, a set seed reproduces its draw, and shuffle moves the seed on', () => {
    resetStore({ text: 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen', spans: [], order: [], seed: 42 });
    sampleNow();
    const first = store.getState().spans;
    expect(first.length).toBeGreaterThan(0);
    expect(store.getState().seed).toBe(42);
    sampleNow();
    expect(store.getState().seed).toBe(43);
    expect(store.getState().spans).not.toEqual(first);
    setSeed(42);
    sampleNow();
    expect(store.getState().seed).toBe(42);
    expect(store.getState().spans).toEqual(first);
    const seed = store.getState().seed;
    shuffleOrder();
    expect(store.getState().seed).toBe(seed + 1);
    expect([...store.getState().order].sort()).toEqual(first.map((_, i) => i));
  });
});

describe('url', () => {
  it('round-trips the documented format', () => {
    const c = { ...DEFAULT_CHOICES, text: 'x1 x2 x3 x4 x5 x6', cls: false, spans: [{ start: 2, end: 3 }, { start: 4, end: 6 }], order: [1, 0], base: 1 as const };
    const q = formatUrl(c);
    expect(q).toContain('spans=2-3%2C4-6');
    expect(q).toContain('order=1%2C0');
    const back = parseUrl(q, count);
    expect(back.dropped).toEqual([]);
    expect(back.choices).toMatchObject({ text: c.text, cls: false, spans: c.spans, order: [1, 0], base: 1 });
  });

  it('keeps what it can from a stale link and says what it dropped', () => {
    const r = parseUrl('?text=a%20b%20c&cls=0&spans=0-1,2-9,x&order=1,0', count);
    expect(r.choices.text).toBe('a b c');
    expect(r.choices.spans).toEqual([]);
    expect(english(r.dropped).join(' ')).toMatch(/could not be read/);
    const r2 = parseUrl('?text=a%20b%20c&cls=0&spans=0-1,2-9&order=1,0&objective=gpt&seed=-3&base=7', count);
    expect(r2.choices.spans).toEqual([{ start: 0, end: 1 }]);
    expect(r2.choices.order).toEqual([0]);
    const said = english(r2.dropped).join(' | ');
    expect(said).toMatch(/2-9 dropped/);
    expect(said).toMatch(/order=1,0 dropped/);
    expect(said).toMatch(/objective=gpt/);
    expect(said).toMatch(/seed=-3/);
    expect(said).toMatch(/base=7/);
  });

  it('drops overlapping spans from a link', () => {
    const r = parseUrl('?text=a%20b%20c%20d&cls=0&spans=0-2,1-3', count);
    expect(r.choices.spans).toEqual([{ start: 0, end: 2 }]);
    expect(english(r.dropped)[0]).toMatch(/overlap/);
  });
});

describe('imported batches', () => {
  it('shows the imported tokens and gives the user their own spans back afterwards', async () => {
    const { importBatch, leaveImport } = await import('../../src/store');
    addSpan({ start: 2, end: 3 });
    const mine = store.getState().spans;
    const tokens = ['[CLS]', 'a', 'b', 'c', '[EOS]'];
    importBatch({
      name: 'pasted batch',
      tokens,
      batch: { tokens: [], targets: [], lossMask: [], positionIds: [], blockPositionIds: [], sep: 0 },
      sample: 0,
      samples: 1,
      spans: [{ start: 1, end: 3 }],
      order: [0],
      layout: 'block',
    });
    expect(words()).toEqual(tokens);
    expect(derive(store.getState()).construction?.tokens).toEqual(['[CLS]', '[MASK]', 'c', '[EOS]', '[S]', 'a', 'b']);
    leaveImport();
    expect(store.getState().imported).toBeNull();
    expect(store.getState().spans).toEqual(mine);
    expect(words()[2]).toBe('cat');
  });
});
