/**
 * Monte Carlo statistics of the span sampler: draw many samples for one text length and sampler
 * settings and summarise what the sampler does (span lengths, masked fraction, spans per draw,
 * mask rate by position). Incremental, so a worker can report progress and stop early.
 */
import type { Coded } from './messages';
import { createRng, type Rng } from './rng';
import { sampleSpans, type SampleOptions } from './sample';
import { CLS, EOS } from './types';

/** What the spec measured on the reference (20,000 draws, L = 512 framed by [CLS]/[EOS]). */
export const REFERENCE_FIGURES = {
  length: 512,
  draws: 20000,
  meanSpanLength: 3.16,
  maskedFractionMean: 0.151,
  maskedFractionSd: 0.003,
  spansPerDrawMean: 24.5,
  spansPerDrawSd: 2.5,
  longestSpan: 13,
  edgeMaskRate: 0.06,
  midMaskRate: 0.15,
} as const;

export interface Accumulator {
  /** Text length L (including [CLS]/[EOS] when framed). */
  length: number;
  framed: boolean;
  draws: number;
  /** Draws the sampler refused (with the last reason). */
  failures: number;
  lastFailure: string | null;
  /** The last reason as a code and values (for translation). */
  lastFailureCode: Coded | null;
  /** spanLengths[k] = spans of length k. */
  spanLengths: number[];
  /** Per-draw masked fraction of L. */
  maskedFractions: number[];
  /** Per-draw span count. */
  spansPerDraw: number[];
  /** maskCount[i] = draws in which position i was masked. */
  maskCount: Uint32Array;
}

/** Token strings of length L, framed like GLM's pretraining samples when `framed`. */
export function syntheticTokens(length: number, framed: boolean): string[] {
  const tokens = Array.from({ length }, (_, i) => `t${i}`);
  if (framed && length >= 2) {
    tokens[0] = CLS;
    tokens[length - 1] = EOS;
  }
  return tokens;
}

export function createAccumulator(length: number, framed = true): Accumulator {
  return {
    length,
    framed,
    draws: 0,
    failures: 0,
    lastFailure: null,
    lastFailureCode: null,
    spanLengths: [],
    maskedFractions: [],
    spansPerDraw: [],
    maskCount: new Uint32Array(length),
  };
}

/** Draws `count` more samples into the accumulator. */
export function drawInto(acc: Accumulator, options: SampleOptions, rng: Rng, count: number): void {
  const tokens = syntheticTokens(acc.length, acc.framed);
  for (let d = 0; d < count; d++) {
    const r = sampleSpans(tokens, options, rng);
    acc.draws++;
    if (!r.ok) {
      acc.failures++;
      acc.lastFailure = r.reason;
      acc.lastFailureCode = { code: r.code, params: r.params };
      continue;
    }
    let masked = 0;
    for (const s of r.spans) {
      const len = s.end - s.start;
      masked += len;
      acc.spanLengths[len] = (acc.spanLengths[len] ?? 0) + 1;
      for (let i = s.start; i < s.end; i++) acc.maskCount[i]!++;
    }
    acc.maskedFractions.push(masked / acc.length);
    acc.spansPerDraw.push(r.spans.length);
  }
}

export interface Moments {
  mean: number;
  sd: number;
  min: number;
  max: number;
  n: number;
}

export function moments(values: ArrayLike<number>): Moments {
  const n = values.length;
  if (n === 0) return { mean: NaN, sd: NaN, min: NaN, max: NaN, n };
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / n;
  let sq = 0;
  for (let i = 0; i < n; i++) sq += (values[i]! - mean) ** 2;
  return { mean, sd: n > 1 ? Math.sqrt(sq / (n - 1)) : 0, min, max, n };
}

export interface Summary {
  draws: number;
  failures: number;
  spanLength: Moments;
  maskedFraction: Moments;
  spansPerDraw: Moments;
  /** Mask rate at each position (draws that masked it / successful draws). */
  maskRate: number[];
  /** Mean mask rate at the first and last maskable positions. */
  edgeMaskRate: number;
  /** Mean mask rate over the middle half of the text. */
  midMaskRate: number;
  /** Share of spans of each length (index = length). */
  lengthShare: number[];
}

export function summarize(acc: Accumulator): Summary {
  const ok = acc.draws - acc.failures;
  const lengths: number[] = [];
  acc.spanLengths.forEach((c, len) => {
    for (let i = 0; i < (c ?? 0); i++) lengths.push(len);
  });
  const totalSpans = lengths.length;
  const lengthShare = Array.from({ length: acc.spanLengths.length }, (_, k) => (totalSpans ? (acc.spanLengths[k] ?? 0) / totalSpans : 0));
  const maskRate = Array.from(acc.maskCount, (c) => (ok ? c / ok : 0));
  const lo = acc.framed ? 1 : 0;
  const hi = acc.framed ? acc.length - 2 : acc.length - 1;
  const edgeMaskRate = hi >= lo ? (maskRate[lo]! + maskRate[hi]!) / 2 : NaN;
  const q1 = Math.floor(acc.length / 4);
  const q3 = Math.ceil((3 * acc.length) / 4);
  const mid = maskRate.slice(q1, q3);
  return {
    draws: acc.draws,
    failures: acc.failures,
    spanLength: moments(lengths),
    maskedFraction: moments(acc.maskedFractions),
    spansPerDraw: moments(acc.spansPerDraw),
    maskRate,
    edgeMaskRate,
    midMaskRate: mid.length ? mid.reduce((a, b) => a + b, 0) / mid.length : NaN,
    lengthShare,
  };
}

/** One call: `draws` samples at length L with a seed. */
export function monteCarlo(length: number, options: SampleOptions, draws: number, seed: number, framed = true): Summary {
  const acc = createAccumulator(length, framed);
  drawInto(acc, options, createRng(seed), draws);
  return summarize(acc);
}
