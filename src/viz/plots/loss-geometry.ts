/**
 * Geometry of a loss curve as plain data (paths and points in viewBox units, ticks of both axes):
 * the training loss of every step, its smoothed line, and the held-out loss at the steps it was
 * scored. d3 computes the scales and paths; React draws them (src/panels/Pretrain/LossCurve.tsx).
 */
import { line, max, scaleLinear } from 'd3';
import {
  DEFAULT_SIZE,
  innerOf,
  integerTicks,
  linearTicks,
  type Inner,
  type PlotSize,
  type Tick,
} from './frame';

export interface CurvePoint {
  step: number;
  loss: number;
}

export interface LossGeometry {
  inner: Inner;
  xTicks: Tick[];
  yTicks: Tick[];
  /** The training loss of every step (a thin line). */
  rawPath: string;
  /** The smoothed training loss. */
  smoothPath: string;
  /** The held-out loss (a dashed line through dots). */
  heldoutPath: string;
  heldoutDots: { cx: number; cy: number; step: number; loss: number }[];
}

/** At most this many held-out dots (a long run scores hundreds of times). */
const MAX_DOTS = 60;

export function lossGeometry(
  train: readonly CurvePoint[],
  smoothed: readonly number[],
  heldout: readonly CurvePoint[],
  /** The x axis runs to at least this step (the budget). */
  lastStep: number,
  size: PlotSize = DEFAULT_SIZE,
): LossGeometry {
  const inner = innerOf(size);
  const top = Math.max(max(train, (p) => p.loss) ?? 0, max(heldout, (p) => p.loss) ?? 0, 1);
  const steps = Math.max(lastStep, train.at(-1)?.step ?? 0, 1);
  const x = scaleLinear().domain([0, steps]).range([inner.x0, inner.x1]);
  const y = scaleLinear()
    .domain([0, top * 1.05])
    .nice(5)
    .range([inner.y1, inner.y0]);
  const path = (pts: [number, number][]) => (pts.length ? (line()(pts) ?? '') : '');
  const dotEvery = Math.max(1, Math.ceil(heldout.length / MAX_DOTS));
  return {
    inner,
    xTicks: integerTicks(x, 6),
    yTicks: linearTicks(y, 5),
    rawPath: path(train.map((p) => [x(p.step), y(p.loss)])),
    smoothPath: path(train.map((p, i) => [x(p.step), y(smoothed[i] ?? p.loss)])),
    heldoutPath: path(heldout.map((p) => [x(p.step), y(p.loss)])),
    heldoutDots: heldout
      .filter((_, i) => i % dotEvery === 0 || i === heldout.length - 1)
      .map((p) => ({ cx: x(p.step), cy: y(p.loss), step: p.step, loss: p.loss })),
  };
}

/** One run of several overlaid in one plot: its training loss, smoothed, and its held-out loss. */
export interface RunCurveInput {
  train: readonly CurvePoint[];
  smoothed: readonly number[];
  heldout: readonly CurvePoint[];
}

export interface RunCurveGeometry {
  /** The smoothed training loss. */
  smoothPath: string;
  /** The held-out loss (a thin line through markers). */
  heldoutPath: string;
  heldoutDots: { cx: number; cy: number; step: number; loss: number }[];
}

export interface LossCurvesGeometry {
  inner: Inner;
  xTicks: Tick[];
  yTicks: Tick[];
  runs: RunCurveGeometry[];
}

/**
 * Several runs' loss curves on shared scales (the same x and y for every run, so they compare):
 * the y axis reaches the highest loss of any run, the x axis the budget or the last step.
 */
export function lossCurvesGeometry(
  runs: readonly RunCurveInput[],
  lastStep: number,
  size: PlotSize = DEFAULT_SIZE,
): LossCurvesGeometry {
  const inner = innerOf(size);
  const top = Math.max(
    1,
    ...runs.map((r) => Math.max(max(r.train, (p) => p.loss) ?? 0, max(r.heldout, (p) => p.loss) ?? 0)),
  );
  const steps = Math.max(lastStep, ...runs.map((r) => r.train.at(-1)?.step ?? 0), 1);
  const x = scaleLinear().domain([0, steps]).range([inner.x0, inner.x1]);
  const y = scaleLinear()
    .domain([0, top * 1.05])
    .nice(5)
    .range([inner.y1, inner.y0]);
  const path = (pts: [number, number][]) => (pts.length ? (line()(pts) ?? '') : '');
  return {
    inner,
    xTicks: integerTicks(x, 6),
    yTicks: linearTicks(y, 5),
    runs: runs.map((r) => {
      const dotEvery = Math.max(1, Math.ceil(r.heldout.length / MAX_DOTS));
      return {
        smoothPath: path(r.train.map((p, i) => [x(p.step), y(r.smoothed[i] ?? p.loss)])),
        heldoutPath: path(r.heldout.map((p) => [x(p.step), y(p.loss)])),
        heldoutDots: r.heldout
          .filter((_, i) => i % dotEvery === 0 || i === r.heldout.length - 1)
          .map((p) => ({ cx: x(p.step), cy: y(p.loss), step: p.step, loss: p.loss })),
      };
    }),
  };
}
