/**
 * Geometry of the attention-mask matrix, as plain functions (no DOM): how big a cell is, where the
 * labels, the Part A/Part B bands and the span strips go, and which cell lies under a point.
 * Rows are queries q, columns are keys k; sequence index i sits at `i * cell` along both axes.
 *
 *   ┌───────────┬──────────────────────┐
 *   │  corner   │ Part band (A | B)    │  ← partBand px
 *   │           │ key labels (rotated) │  ← labelSize px
 *   │           │ span strip           │  ← strip px
 *   ├─┬──────┬──┼──────────────────────┤
 *   │B│labels│st│ body: n × n cells    │
 *   └─┴──────┴──┴──────────────────────┘
 */
import { range, scaleBand, type ScaleBand } from 'd3';

/** Beyond this many tokens the matrix is drawn on a canvas instead of one element per cell. */
export const DOM_LIMIT = 64;
/** The smallest cell ever drawn (px). */
export const MIN_CELL = 3;
/** The largest cell ever drawn (px). */
export const MAX_CELL = 28;
/** The smallest cell while every cell has its own label (n ≤ DOM_LIMIT): big enough to read. */
export const MIN_LABELLED_CELL = 16;
/** Thickness of the "Part A | Part B" bands along both axes (px). */
export const PART_BAND = 20;
/** Thickness of the span-colour strips along both axes (px). */
export const STRIP = 6;
/** Room between labels and strip (px). */
const LABEL_GAP = 3;
/** Longest token text shown in a label before it is cut with an ellipsis. */
export const MAX_LABEL_CHARS = 12;
/** Average advance of a monospace glyph, as a fraction of the font size. */
const MONO_ADVANCE = 0.62;

export interface MatrixLayoutInput {
  /** Sequence length N (the matrix is N × N). */
  n: number;
  /** len(Part A): keys k < sep are visible to every query. */
  sep: number;
  /** Unpadded length; positions from here on are padding (default n). */
  unpadded?: number;
  /** Width available for the whole figure, labels included (px). */
  width: number;
  /** Height the figure should not exceed if it can help it (px); cells never go below the minimum. */
  maxHeight?: number;
  /** Characters of the longest label ("12 [MASK]"), before capping. */
  labelChars: number;
  /**
   * How much larger than the 16 px design the labels, bands, strips and the largest cell are
   * (default 1): the page passes its root font size / 16, so the figure grows with the text.
   */
  scale?: number;
  /** The largest cell (px), instead of MAX_CELL × scale (presentation mode: no cap but the room). */
  maxCell?: number;
}

/** A stretch of one part along an axis, in sequence indices and pixels from the body's edge. */
export interface PartSegment {
  part: 'A' | 'B' | 'pad';
  /** First sequence index (inclusive). */
  from: number;
  /** Last sequence index (exclusive). */
  to: number;
  /** Start in px from the body's edge. */
  start: number;
  /** Length in px. */
  length: number;
  /** How much of the name fits: the full "Part A", a single letter, or nothing. */
  fit: 'full' | 'short' | 'none';
}

/** An axis-aligned rectangle in body coordinates (px). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One of the four Part A/Part B quadrants ('AB': Part A queries, Part B keys). */
export interface Quadrant extends Rect {
  id: 'AA' | 'AB' | 'BA' | 'BB';
}

export interface MatrixLayout {
  n: number;
  sep: number;
  /** Side of one cell (px). */
  cell: number;
  /** Gap drawn between DOM cells (px): 1 when cells are big enough to afford it, else 0. */
  gap: number;
  /** Side of the body (n × cell, px). */
  size: number;
  /** Label font size (px). */
  font: number;
  /** Thickness of the Part A/Part B bands (px): PART_BAND × scale. */
  partBand: number;
  /** Font size of the names in the bands (px). */
  bandFont: number;
  /** Thickness of the span strips (px): STRIP × scale. */
  strip: number;
  /** Width of the row labels = height of the rotated column labels (px). */
  labelSize: number;
  /** Offset of the body from the figure's left edge (px). */
  left: number;
  /** Offset of the body from the figure's top edge (px). */
  top: number;
  /** Figure width and height (px). */
  width: number;
  height: number;
  /** Every `labelStep`-th index is labelled (1 when every token has a label). */
  labelStep: number;
  /** Whether the matrix is drawn one element per cell (true) or on a canvas. */
  dom: boolean;
  /** Rows/columns as a band scale over sequence indices (body coordinates). */
  band: ScaleBand<number>;
  /** The four quadrants (empty ones have zero width or height). */
  quadrants: Quadrant[];
  /** Part A, Part B (and padding, if any) along an axis. */
  parts: PartSegment[];
}

