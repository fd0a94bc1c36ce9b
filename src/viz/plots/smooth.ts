/**
 * Smoothing a noisy series (a training loss) the way training dashboards do: an exponential moving
 * average, corrected for its start at zero (as Adam corrects its moments), so the first points are
 * not dragged towards 0.
 */

/** Debiased EMA of `values` with weight `alpha` on the newest value (0 < alpha <= 1). */
export function smoothEma(values: readonly number[], alpha = 0.1): number[] {
  const out: number[] = [];
  let m = 0;
  let w = 0;
  for (const v of values) {
    m = (1 - alpha) * m + alpha * v;
    w = (1 - alpha) * w + alpha;
    out.push(m / w);
  }
  return out;
}
