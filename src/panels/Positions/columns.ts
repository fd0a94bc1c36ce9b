/**
 * Windowing the 2D positions table: past TABLE_WINDOW columns only the columns in (and near) the
 * scroll box's view are in the table, between two spacer columns that keep its full width, so an
 * edit re-renders and re-lays out a few dozen columns, not thousands, and scrolling (by mouse or
 * with the arrow keys on the focused region) brings the others in. Every column gets a fixed width
 * from its widest value, measured on a canvas in the table's own fonts (`table-layout: fixed`),
 * so the columns drawn sit exactly where they would if all were there.
 */
import { useCallback, useLayoutEffect, useMemo, useState, type RefObject } from 'react';
import type { Construction } from '../../glm';
import { chipText } from '../../viz/chips';
import { digitCount, digitsWidth, textWidth } from '../../viz/chipWindow';
import { useMeasured } from '../../viz/measured';

/** From this many columns on, the table is windowed. */
export const TABLE_WINDOW = 160;
/** Columns drawn beyond each side of the view. */
const OVERSCAN = 8;

/** Fonts and padding of the table's cells, read from a hidden probe table. */
export interface TableMetrics {
  /** Token and Target cells; Position and Block position cells (bold); the index header; row headers. */
  cell: string;
  bold: string;
  index: string;
  head: string;
  /** Horizontal padding + border of a cell. */
  padX: number;
}

const px = (v: string) => Number.parseFloat(v) || 0;
const fontOf = (cs: CSSStyleDeclaration) => `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;

function measureTable(host: HTMLElement): TableMetrics | null {
  const probe = document.createElement('table');
  probe.className = 'positions';
  probe.setAttribute('aria-hidden', 'true');
  probe.style.cssText = 'position:absolute;visibility:hidden;left:0;top:0';
  probe.innerHTML =
    '<thead><tr class="index-row"><th scope="col">0</th></tr></thead>' +
    '<tbody><tr class="row-token"><th scope="row">T</th><td class="mono">0</td></tr>' +
    '<tr class="row-position"><td class="mono">0</td></tr></tbody>';
  host.appendChild(probe);
  try {
    const index = probe.querySelector('thead th')!;
    const head = probe.querySelector('tbody th')!;
    const cell = probe.querySelector('.row-token td')!;
    const bold = probe.querySelector('.row-position td')!;
    if (!(cell.getBoundingClientRect().width > 0)) return null;
    const cs = getComputedStyle(cell);
    return {
      cell: fontOf(cs),
      bold: fontOf(getComputedStyle(bold)),
      index: fontOf(getComputedStyle(index)),
      head: fontOf(getComputedStyle(head)),
      padX: px(cs.paddingLeft) + px(cs.paddingRight) + px(cs.borderLeftWidth) + px(cs.borderRightWidth),
    };
  } finally {
    probe.remove();
  }
}

export interface ColumnWindow {
  on: boolean;
  /** Columns drawn, [from, to). */
  from: number;
  to: number;
  /** Width of each column and of the row-header column (px). */
  widths: Float64Array | null;
  head: number;
  /** Left edge of each column after the row headers, and the width of all n columns. */
  offsets: Float64Array | null;
  total: number;
}

interface Box {
  metrics: TableMetrics;
  viewW: number;
}
const parentOf = (el: HTMLElement) => el.parentElement;
/** The table's fonts and padding and its scroll box's width (null without layout or canvas). */
function measureBox(el: HTMLElement): Box | null {
  const metrics = el.clientWidth > 0 ? measureTable(el) : null;
  if (!metrics || textWidth('0', metrics.cell) === null) return null;
  return { metrics, viewW: el.clientWidth };
}
const sameBox = (a: Box, b: Box) =>
  a.viewW === b.viewW &&
  a.metrics.cell === b.metrics.cell &&
  a.metrics.bold === b.metrics.bold &&
  a.metrics.index === b.metrics.index &&
  a.metrics.head === b.metrics.head &&
  a.metrics.padX === b.metrics.padX;

/**
 * The column window of the table `ref` (`n` columns of `c`) in its parent, the scroll box
 * (windowed when `enabled` and the browser can measure); `labels` are the row headers' texts.
 */
export function useColumnWindow(
  ref: RefObject<HTMLElement | null>,
  c: Construction,
  n: number,
  base: number,
  labels: readonly string[],
  enabled: boolean,
): ColumnWindow {
  const box = useMeasured(ref, enabled, parentOf, measureBox, sameBox);
  const [scrollLeft, setScrollLeft] = useState(0);

  const labelKey = labels.join('\u0000');
  const geometry = useMemo(() => {
    if (!box) return null;
    const m = box.metrics;
    const w = (s: string, font: string) => textWidth(s, font) ?? 0;
    // Numbers are set in tabular figures: their width is their digit count's.
    const bold: number[] = [];
    const index: number[] = [];
    const num = (v: number, font: string, memo: number[]) => (memo[digitCount(v)] ??= digitsWidth(digitCount(v), font));
    const widths = new Float64Array(n);
    const offsets = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) {
      const widest = Math.max(
        w(chipText(c.tokens[i] ?? ''), m.cell),
        w(chipText(c.targets[i] ?? ''), m.cell),
        num((c.positionIds[i] ?? 0) + base, m.bold, bold),
        num(c.blockPositionIds[i] ?? 0, m.bold, bold),
        num(i + base, m.index, index),
      );
      // One px of slack for rounding; the column where Part B starts has a 2 px rule on its left.
      widths[i] = Math.ceil(widest + m.padX + 1) + (i === c.sep ? 2 : 0);
      offsets[i + 1] = offsets[i]! + widths[i]!;
    }
    const head = Math.ceil(Math.max(...labelKey.split('\u0000').map((l) => w(l, m.head))) + m.padX + 2);
    return { widths, offsets, head, total: offsets[n]! };
  }, [box, c, n, base, labelKey]);

  const onScroll = useCallback(() => {
    const el = ref.current?.parentElement;
    // In steps of 32 px: the overscan covers more than that, and scrolling within a step draws nothing new.
    if (el) setScrollLeft(Math.floor(el.scrollLeft / 32) * 32);
  }, [ref]);

  // Follow the scroll box while windowed.
  const on = geometry !== null && box !== null;
  useLayoutEffect(() => {
    const el = ref.current?.parentElement;
    if (!el || !on) return;
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => el.removeEventListener('scroll', onScroll);
  }, [ref, on, onScroll]);

  if (!geometry || !box) {
    return { on: false, from: 0, to: n, widths: null, head: 0, offsets: null, total: 0 };
  }
  const { offsets } = geometry;
  // The first column whose right edge is past the view's left edge, and the first past its right.
  const first = upperBound(offsets, scrollLeft) - 1;
  const last = upperBound(offsets, scrollLeft + box.viewW);
  const from = Math.max(0, first - OVERSCAN);
  const to = Math.min(n, last + OVERSCAN);
  return { on: true, from, to, ...geometry };
}

/** The index of the first element of the ascending `xs` greater than `v`. */
function upperBound(xs: Float64Array, v: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
