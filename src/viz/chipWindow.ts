/**
 * Windowing for long chip lists: a list of thousands of chips is a fixed-height scroll box in
 * which only the chips near the view are in the DOM, each placed where it would sit if all were
 * there. Chips are monospace boxes, so their widths come from the text (measured on a canvas in
 * the chips' own fonts); rows are broken here, not by the browser, and every drawn chip gets its
 * place and width (`left`, `top`, `width`), so what is drawn never disagrees with the layout.
 *
 * The geometry is plain functions (tested without a browser); `useChipWindow` adds the DOM:
 * fonts and sizes read from a probe chip, the box's width and scroll position.
 */
import { useCallback, useMemo, useState, type CSSProperties, type RefObject } from 'react';
import { useMeasured } from './measured';
import { chipKind, chipText } from './chips';

/** Sizes of a chip box, in CSS px (from the stylesheet, read by `measureChipBox`). */
export interface ChipBox {
  /** Horizontal padding + borders of a chip. */
  padX: number;
  /** Smallest chip width. */
  minW: number;
  /** Chip height (every chip in a list has the same). */
  height: number;
  /** Gap between chips, across and down. */
  gap: number;
}

/** Where each chip of a list sits, for a given width. */
export interface ChipLayout {
  /** Left, top and width of chip i (px, relative to the list's content box). */
  x: Float64Array;
  y: Float64Array;
  w: Float64Array;
  /** First chip of each row. */
  rowStart: Int32Array;
  /** Row pitch (chip height + gap) and the height of all rows. */
  pitch: number;
  height: number;
}

/** Greedy line breaking, as `flex-wrap: wrap` with `gap` does it: a chip goes on the next row when it does not fit. */
export function layoutChips(widths: ArrayLike<number>, avail: number, box: ChipBox): ChipLayout {
  const n = widths.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const w = new Float64Array(n);
  const starts: number[] = n > 0 ? [0] : [];
  const pitch = box.height + box.gap;
  let cx = 0;
  let row = 0;
  for (let i = 0; i < n; i++) {
    const wi = Math.max(box.minW, widths[i]!);
    if (cx > 0 && cx + wi > avail) {
      row++;
      cx = 0;
      starts.push(i);
    }
    x[i] = cx;
    y[i] = row * pitch;
    w[i] = wi;
    cx += wi + box.gap;
  }
  const rows = starts.length;
  return { x, y, w, rowStart: Int32Array.from(starts), pitch, height: rows > 0 ? rows * pitch - box.gap : 0 };
}

/** The chips [from, to) of the rows in view (scrollTop .. scrollTop + viewH), with `overscan` rows either side. */
export function visibleChips(layout: ChipLayout, scrollTop: number, viewH: number, overscan = 2): [number, number] {
  const rows = layout.rowStart.length;
  if (rows === 0) return [0, 0];
  const first = Math.max(0, Math.floor(scrollTop / layout.pitch) - overscan);
  const last = Math.min(rows - 1, Math.ceil((scrollTop + viewH) / layout.pitch) + overscan);
  const n = layout.x.length;
  return [layout.rowStart[first]!, last + 1 < rows ? layout.rowStart[last + 1]! : n];
}

/** The scrollTop that brings chip i's row into a view of height viewH (unchanged if it is in view). */
export function revealTop(layout: ChipLayout, i: number, scrollTop: number, viewH: number): number {
  const top = layout.y[i] ?? 0;
  const bottom = top + layout.pitch;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewH) return Math.max(0, bottom - viewH);
  return scrollTop;
}

/** The fonts of a chip's token and index (CSS `font` shorthands) and its box, read from the DOM. */
export interface ChipMetrics {
  textFont: string;
  boldFont: string;
  indexFont: string;
  box: ChipBox;
}

