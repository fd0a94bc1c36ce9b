/**
 * Attention weights on the mask (the model issue's extension point): an N × N grid of weights,
 * row = query, column = key, read as one flat row-major Float32Array. Visible cells are coloured
 * by weight with a colour-blind-safe sequential scale; masked cells weigh exactly 0.
 */
import { interpolateCividis, randomLcg, scaleSequential, type ScaleSequential } from 'd3';
import { canAttend } from '../glm/mask';

/** Weights as the panel accepts them: flat row-major [N*N], or N rows of N numbers. */
export type WeightsInput = Float32Array | readonly (readonly number[])[];

/** Weights flattened to shape [n*n] (row-major), or null when they do not describe an n × n grid. */
export function flattenWeights(weights: WeightsInput | undefined, n: number): Float32Array | null {
  if (!weights || n <= 0) return null;
  if (weights instanceof Float32Array) return weights.length === n * n ? weights : null;
  if (weights.length !== n) return null;
  const flat = new Float32Array(n * n);
  for (let q = 0; q < n; q++) {
    const row = weights[q]!;
    if (row.length !== n) return null;
    for (let k = 0; k < n; k++) flat[q * n + k] = row[k]!;
  }
  return flat;
}

/** The weight of cell (q, k): exactly 0 where the mask hides the key, whatever the input says. */
export function weightAt(flat: Float32Array, n: number, sep: number, q: number, k: number): number {
  return canAttend(sep, q, k) ? flat[q * n + k]! : 0;
}

/** Largest weight on a visible cell (at least a tiny positive number, so scales have a range). */
export function maxVisibleWeight(flat: Float32Array, n: number, sep: number): number {
  let max = 0;
  for (let q = 0; q < n; q++) {
    const end = Math.min(n, Math.max(sep, q + 1));
    for (let i = q * n, stop = q * n + end; i < stop; i++) if (flat[i]! > max) max = flat[i]!;
  }
  return max > 0 ? max : 1e-9;
}

/**
 * Weight → colour (cividis: readable by colour-blind viewers and in greyscale). Heavier weights
 * are darker on the light theme and brighter on the dark one, so "more attention" always stands
 * out from the background.
 */
export function weightScale(max: number, theme: 'light' | 'dark'): ScaleSequential<string> {
  const domain: [number, number] = theme === 'dark' ? [0, max] : [max, 0];
  return scaleSequential(interpolateCividis).domain(domain).clamp(true);
}

/** Formats a weight for names and tooltips: "0.132"; exactly "0" for a zero weight. */
export function formatWeight(w: number): string {
  if (w === 0) return '0';
  if (Math.abs(w) < 0.001) return w.toExponential(1);
  return w.toFixed(3);
}

/**
 * Plausible fake weights for stories and tests: for each query a softmax over its visible keys of
 * seeded random scores, with a bonus for itself and for recent keys. Shape [n*n], rows sum to 1.
 */
export function syntheticWeights(sep: number, n: number, seed = 1): Float32Array {
  const rand = randomLcg(seed / 2 ** 32 + 1e-6);
  const out = new Float32Array(n * n);
  for (let q = 0; q < n; q++) {
    const end = Math.min(n, Math.max(sep, q + 1));
    let sum = 0;
    for (let k = 0; k < end; k++) {
      const near = 1.5 * Math.exp(-Math.abs(q - k) / 2);
      const e = Math.exp(2.2 * rand() + near);
      out[q * n + k] = e;
      sum += e;
    }
    for (let k = 0; k < end; k++) out[q * n + k] = out[q * n + k]! / sum;
  }
  return out;
}