const clamp = (x: number, lo: number, hi: number) => Math.min(Math.max(x, lo), hi);

/** Label font size (px): fixed per mode so labels stay legible from the back of a room. */
export function labelFont(n: number): number {
  return n <= DOM_LIMIT ? 13 : 11;
}

/** Room the row labels need (= height of the rotated column labels), in px. */
export function labelSizeFor(labelChars: number, font: number): number {
  const chars = Math.min(Math.max(labelChars, 1), MAX_LABEL_CHARS + 5);
  return Math.ceil(chars * font * MONO_ADVANCE) + 10;
}

/**
 * Side of a cell (px) for n tokens in `avail` px of body width (and, optionally, `availHeight`):
 * as big as fits, clamped to [MIN_CELL, MAX_CELL], and never below MIN_LABELLED_CELL while every
 * token has its own label (n ≤ DOM_LIMIT).
 */
export function cellSize(avail: number, n: number, availHeight = Infinity, max = MAX_CELL): number {
  if (n <= 0) return max;
  const min = n <= DOM_LIMIT ? MIN_LABELLED_CELL : MIN_CELL;
  const fit = Math.floor(Math.min(avail, availHeight) / n);
  return clamp(fit, min, Math.max(max, min));
}

/** The nice step (1, 2, 5, 10, 20, 50, ...) that keeps labels at least `pitch` px apart. */
export function labelStepFor(cell: number, pitch: number): number {
  const need = Math.ceil(pitch / Math.max(cell, 1e-9));
  if (need <= 1) return 1;
  for (let p = 1; ; p *= 10) for (const m of [1, 2, 5]) if (m * p >= need) return m * p;
}

/** The indices that get a label: every index at step 1, else those whose shown number is a multiple of step. */
export function labelIndices(n: number, step: number, base = 0): number[] {
  if (step <= 1) return range(n);
  const out: number[] = [];
  for (let i = (step - (base % step)) % step; i < n; i += step) out.push(i);
  return out;
}

/** Rows and columns as a d3 band scale over sequence indices, `cell` px per index. */
export function bandScale(n: number, cell: number): ScaleBand<number> {
  return scaleBand<number>()
    .domain(range(n))
    .range([0, n * cell])
    .padding(0);
}

/** The four quadrants split at sep, in body px. */
export function quadrants(sep: number, n: number, cell: number): Quadrant[] {
  const a = clamp(sep, 0, n) * cell;
  const b = n * cell - a;
  return [
    { id: 'AA', x: 0, y: 0, width: a, height: a },
    { id: 'AB', x: a, y: 0, width: b, height: a },
    { id: 'BA', x: 0, y: a, width: a, height: b },
    { id: 'BB', x: a, y: a, width: b, height: b },
  ];
}

/** Width (px) the name "Part A" needs in a band, and a single letter. */
const FULL_NAME_PX = 56;
const SHORT_NAME_PX = 12;

/** Part A, Part B and padding along an axis (empty parts left out); `scale` as the layout's. */
export function partSegments(sep: number, n: number, cell: number, unpadded = n, scale = 1): PartSegment[] {
  const a = clamp(sep, 0, n);
  const u = clamp(unpadded, a, n);
  const out: PartSegment[] = [];
  const push = (part: PartSegment['part'], from: number, to: number) => {
    if (to <= from) return;
    const length = (to - from) * cell;
    const fit = length >= FULL_NAME_PX * scale ? 'full' : length >= SHORT_NAME_PX * scale ? 'short' : 'none';
    out.push({ part, from, to, start: from * cell, length, fit });
  };
  push('A', 0, a);
  push('B', a, u);
  push('pad', u, n);
  return out;
}

/** Lays out the whole figure for the given width. */
export function matrixLayout(input: MatrixLayoutInput): MatrixLayout {
  const n = Math.max(0, Math.floor(input.n));
  const sep = clamp(input.sep, 0, n);
  const dom = n <= DOM_LIMIT;
  const scale = Math.max(input.scale ?? 1, 1);
  const font = Math.round(labelFont(n) * scale);
  const partBand = Math.round(PART_BAND * scale);
  const strip = Math.round(STRIP * scale);
  const labelSize = labelSizeFor(input.labelChars, font);
  const edge = partBand + labelSize + LABEL_GAP + strip;
  const avail = Math.max(input.width - edge - 2, 0);
  const availHeight =
    input.maxHeight !== undefined ? Math.max(input.maxHeight - edge - 2, 0) : Infinity;
  const cell = cellSize(avail, n, availHeight, input.maxCell ?? Math.round(MAX_CELL * scale));
  const size = n * cell;
  // Canvas path: a label about every two lines, so sampled labels stay easy to read (and few).
  const labelStep = dom ? 1 : labelStepFor(cell, 2 * (font + 4));
  return {
    n,
    sep,
    cell,
    gap: dom && cell >= 10 ? 1 : 0,
    size,
    font,
    partBand,
    bandFont: Math.round(12 * scale),
    strip,
    labelSize,
    left: edge,
    top: edge,
    width: edge + size + 1,
    height: edge + size + 1,
    labelStep,
    dom,
    band: bandScale(n, cell),
    quadrants: quadrants(sep, n, cell),
    parts: partSegments(sep, n, cell, input.unpadded ?? n, scale),
  };
}

