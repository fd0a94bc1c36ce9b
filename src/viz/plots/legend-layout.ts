/** Laying out a plot legend in one right-aligned row, without measuring the DOM. */

/** A point marker's shape (runs overlaid in one plot differ in marker as well as colour). */
export type MarkerShape = 'circle' | 'square' | 'diamond';

export interface LegendItem {
  label: string;
  /** How the mark is drawn: a bar, a dot on a line, a dashed line or a plain line. */
  shape: 'bar' | 'dot' | 'dash' | 'line';
  color: string;
  /** A line's dash pattern (SVG stroke-dasharray; default solid, or the 'dash' shape's). */
  dash?: string;
  /** A line's width (default 2, 1.5 for 'dot' and 'dash'). */
  width?: number;
  /** The 'dot' shape's marker (default circle). */
  marker?: MarkerShape;
}

/** Rough width of a label at font size 11 (the legend is laid out without measuring the DOM). */
const labelWidth = (s: string) => [...s].reduce((w, ch) => w + (/[\u2E80-\uFFFF]/.test(ch) ? 11 : 6.2), 0);
export const SWATCH = 22;
const GAP = 14;

/** Where each item starts, right-aligned at `right`, in the given order. */
export function legendLayout(items: readonly LegendItem[], right: number): { it: LegendItem; at: number }[] {
  const out: { it: LegendItem; at: number }[] = [];
  let x = right;
  for (let i = items.length - 1; i >= 0; i--) {
    x -= SWATCH + 5 + labelWidth(items[i]!.label);
    out.unshift({ it: items[i]!, at: x });
    x -= GAP;
  }
  return out;
}
