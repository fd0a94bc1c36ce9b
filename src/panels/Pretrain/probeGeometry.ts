/**
 * Geometry of the probe chart as plain data (paths and points in viewBox units, ticks of both
 * axes): the probe's target probability (the mean probability of the true tokens) and the share
 * of its greedy fill that is right, at each step it was probed, on one 0–1 axis. d3 computes the
 * scales and paths; React draws them (ProbeChart.tsx).
 */
import { line, scaleLinear } from 'd3';
import {
  innerOf,
  integerTicks,
  linearTicks,
  type Inner,
  type PlotSize,
  type Tick,
} from '../../viz/plots/frame';

export interface ProbePoint {
  step: number;
  /** The mean probability of the true tokens, 0..1. */
  meanProb: number;
  /** Tokens of the fill right, of `total`. */
  right: number;
  total: number;
}

export interface ProbeDot {
  cx: number;
  cy: number;
  step: number;
}

export interface ProbeGeometry {
  inner: Inner;
  xTicks: Tick[];
  yTicks: Tick[];
  meanPath: string;
  rightPath: string;
  meanDots: ProbeDot[];
  rightDots: ProbeDot[];
}

/** At most this many markers per line (a long run probed every step has thousands). */
export const MAX_PROBE_DOTS = 60;

export const PROBE_SIZE: PlotSize = {
  width: 560,
  height: 240,
  margin: { top: 34, right: 18, bottom: 44, left: 54 },
};

export function probeGeometry(
  points: readonly ProbePoint[],
  /** The x axis runs to at least this step (the budget). */
  lastStep: number,
  size: PlotSize = PROBE_SIZE,
): ProbeGeometry {
  const inner = innerOf(size);
  const steps = Math.max(lastStep, points.at(-1)?.step ?? 0, 1);
  const x = scaleLinear().domain([0, steps]).range([inner.x0, inner.x1]);
  const y = scaleLinear().domain([0, 1]).range([inner.y1, inner.y0]);
  const share = (p: ProbePoint) => (p.total > 0 ? p.right / p.total : 0);
  const path = (pts: [number, number][]) => (pts.length ? (line()(pts) ?? '') : '');
  const every = Math.max(1, Math.ceil(points.length / MAX_PROBE_DOTS));
  const kept = points.filter((_, i) => i % every === 0 || i === points.length - 1);
  return {
    inner,
    xTicks: integerTicks(x, 6),
    yTicks: linearTicks(y, 5),
    meanPath: path(points.map((p) => [x(p.step), y(p.meanProb)])),
    rightPath: path(points.map((p) => [x(p.step), y(share(p))])),
    meanDots: kept.map((p) => ({ cx: x(p.step), cy: y(p.meanProb), step: p.step })),
    rightDots: kept.map((p) => ({ cx: x(p.step), cy: y(share(p)), step: p.step })),
  };
}
