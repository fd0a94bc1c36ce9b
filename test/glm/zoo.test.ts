import { describe, expect, it } from 'vitest';
import { allOrders, objectiveZoo, spansSeen, type Scheme } from '../../src/glm';

const X = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6'];
const SPANS = [{ start: 2, end: 3 }, { start: 4, end: 6 }];
const zoo = objectiveZoo(X, SPANS, [1, 0], 1);
const get = (id: Scheme['id']) => zoo.find((s) => s.id === id)!;
const sees = (s: Scheme, q: number, k: number) => s.mask[q * s.n + k] === 1;

describe('objective zoo on the paper example', () => {
  it('BERT masks each span token separately and sees everything', () => {
    const b = get('bert');
    expect(b.inputs).toEqual(['x1', 'x2', '[MASK]', 'x4', '[MASK]', '[MASK]']);
    expect(b.targets).toEqual([null, null, 'x3', null, 'x5', 'x6']);
    expect(b.mask.every((v) => v === 1)).toBe(true);
  });

  it('GPT predicts every next token, causally', () => {
    const g = get('gpt');
    expect(g.targets).toEqual(['x2', 'x3', 'x4', 'x5', 'x6', null]);
    expect(sees(g, 2, 3)).toBe(false);
    expect(sees(g, 3, 2)).toBe(true);
  });

  it('T5 is GLM without shuffling and with sentinels, in an encoder-decoder', () => {
    const t = get('t5');
    expect(t.inputs).toEqual(['x1', 'x2', '<X_0>', 'x4', '<X_1>', '<X_0>', 'x3', '<X_1>', 'x5', 'x6']);
    expect(t.targets.slice(5)).toEqual(['x3', '<X_1>', 'x5', 'x6', '</s>']);
    expect(t.split).toBe(5);
    expect(sees(t, 0, 5)).toBe(false); // encoder never sees the decoder
    expect(sees(t, 8, 6)).toBe(true); // x5 sees the x3 written before it
  });

  it('GLM keeps the shuffled order; its no-shuffle ablation keeps text order', () => {
    expect(get('glm').inputs).toEqual(['x1', 'x2', '[MASK]', 'x4', '[MASK]', '[S]', 'x5', 'x6', '[S]', 'x3']);
    expect(get('glm-no-shuffle').inputs).toEqual(['x1', 'x2', '[MASK]', 'x4', '[MASK]', '[S]', 'x3', '[S]', 'x5', 'x6']);
    expect(get('glm-no-2d').positions[1]!.values).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    const s = get('glm-sentinel');
    expect(s.inputs).toEqual(['x1', 'x2', '[MASK_1]', 'x4', '[MASK_0]', '[S_0]', 'x5', 'x6', '[S_1]', 'x3']);
  });

  it('XLNet: a target never sees its own content, context tokens come first in the order', () => {
    const x = get('xlnet');
    for (const q of [2, 4, 5]) expect(sees(x, q, q)).toBe(false);
    for (const q of [0, 1, 3]) expect(sees(x, q, q)).toBe(true);
    // every target sees every context token
    for (const q of [2, 4, 5]) for (const k of [0, 1, 3]) expect(sees(x, q, k)).toBe(true);
  });
});

describe('permutation explorer', () => {
  it('lists k! orders and which spans each span sees', () => {
    expect(allOrders(3)).toHaveLength(6);
    expect(allOrders(5)).toHaveLength(120);
    expect(new Set(allOrders(4).map((o) => o.join())).size).toBe(24);
    // paper order (x5 x6, x3): x3 (span 0) sees x5 x6 (span 1); span 1 sees nothing
    expect(spansSeen([1, 0])).toEqual([[1], []]);
    expect(spansSeen([2, 0, 1])).toEqual([[2], [0, 2], []]);
  });
});
