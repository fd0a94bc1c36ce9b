/** Laying out a plot legend in one right-aligned row, without measuring the DOM. */

export interface LegendItem {
  label: string;
  /** How the mark is drawn: a bar, a dot on a line, a dashed line or a plain line. */
  shape: 'bar' | 'dot' | 'dash' | 'line';
  color: string;
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
