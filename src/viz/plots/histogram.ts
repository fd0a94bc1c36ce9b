/**
 * Histograms of whole numbers (span lengths, masked counts, spans per draw) without aliasing:
 * each bin covers whole values [lo, hi), and neighbouring values are grouped only when there are
 * more distinct values than bins.
 */

export interface IntBin {
  /** First value in the bin. */
  lo: number;
  /** One past the last value. */
  hi: number;
  count: number;
  /** count / total. */
  share: number;
}

/** Counts of each whole value: counts[v] = how many values equal v. */
export function countValues(values: ArrayLike<number>): number[] {
  const counts: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = Math.round(values[i]!);
    counts[v] = (counts[v] ?? 0) + 1;
  }
  for (let v = 0; v < counts.length; v++) counts[v] ??= 0;
  return counts;
}

/**
 * Bins over `counts` (counts[v] = number of v's) from the smallest to the largest value seen,
 * grouping `width` consecutive values per bin so that there are at most `maxBins`.
 */
export function integerBins(counts: readonly number[], maxBins = 60): IntBin[] {
  let first = -1;
  let last = -1;
  let total = 0;
  counts.forEach((c, v) => {
    if (c > 0) {
      if (first < 0) first = v;
      last = v;
      total += c;
    }
  });
  if (first < 0) return [];
  const width = Math.max(1, Math.ceil((last - first + 1) / maxBins));
  const bins: IntBin[] = [];
  for (let lo = first; lo <= last; lo += width) {
    let count = 0;
    for (let v = lo; v < lo + width; v++) count += counts[v] ?? 0;
    bins.push({ lo, hi: lo + width, count, share: count / total });
  }
  return bins;
}
