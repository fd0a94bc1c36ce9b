/**
 * Geometry of the four sampler plots as plain data: bars, points and paths in viewBox units,
 * and the ticks of both axes. React draws it (src/viz/plots/*.tsx); tests check it directly.
 */
import { area, line, max, scaleLinear } from 'd3';
import { countValues, integerBins } from './histogram';
import { DEFAULT_SIZE, innerOf, integerTicks, linearTicks, type Inner, type PlotSize, type Tick } from './frame';

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Values covered: [lo, hi) in the plot's own unit (a length, a count). */
  lo: number;
  hi: number;
  count: number;
  share: number;
}

export interface Point {
  cx: number;
  cy: number;
}

interface Axes {
  inner: Inner;
  xTicks: Tick[];
  yTicks: Tick[];
}

/** A y scale over shares 0..top, with a little headroom and round ticks. */
function shareScale(top: number, inner: Inner) {
  return scaleLinear()
    .domain([0, top > 0 ? Math.min(1, top * 1.08) : 1])
    .nice(5)
    .range([inner.y1, inner.y0]);
}

// ---- Span length histogram against the truncated Poisson pmf ----
export interface SpanLengthGeometry extends Axes {
  bars: Bar[];
  /** pmf[k - 1] as points over length k. */
  pmf: (Point & { k: number; p: number })[];
  pmfPath: string;
  /** Longest length drawn. */
  kMax: number;
}

/**
 * @param spanLengths spanLengths[k] = number of spans of length k (the accumulator's table)
 * @param pmf pmf[k - 1] = P(length = k), from `truncatedPoissonPmf`
 */
export function spanLengthGeometry(spanLengths: readonly (number | undefined)[], pmf: readonly number[], size: PlotSize = DEFAULT_SIZE): SpanLengthGeometry {
  const inner = innerOf(size);
  const total = spanLengths.reduce<number>((a, c) => a + (c ?? 0), 0);
  let lastSeen = 0;
  spanLengths.forEach((c, k) => (c ? (lastSeen = k) : 0));
  let lastPmf = 0;
  pmf.forEach((p, i) => (p >= 5e-4 ? (lastPmf = i + 1) : 0));
  const kMax = Math.max(1, lastSeen, lastPmf);
  const x = scaleLinear().domain([0.5, kMax + 0.5]).range([inner.x0, inner.x1]);
  const shares = Array.from({ length: kMax + 1 }, (_, k) => (total ? (spanLengths[k] ?? 0) / total : 0));
  const y = shareScale(Math.max(max(shares) ?? 0, max(pmf.slice(0, kMax)) ?? 0), inner);
  const bars: Bar[] = [];
  for (let k = 1; k <= kMax; k++) {
    const count = spanLengths[k] ?? 0;
    if (!count) continue;
    const share = shares[k]!;
    bars.push({ x: x(k - 0.4), width: x(k + 0.4) - x(k - 0.4), y: y(share), height: y(0) - y(share), lo: k, hi: k + 1, count, share });
  }
  const pts = Array.from({ length: Math.min(kMax, pmf.length) }, (_, i) => ({ k: i + 1, p: pmf[i]!, cx: x(i + 1), cy: y(pmf[i]!) }));
  return {
    inner,
    bars,
    pmf: pts,
    pmfPath: line<Point>((d) => d.cx, (d) => d.cy)(pts) ?? '',
    kMax,
    xTicks: integerTicks(x, Math.min(kMax, 12)).filter((t) => t.label !== '0'),
    yTicks: linearTicks(y, 5, '%'),
  };
}

// ---- Histograms of whole-number draws (spans per draw, masked tokens) ----
export interface CountGeometry extends Axes {
  bars: Bar[];
  /** x of a value in the plot's unit (for marker lines). */
  xOf: (value: number) => number;
}

/**
 * Histogram of whole numbers. `unit` divides values for the x axis (L for the masked fraction,
 * 1 for counts); `marks` widen the x domain so that a marker line (the target ratio) is in view.
 */
export function countGeometry(values: ArrayLike<number>, size: PlotSize = DEFAULT_SIZE, unit = 1, marks: number[] = [], format?: string): CountGeometry {
  const inner = innerOf(size);
  const bins = integerBins(countValues(values), 50);
  const lo = bins.length ? bins[0]!.lo - 0.5 : 0;
  const hi = bins.length ? bins[bins.length - 1]!.hi - 0.5 : 1;
  const markValues = marks.map((m) => m * unit);
  const d0 = Math.min(lo, ...markValues.map((m) => m - 1));
  const d1 = Math.max(hi, ...markValues.map((m) => m + 1));
  const x = scaleLinear().domain([d0 / unit, d1 / unit]).range([inner.x0, inner.x1]);
  const y = shareScale(max(bins, (b) => b.share) ?? 0, inner);
  const gap = 0.6;
  const bars = bins.map((b) => {
    const left = x((b.lo - 0.5) / unit);
    const right = x((b.hi - 0.5) / unit);
    const w = Math.max(0.8, right - left - gap);
    return { x: left + (right - left - w) / 2, width: w, y: y(b.share), height: y(0) - y(b.share), lo: b.lo, hi: b.hi, count: b.count, share: b.share };
  });
  const xTicks = unit === 1 ? integerTicks(x, 8) : linearTicks(x, 6, format);
  return { inner, bars, xOf: (v) => x(v), xTicks, yTicks: linearTicks(y, 5, '%') };
}

// ---- Mask rate by position ----
export interface RateGeometry extends Axes {
  linePath: string;
  areaPath: string;
  /** y of the target ratio. */
  ratioY: number;
  /** The first and last maskable positions, with their rates. */
  edges: (Point & { index: number; rate: number })[];
  xOf: (index: number) => number;
  yOf: (rate: number) => number;
}

/** maskRate[i] = share of draws that masked position i; `maskable` = [lo, hi) the sampler may mask. */
export function maskRateGeometry(maskRate: readonly number[], ratio: number, maskable: { lo: number; hi: number }, size: PlotSize = DEFAULT_SIZE): RateGeometry {
  const inner = innerOf(size);
  const L = maskRate.length;
  const x = scaleLinear().domain([0, Math.max(1, L - 1)]).range([inner.x0, inner.x1]);
  const y = scaleLinear()
    .domain([0, Math.min(1, Math.max(max(maskRate) ?? 0, ratio, 0.01) * 1.12)])
    .nice(5)
    .range([inner.y1, inner.y0]);
  const pts = maskRate.map((r, i) => [x(i), y(r)] as [number, number]);
  const edgeIdx = maskable.hi > maskable.lo ? [...new Set([maskable.lo, maskable.hi - 1])] : [];
  return {
    inner,
    linePath: line()(pts) ?? '',
    areaPath: area()
      .x((d) => d[0])
      .y0(y(0))
      .y1((d) => d[1])(pts) ?? '',
    ratioY: y(ratio),
    edges: edgeIdx.map((i) => ({ index: i, rate: maskRate[i] ?? 0, cx: x(i), cy: y(maskRate[i] ?? 0) })),
    xOf: x,
    yOf: y,
    xTicks: integerTicks(x, 8),
    yTicks: linearTicks(y, 5, '%'),
  };
}
