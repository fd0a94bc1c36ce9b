/**
 * The frame every statistics plot shares: a fixed viewBox (the SVG scales to its container), the
 * margins for the axes, and ticks as plain data that React draws (d3 computes, never touches the DOM).
 */
import type { ScaleLinear } from 'd3';

export interface PlotSize {
  /** viewBox width. */
  width: number;
  /** viewBox height. */
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

export const DEFAULT_SIZE: PlotSize = { width: 480, height: 260, margin: { top: 30, right: 18, bottom: 44, left: 54 } };

/** The drawing area inside the margins. */
export interface Inner {
  x0: number;
  x1: number;
  y0: number;
  /** Bottom edge (the x axis sits here). */
  y1: number;
}

export function innerOf(size: PlotSize): Inner {
  const { width, height, margin } = size;
  return { x0: margin.left, x1: width - margin.right, y0: margin.top, y1: height - margin.bottom };
}

/** One tick: where it goes (in viewBox units along its axis) and what it says. */
export interface Tick {
  pos: number;
  label: string;
}

/** Ticks of a linear scale, at most about `count`, formatted by d3. */
export function linearTicks(scale: ScaleLinear<number, number>, count: number, format?: string): Tick[] {
  const f = scale.tickFormat(count, format);
  return scale.ticks(count).map((v) => ({ pos: scale(v), label: f(v) }));
}

/** Integer ticks only (counts, lengths), at most about `count`. */
export function integerTicks(scale: ScaleLinear<number, number>, count: number, offset = 0): Tick[] {
  return scale
    .ticks(count)
    .filter((v) => Number.isInteger(v))
    .map((v) => ({ pos: scale(v + offset), label: String(v) }));
}
