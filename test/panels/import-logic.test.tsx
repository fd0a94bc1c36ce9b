// The import panel's pure steps: finding where JSON breaks, reading id batches, inferring a view
// the engine can build, diffing, and pointing at a problem's place.
import { describe, expect, it, vi } from 'vitest';
import { analyze, objectiveOf, readBatch } from '../../src/panels/Import/importer';
import { diffBatches, visibleColumns } from '../../src/panels/Import/diff';
import { locateJsonError, parseJsonText } from '../../src/panels/Import/json';
import { pointerOf } from '../../src/panels/Import/reveal';
import { construct, parseBatch, type CheckInput } from '../../src/glm';
import corrupted from '../fixtures/batches/corrupted.json';
import valid from '../fixtures/batches/valid.json';

const sampleOf = (raw: unknown): CheckInput => {
  const r = parseBatch(raw);
  if (!r.ok) throw new Error(r.message);
  return r.samples[0]!;
};

describe('where JSON breaks', () => {
  it.each([
    ['garbage', 0],
    ['{"a": 1,}', 8],
    ['[1, 2', 5],
    ['{"a" 1}', 5],
    ['{"a": tru}', 9],
    ['"open', 5],
    ['[1] x', 4],
    ['{"a": [1, 2] "b"}', 13],
  ])('%j breaks at %i', (text, at) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(locateJsonError(text)).toBe(at);
  });

  it('finds nothing wrong in JSON', () => {
    expect(locateJsonError(JSON.stringify(valid))).toBeNull();
    expect(locateJsonError(' {"a": [1, -2.5e3, true, null, "\\u00e9"]} ')).toBeNull();
  });

  it('gives line, column and the line with a caret', () => {
    const r = parseJsonText('{\n  "a": [1 2]\n}');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatchObject({ line: 2, column: 11 });
    expect(r.error.excerpt).toBe('  "a": [1 2]\n          ^');
  });
});

describe('reading a batch', () => {
  it('loads the vocabulary only for ids', async () => {
    const load = vi.fn(async () => (id: number) => `w${id}`);
    const strings = await readBatch(JSON.stringify(valid), load);
    expect(strings.ok).toBe(true);
    expect(load).not.toHaveBeenCalled();
    const ids = await readBatch(JSON.stringify({ ...valid, tokens: [101, 7], targets: [101, 7], loss_mask: [0, 0], position_ids: [0, 1], block_position_ids: [0, 0], sep: 2 }), load);
    expect(load).toHaveBeenCalledOnce();
    expect(ids.ok && ids.samples[0]!.tokens).toEqual(['[CLS]', 'w7']);
  });

  it('refuses empty and oversized input before parsing', async () => {
    const load = vi.fn();
    expect(await readBatch('  ', load)).toEqual({ ok: false, failure: { kind: 'empty' } });
    const big = await readBatch(' '.repeat(20 * 1024 * 1024 + 1), load);
    expect(big.ok === false && big.failure.kind).toBe('size');
  });
});

describe('analysis', () => {
  it('infers the spans and order, and the engine rebuilds the valid batch exactly', () => {
    const a = analyze(sampleOf(valid), 0)!;
    expect(a.check.ok).toBe(true);
    expect(a.view.spans).toEqual([
      { start: 3, end: 5 },
      { start: 9, end: 10 },
      { start: 13, end: 15 },
    ]);
    expect(a.view.order).toEqual([2, 0, 1]);
    expect(diffBatches(sampleOf(valid), a.engine!).cells).toBe(0);
  });

  it('diffs a corrupted batch at exactly the corrupted cells', () => {
    const a = analyze(sampleOf(corrupted), 0)!;
    const d = diffBatches(sampleOf(corrupted), a.engine!);
    expect([...d.columns].sort((x, y) => x - y)).toEqual([21, 24]);
    expect(d.fields.find((f) => f.field === 'position_ids')!.differs).toEqual(new Set([24]));
    expect(d.fields.find((f) => f.field === 'targets')!.differs).toEqual(new Set([21]));
  });

  it('leaves out a mask with no Part B tokens so the panels can still build the rest', () => {
    // Drop the last segment ([S] a) but keep its [MASK] in Part A.
    const b = sampleOf(valid);
    const cut = (xs: unknown[]) => xs.slice(0, 26);
    const a = analyze({ ...b, tokens: cut(b.tokens) as string[], targets: cut(b.targets) as string[], lossMask: cut(b.lossMask) as number[], positionIds: cut(b.positionIds) as number[], blockPositionIds: cut(b.blockPositionIds) as number[] }, 0)!;
    expect(a.check.problems.some((p) => p.message.includes('no Part B segment'))).toBe(true);
    expect(a.view.dropped).toHaveLength(1);
    expect(a.view.spans).toHaveLength(2);
    expect(a.engine).not.toBeNull();
  });

  it('pads the engine batch like the import, and names the objective by the mask token', () => {
    const c = construct(['[CLS]', 'a', 'b', 'c', 'd', '[EOS]'], [{ start: 2, end: 4 }], { objective: 'document', order: [0], padTo: 10 });
    const a = analyze({ ...c }, 0)!;
    expect(a.view.objective).toBe('document');
    expect(a.engine!.tokens).toEqual(c.tokens);
    expect(objectiveOf(['[CLS]', '[sMASK]'], 2)).toBe('sentence');
    expect(objectiveOf(['[CLS]', '[MASK]'], 2)).toBe('span');
  });

  it('refuses a sample whose fields disagree in length', () => {
    const b = sampleOf(valid);
    expect(analyze({ ...b, lossMask: b.lossMask.slice(1) }, 0)).toBeNull();
  });
});

describe('diff columns', () => {
  it('shows all columns, or only the differing ones with neighbours and gaps between', () => {
    expect(visibleColumns(4, new Set([2]), false)).toHaveLength(4);
    const cols = visibleColumns(100, new Set([10, 50]), true, 1);
    expect(cols).toEqual([
      { kind: 'gap', from: 0, to: 9 },
      { kind: 'col', index: 9 },
      { kind: 'col', index: 10 },
      { kind: 'col', index: 11 },
      { kind: 'gap', from: 12, to: 49 },
      { kind: 'col', index: 49 },
      { kind: 'col', index: 50 },
      { kind: 'col', index: 51 },
      { kind: 'gap', from: 52, to: 100 },
    ]);
  });
});

describe('pointing at a problem', () => {
  it('maps fields to sequence positions, text indices and mask cells', () => {
    expect(pointerOf({ field: 'position_ids', index: 24 })).toEqual({ kind: 'seq', index: 24 });
    expect(pointerOf({ field: 'attention_mask', index: 3, column: 7 })).toEqual({ kind: 'cell', q: 3, k: 7 });
    expect(pointerOf({ field: 'original', index: 2 })).toEqual({ kind: 'text', index: 2 });
    expect(pointerOf({ field: 'sep' })).toBeNull();
  });
});