/** What a presentation layout needs: the room for the whole figure, both ways. */
export interface StageLayoutInput extends Omit<MatrixLayoutInput, 'scale' | 'maxCell' | 'maxHeight'> {
  /** Height available for the whole figure (px). */
  height: number;
}

/** Labels may be this large a part of their cell's side (they sit one to a row or column). */
const LABEL_TO_CELL = 0.68;
/** The largest label font a stage uses (px). */
const STAGE_MAX_FONT = 56;

/**
 * The figure for presentation mode: as large as the room allows, both ways, with the largest
 * label font that still fits its cells (a label sits in one row or one column). Cells have no
 * cap but the room. Past DOM_LIMIT tokens (sampled labels on a canvas) the labels stay at their
 * smallest and the cells fill the room.
 */
export function stageLayout(input: StageLayoutInput): MatrixLayout {
  const base = { ...input, maxHeight: input.height, maxCell: Number.MAX_SAFE_INTEGER };
  const fallback = matrixLayout({ ...base, scale: 1 });
  if (input.n > DOM_LIMIT || input.n <= 0) return fallback;
  const unit = labelFont(input.n);
  for (let font = STAGE_MAX_FONT; font > unit; font--) {
    const layout = matrixLayout({ ...base, scale: font / unit });
    if (layout.font <= LABEL_TO_CELL * layout.cell && layout.height <= input.height && layout.width <= input.width)
      return layout;
  }
  return fallback;
}

/** The cell under a point given in body px, or null outside the body. */
export function cellAt(
  layout: Pick<MatrixLayout, 'n' | 'cell'>,
  x: number,
  y: number,
): { q: number; k: number } | null {
  const { n, cell } = layout;
  if (!(x >= 0 && y >= 0) || cell <= 0) return null;
  const k = Math.floor(x / cell);
  const q = Math.floor(y / cell);
  if (q >= n || k >= n) return null;
  return { q, k };
}

/** The sequence index at `pos` px along an axis of the body, or null outside it. */
export function indexAt(layout: Pick<MatrixLayout, 'n' | 'cell'>, pos: number): number | null {
  if (!(pos >= 0) || layout.cell <= 0) return null;
  const i = Math.floor(pos / layout.cell);
  return i < layout.n ? i : null;
}

/** The rectangle of cell (q, k) in body px. */
export function cellRect(layout: Pick<MatrixLayout, 'cell'>, q: number, k: number): Rect {
  return { x: k * layout.cell, y: q * layout.cell, width: layout.cell, height: layout.cell };
}

/** A run of equal values along an axis (e.g. the span each sequence index belongs to). */
export interface Run {
  value: number;
  from: number;
  to: number;
}

/** Runs of equal values, leaving out `skip` (e.g. -1 for "no span"). */
export function runsOf(values: ArrayLike<number>, skip = -1): Run[] {
  const out: Run[] = [];
  let i = 0;
  while (i < values.length) {
    const v = values[i]!;
    let j = i + 1;
    while (j < values.length && values[j] === v) j++;
    if (v !== skip) out.push({ value: v, from: i, to: j });
    i = j;
  }
  return out;
}

/** Cuts a label to `max` characters with an ellipsis. */
export function clipLabel(text: string, max = MAX_LABEL_CHARS): string {
  return text.length <= max ? text : text.slice(0, max - 1) + '…';
}

/**
 * Where a tooltip of `w` × `h` px goes next to cell (q, k): to the right and below, flipped to the
 * other side when it would leave the figure (body px; may be negative, into the label margin).
 */
export function tooltipAt(
  layout: Pick<MatrixLayout, 'cell' | 'size' | 'left' | 'top'>,
  q: number,
  k: number,
  w: number,
  h: number,
): { x: number; y: number } {
  const gap = 6;
  const r = cellRect(layout, q, k);
  let x = r.x + r.width + gap;
  if (x + w > layout.size) x = r.x - gap - w;
  x = Math.max(x, -layout.left);
  let y = r.y + r.height + gap;
  if (y + h > layout.size) y = r.y - gap - h;
  y = Math.max(y, -layout.top);
  return { x, y };
}