const px = (v: string) => Number.parseFloat(v) || 0;
const fontOf = (cs: CSSStyleDeclaration, weight?: string) =>
  `${cs.fontStyle} ${weight ?? cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;

/**
 * Measures a probe chip (classes `chip chip-token`) placed, hidden, in `host` so that the list's
 * own styles apply. Returns null where there is no layout (jsdom) or no canvas.
 */
export function measureChipBox(host: HTMLElement, gap: number): ChipMetrics | null {
  const probe = document.createElement('span');
  probe.className = 'chip chip-token';
  probe.setAttribute('aria-hidden', 'true');
  probe.style.cssText = 'position:absolute;visibility:hidden;left:0;top:0;content-visibility:visible';
  probe.innerHTML = '<span class="chip-text">0</span> <span class="chip-index">0</span>';
  host.appendChild(probe);
  try {
    const cs = getComputedStyle(probe);
    const height = probe.getBoundingClientRect().height;
    if (!(height > 0)) return null;
    const text = getComputedStyle(probe.firstElementChild!);
    const index = getComputedStyle(probe.lastElementChild!);
    const padX = px(cs.paddingLeft) + px(cs.paddingRight) + px(cs.borderLeftWidth) + px(cs.borderRightWidth);
    return {
      textFont: fontOf(text),
      boldFont: fontOf(text, '700'),
      indexFont: fontOf(index),
      box: { padX, minW: px(cs.minWidth), height, gap },
    };
  } finally {
    probe.remove();
  }
}

let canvasCtx: CanvasRenderingContext2D | null | undefined;
const widthCache = new Map<string, Map<string, number>>();

/** The advance width of `text` in `font` (cached per font), or null without a canvas. */
export function textWidth(text: string, font: string): number | null {
  if (canvasCtx === undefined) {
    try {
      canvasCtx = typeof document !== 'undefined' ? document.createElement('canvas').getContext('2d') : null;
    } catch {
      canvasCtx = null;
    }
  }
  if (!canvasCtx) return null;
  let byText = widthCache.get(font);
  if (!byText) {
    byText = new Map();
    widthCache.set(font, byText);
  }
  let w = byText.get(text);
  if (w === undefined) {
    if (byText.size > 50_000) byText.clear();
    canvasCtx.font = font;
    w = canvasCtx.measureText(text).width;
    byText.set(text, w);
  }
  return w;
}

/**
 * The width of a number of `digits` digits in `font`. Chip and column numbers are set with
 * tabular figures (every digit as wide as 0), which a canvas does not apply: zeros measure them.
 */
export function digitsWidth(digits: number, font: string): number {
  return textWidth('0'.repeat(Math.max(1, digits)), font) ?? 0;
}

/** Decimal digits of a non-negative integer. */
export const digitCount = (v: number): number => (v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : v < 10_000 ? 4 : String(v).length);

export interface ChipWindow {
  /** Is the list windowed? (false: draw every chip as before) */
  on: boolean;
  layout: ChipLayout | null;
  /** The chips to draw, [from, to). */
  from: number;
  to: number;
  /** For the list element: follows its scroll position. */
  onScroll: () => void;
  /** Scrolls chip i into view (if the list is windowed), so that it is drawn. */
  reveal: (i: number) => void;
}

interface Size {
  metrics: ChipMetrics;
  width: number;
  viewH: number;
}
const itself = (el: HTMLElement) => el;
/** The chips' fonts and box, the list's content width and its height (null without layout or canvas). */
function measureSize(el: HTMLElement): Size | null {
  const cs = getComputedStyle(el);
  const gap = px(cs.columnGap) || px(cs.gap);
  const width = el.clientWidth - px(cs.paddingLeft) - px(cs.paddingRight);
  const metrics = width > 0 ? measureChipBox(el, gap) : null;
  if (!metrics || textWidth('0', metrics.textFont) === null) return null;
  return { metrics, width, viewH: el.clientHeight };
}
const sameSize = (a: Size, b: Size) =>
  a.width === b.width &&
  a.viewH === b.viewH &&
  a.metrics.textFont === b.metrics.textFont &&
  a.metrics.indexFont === b.metrics.indexFont &&
  a.metrics.box.height === b.metrics.box.height &&
  a.metrics.box.padX === b.metrics.box.padX &&
  a.metrics.box.minW === b.metrics.box.minW &&
  a.metrics.box.gap === b.metrics.box.gap;

/**
 * Windows a list of the first `count` of `tokens` (chips numbered from `base`) in the scroll box
 * `ref` when `enabled` (a long list) and the browser can lay it out. It re-renders only when the
 * rows in view change, not on every scrolled pixel.
 */
export function useChipWindow(
  ref: RefObject<HTMLElement | null>,
  tokens: readonly string[],
  count: number,
  base: number,
  enabled: boolean,
): ChipWindow {
  // Fonts, box and width: on mount, when the box resizes (the root font follows the viewport) and on a theme change.
  const size = useMeasured(ref, enabled, itself, measureSize, sameSize);
  const [scrollTop, setScrollTop] = useState(0);

  // Widths of the tokens as drawn, per token string, for these fonts (a keystroke re-measures nothing).
  const tokenWidths = useMemo(() => new Map<string, number>(), [size]);
  const layout = useMemo(() => {
    if (!size) return null;
    const { metrics } = size;
    const widths = new Float64Array(count);
    const numberW: number[] = [];
    for (let i = 0; i < count; i++) {
      const token = tokens[i] ?? '';
      let tw = tokenWidths.get(token);
      if (tw === undefined) {
        const kind = chipKind(token);
        const font = kind === 'token' || kind === 'pad' ? metrics.textFont : metrics.boldFont;
        tw = textWidth(chipText(token), font) ?? 0;
        tokenWidths.set(token, tw);
      }
      const d = digitCount(i + base);
      const iw = (numberW[d] ??= digitsWidth(d, metrics.indexFont));
      // One px of slack: canvas and layout may round a subpixel apart.
      widths[i] = Math.ceil(Math.max(tw, iw) + metrics.box.padX + 1);
    }
    return layoutChips(widths, size.width, metrics.box);
  }, [size, tokenWidths, tokens, count, base]);

  const pitch = layout?.pitch ?? 0;
  const onScroll = useCallback(() => {
    const el = ref.current;
    // Whole rows: scrolling within a row draws nothing new.
    if (el && pitch > 0) setScrollTop(Math.floor(el.scrollTop / pitch) * pitch);
  }, [ref, pitch]);

  const reveal = useCallback(
    (i: number) => {
      const el = ref.current;
      if (!el || !layout || !size) return;
      const top = revealTop(layout, i, el.scrollTop, size.viewH);
      if (top !== el.scrollTop) el.scrollTop = top;
      setScrollTop(Math.floor(top / layout.pitch) * layout.pitch);
    },
    [ref, layout, size],
  );

  const [from, to] = layout && size ? visibleChips(layout, scrollTop, size.viewH) : [0, count];
  // The same object while nothing changes, so memoised lists that take it can skip.
  return useMemo(
    () => ({ on: layout !== null, layout, from, to, onScroll, reveal }),
    [layout, from, to, onScroll, reveal],
  );
}

/** Props that place chip i of `n` in a windowed list (and say where it sits in the whole list), or none. */
export function placed(
  win: ChipWindow,
  i: number,
  n: number,
): { boxX?: number; boxY?: number; boxW?: number; 'aria-setsize'?: number; 'aria-posinset'?: number } {
  if (!win.on || !win.layout) return {};
  return { boxX: win.layout.x[i], boxY: win.layout.y[i], boxW: win.layout.w[i], 'aria-setsize': n, 'aria-posinset': i + 1 };
}

/** The list element's style when windowed: the height of all its rows. */
export function windowStyle(win: ChipWindow): CSSProperties | undefined {
  return win.on && win.layout ? ({ '--chips-height': `${win.layout.height}px` } as CSSProperties) : undefined;
}
