/**
 * Shared pieces of the engine tests: random cases for fast-check, and small independent
 * computations written from the spec (docs/glm-blank-infilling.md), never from the engine.
 */
import fc from 'fast-check';
import type { Objective, Span } from '../../src/glm';

export const CLS = '[CLS]';
export const EOS = '[EOS]';

/** Plain words and punctuation: no string here looks like a special token. */
export const WORDS = ['the', 'cat', 'sat', 'on', 'a', 'mat', 'dog', 'ran', 'x', 'y', 'z', 'é', '猫', ',', '.', '!', '?'];

/** Every special spelling the engine knows, for corruptions. */
export const SPECIALS = ['[S]', '[E]', '[MASK]', '[sMASK]', '[gMASK]', '[PAD]', '[CLS]', '[EOS]', '[UNK]'];

/** The mask token the spec prescribes for an objective (section 1, step 2). */
export function specMaskToken(objective: Objective, taskMask: boolean): string {
  if (!taskMask) return '[MASK]';
  return { span: '[MASK]', sentence: '[sMASK]', document: '[gMASK]' }[objective];
}

export interface Case {
  tokens: string[];
  /** Sorted by start, non-overlapping, adjacent allowed. */
  spans: Span[];
  /** A permutation of 0..k-1. */
  order: number[];
  framed: boolean;
  objective: Objective;
  taskMask: boolean;
}

/**
 * Random non-overlapping spans over n tokens, adjacency allowed: cut 0..n at random points and
 * make each piece between two consecutive cuts a span or not. Every set of non-overlapping spans
 * can come out of this.
 */
export function arbSpans(n: number, maxCuts = 24): fc.Arbitrary<Span[]> {
  return fc
    .uniqueArray(fc.integer({ min: 0, max: n }), { maxLength: Math.min(n + 1, maxCuts) })
    .map((cuts) => [...cuts].sort((a, b) => a - b))
    .chain((cuts) =>
      fc.array(fc.boolean(), { minLength: Math.max(cuts.length - 1, 0), maxLength: Math.max(cuts.length - 1, 0) }).map((flags) => {
        const spans: Span[] = [];
        flags.forEach((on, i) => {
          if (on) spans.push({ start: cuts[i]!, end: cuts[i + 1]! });
        });
        return spans;
      }),
    );
}

/** A permutation of 0..k-1. */
export function arbOrder(k: number): fc.Arbitrary<number[]> {
  const ids = Array.from({ length: k }, (_, i) => i);
  return fc.shuffledSubarray(ids, { minLength: k, maxLength: k });
}

export function arbCase(options: { maxWords?: number; objectives?: Objective[] } = {}): fc.Arbitrary<Case> {
  const objectives = options.objectives ?? ['span', 'sentence', 'document'];
  return fc
    .record({
      words: fc.array(fc.constantFrom(...WORDS), { maxLength: options.maxWords ?? 40 }),
      framed: fc.boolean(),
      objective: fc.constantFrom(...objectives),
      taskMask: fc.boolean(),
    })
    .chain(({ words, framed, objective, taskMask }) => {
      const tokens = framed ? [CLS, ...words, EOS] : words;
      return arbSpans(tokens.length).chain((spans) =>
        arbOrder(spans.length).map((order) => ({ tokens, spans, order, framed, objective, taskMask })),
      );
    });
}

/**
 * Where each span's mask token lands in Part A, from the spec's arithmetic: every earlier span of
 * length l shrinks the text by l - 1, so mask i sits at start_i - sum_{j<i} (l_j - 1).
 */
export function specMaskIndex(spans: readonly Span[]): number[] {
  let removed = 0;
  return spans.map((s) => {
    const at = s.start - removed;
    removed += s.end - s.start - 1;
    return at;
  });
}

/** The attention mask from the spec's prose, as blocks (not from the k < sep or k <= q formula). */
export function proseMask(sep: number, length: number): number[][] {
  const rows: number[][] = [];
  for (let q = 0; q < length; q++) {
    const row: number[] = [];
    for (let k = 0; k < length; k++) {
      const qInA = q < sep;
      const kInA = k < sep;
      let visible: boolean;
      if (qInA) visible = kInA; // Part A: bidirectional over Part A, never sees Part B
      else if (kInA) visible = true; // Part B sees all of Part A
      else visible = k <= q; // causal over Part B, across span boundaries
      row.push(visible ? 1 : 0);
    }
    rows.push(row);
  }
  return rows;
}

/** Sum of squared standardised deviations (Pearson's chi-square). */
export function chiSquare(observed: readonly number[], expected: readonly number[]): number {
  let x = 0;
  observed.forEach((o, i) => {
    const e = expected[i]!;
    x += ((o - e) * (o - e)) / e;
  });
  return x;
}

export function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

export function sd(xs: readonly number[]): number {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) * (b - m), 0) / (xs.length - 1));
}
