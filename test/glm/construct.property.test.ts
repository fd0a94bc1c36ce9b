/**
 * Property tests of construction: random token lists (with and without [CLS]/[EOS]), random
 * non-overlapping spans (adjacent allowed), random Part B orders, all three objectives, task mask
 * on and off. Each invariant is checked in its own formulation, from the spec.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attentionMatrix, attentionRows, construct, type Construction } from '../../src/glm';
import { arbCase, specMaskIndex, specMaskToken, type Case } from './helpers';

const RUNS = { numRuns: 200 };

const build = (c: Case): Construction =>
  construct(c.tokens, c.spans, { order: c.order, objective: c.objective, taskMask: c.taskMask });

const lengths = (c: Case) => c.spans.map((s) => s.end - s.start);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Part B cut at each [S]: [start, end) sequence ranges. */
function segmentsOf(tokens: string[], sep: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = sep; i < tokens.length; i++) {
    if (tokens[i] === '[S]') out.push([i, i + 1]);
    else out[out.length - 1]![1] = i + 1;
  }
  return out;
}

describe('construction invariants (fast-check)', () => {
  it('has length n + 2k and len(Part A) = n - sum(l) + k', () => {
    fc.assert(
      fc.property(arbCase(), (c) => {
        const b = build(c);
        const n = c.tokens.length;
        const k = c.spans.length;
        expect(b.tokens.length).toBe(n + 2 * k);
        for (const f of [b.targets, b.lossMask, b.positionIds, b.blockPositionIds]) expect(f.length).toBe(n + 2 * k);
        expect(b.sep).toBe(n - sum(lengths(c)) + k);
      }),
      RUNS,
    );
  });

  it('rebuilds the original from Part A with the spans filled back in', () => {
    fc.assert(
      fc.property(arbCase(), (c) => {
        const b = build(c);
        const mask = specMaskToken(c.objective, c.taskMask);
        const segs = segmentsOf(b.tokens, b.sep);
        const rebuilt: string[] = [];
        for (let i = 0; i < b.sep; i++) {
          if (b.tokens[i] !== mask) {
            rebuilt.push(b.tokens[i]!);
            continue;
          }
          // The segment that fills mask i is the one whose position ids point at i.
          const owners = segs.filter(([s]) => b.positionIds[s] === i);
          expect(owners).toHaveLength(1);
          const [s, e] = owners[0]!;
          rebuilt.push(...b.tokens.slice(s + 1, e));
        }
        expect(rebuilt).toEqual(c.tokens);
      }),
      RUNS,
    );
  });

  it('puts each span once between its [S] and the next [S] or the end, with targets span + [E]', () => {
    fc.assert(
      fc.property(arbCase(), (c) => {
        const b = build(c);
        const segs = segmentsOf(b.tokens, b.sep);
        expect(segs).toHaveLength(c.spans.length);
        expect(b.tokens.slice(b.sep).filter((t) => t === '[S]')).toHaveLength(c.spans.length);
        expect(b.tokens.includes('[E]')).toBe(false); // [E] only as a target
        expect(b.targets.includes('[S]')).toBe(false); // [S] only as an input
        segs.forEach(([s, e], r) => {
          const span = c.spans[c.order[r]!]!;
          const body = c.tokens.slice(span.start, span.end);
          expect(b.tokens.slice(s, e)).toEqual(['[S]', ...body]);
          expect(b.targets.slice(s, e)).toEqual([...body, '[E]']);
        });
      }),
      RUNS,
    );
  });

  it('uses the mask token of the objective, one per span, and copies Part A into the targets', () => {
    fc.assert(
      fc.property(arbCase(), (c) => {
        const b = build(c);
        const mask = specMaskToken(c.objective, c.taskMask);
        const partA = b.tokens.slice(0, b.sep);
        const want = specMaskIndex(c.spans);
        expect(partA.flatMap((t, i) => (t === mask ? [i] : []))).toEqual(want);
        // No other mask spelling appears.
        for (const other of ['[MASK]', '[sMASK]', '[gMASK]'].filter((m) => m !== mask)) {
          expect(b.tokens.includes(other)).toBe(false);
        }
        expect(b.targets.slice(0, b.sep)).toEqual(partA);
        expect(b.maskTokens).toEqual(c.spans.map(() => mask));
      }),
      RUNS,
    );
  });

  it('has loss only on Part B', () => {
    fc.assert(
      fc.property(arbCase(), (c) => {
        const b = build(c);
        expect(b.lossMask).toEqual(b.tokens.map((_, i) => (i < b.sep ? 0 : 1)));
      }),
      RUNS,
    );
  });

  it("gives Part A its indices and each Part B token its span's mask index", () => {
    fc.assert(
      fc.property(arbCase(), (c) => {
        const b = build(c);
        const maskAt = specMaskIndex(c.spans);
        const want: number[] = Array.from({ length: b.sep }, (_, i) => i);
        for (const i of c.order) {
          const l = c.spans[i]!.end - c.spans[i]!.start;
          for (let j = 0; j <= l; j++) want.push(maskAt[i]!);
        }
        expect(b.positionIds).toEqual(want);
      }),
      RUNS,
    );
  });

  it('gives block positions 0 on Part A and 1..l+1 within each segment', () => {
    fc.assert(
      fc.property(arbCase(), (c) => {
        const b = build(c);
        const want: number[] = new Array<number>(b.sep).fill(0);
        for (const i of c.order) {
          const l = c.spans[i]!.end - c.spans[i]!.start;
          for (let j = 1; j <= l + 1; j++) want.push(j);
        }
        expect(b.blockPositionIds).toEqual(want);
      }),
      RUNS,
    );
  });

  it('builds a mask with k < sep or k <= q in every cell, in both representations', () => {
    fc.assert(
      fc.property(arbCase(), (c) => {
        const b = build(c);
        const L = b.tokens.length;
        const flat = attentionMatrix(b.sep, L);
        const rows = attentionRows(b.sep, L);
        expect(flat.length).toBe(L * L);
        expect(rows).toHaveLength(L);
        for (let q = 0; q < L; q++) {
          for (let k = 0; k < L; k++) {
            const want = k < b.sep || k <= q ? 1 : 0;
            if (flat[q * L + k] !== want || rows[q]![k] !== want) {
              throw new Error(`cell (${q}, ${k}) with sep ${b.sep} is ${flat[q * L + k]}/${rows[q]![k]}, want ${want}`);
            }
          }
        }
      }),
      RUNS,
    );
  });

  it('keeps the bookkeeping (spans, order, maskIndex, segments, origins, textToSeq) consistent', () => {
    fc.assert(
      fc.property(arbCase(), (c) => {
        const b = build(c);
        expect(b.spans).toEqual(c.spans);
        expect(b.order).toEqual(c.order);
        expect(b.maskIndex).toEqual(specMaskIndex(c.spans));
        expect(b.original).toEqual(c.tokens);
        expect(b.origins).toHaveLength(b.tokens.length);
        b.segments.forEach((seg, r) => {
          expect(seg.span).toBe(c.order[r]);
          expect(b.tokens[seg.start]).toBe('[S]');
        });
        // Each text token is read at the sequence index textToSeq points to.
        c.tokens.forEach((t, i) => expect(b.tokens[b.textToSeq[i]!]).toBe(t));
        expect(b.layout).toBe('block');
        expect(b.unpaddedLength).toBe(b.tokens.length);
      }),
      RUNS,
    );
  });

  it('draws a permutation from the seed when no order is given, and text order without shuffle', () => {
    fc.assert(
      fc.property(arbCase(), fc.nat(), (c, seed) => {
        const a = construct(c.tokens, c.spans, { seed });
        expect([...a.order].sort((x, y) => x - y)).toEqual(c.spans.map((_, i) => i));
        expect(construct(c.tokens, c.spans, { seed }).order).toEqual(a.order);
        expect(construct(c.tokens, c.spans, { seed, shuffle: false }).order).toEqual(c.spans.map((_, i) => i));
      }),
      RUNS,
    );
  });
});
