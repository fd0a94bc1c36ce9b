/**
 * The paper's Figure 2, (a)–(d), drawn on the user's own construction as ONE standalone SVG string:
 * (a) the original text with its spans, (b) Part A and Part B, (c) the GLM input with its positions,
 * block positions and targets, (d) the self-attention mask. A pure function (construction, tokens,
 * colours, words → SVG text): no DOM, no store, so it exports crisply and tests as plain text.
 */
import type { Construction } from '../glm';
import { chipText, spanCover, spanOfOrigin } from '../viz/chips';
import { MATRIX, SPAN_HUES } from '../viz/colors';
import { clip, esc, mix, monoWidth, wrapText } from './xml';

/** The colours the figure is drawn in (`#rrggbb` only: the SVG must stand on its own). */
export interface Figure2Palette {
  background: string;
  text: string;
  muted: string;
  /** Token box border. */
  border: string;
  /** Token box fill. */
  tokenFill: string;
  /** Column shading of Part A and Part B in (c), quadrant shading in (d). */
  partA: string;
  partB: string;
  /** Mask cells in (d). */
  visible: string;
  masked: string;
  /** Span hues: span i (sorted by start) takes spans[i % length]. */
  spans: readonly string[];
  /** How much of a span's hue its box fill takes over `background` (0..1). */
  spanMix: number;
}

/** The words of the figure (translated by the caller). */
export interface Figure2Labels {
  a: string;
  b: string;
  c: string;
  d: string;
  partA: string;
  partB: string;
  token: string;
  position: string;
  block: string;
  target: string;
  /** Shown in (b) when there is no span. */
  noSpans: string;
}

export interface Figure2Input {
  /** The construction to draw. */
  c: Construction;
  /** The original tokens (text order) the spans index into. */
  texts: readonly string[];
  /** Numbering shown for positions: 0 (code) or 1 (paper). */
  base: 0 | 1;
  palette: Figure2Palette;
  labels: Figure2Labels;
  /** Width the rows wrap at in portrait, in px (default 960). */
  maxWidth?: number;
  /** `portrait` (default): (a)–(d) stacked, as big as they are; `slide`: a 16:9 slide of SLIDE's size. */
  layout?: Figure2Layout;
}

/** How Figure 2 is laid out. */
export type Figure2Layout = 'portrait' | 'slide';

export const FIGURE2_LIGHT: Figure2Palette = {
  background: '#ffffff',
  text: '#1b2129',
  muted: '#4f5a66',
  border: '#9aa5b1',
  tokenFill: '#ffffff',
  partA: MATRIX.light.partA,
  partB: MATRIX.light.partB,
  visible: MATRIX.light.visible,
  masked: '#e4e7eb',
  spans: SPAN_HUES,
  spanMix: 0.35,
};

export const FIGURE2_DARK: Figure2Palette = {
  background: '#0e1116',
  text: '#f5f7fa',
  muted: '#c3cad3',
  border: '#8b96a3',
  tokenFill: '#161b22',
  partA: MATRIX.dark.partA,
  partB: MATRIX.dark.partB,
  visible: MATRIX.dark.visible,
  masked: '#2a2f36',
  spans: SPAN_HUES,
  spanMix: 0.45,
};

const MARGIN = 24;
const FS = 14; // token font size
const LABEL_FS = 13;
const BOX_H = 24;
const GAP = 4;
const PAD = 6;
const ROW_GAP = 8;
const MONO = "ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace";
const SANS = "system-ui, 'DejaVu Sans', 'Noto Sans CJK SC', Arial, sans-serif";
/** Longest token shown in full (in characters). */
const TOKEN_CHARS = 18;
/** Up to this many tokens, (d) labels its rows and columns and draws cell borders. */
const MATRIX_LABELS = 40;
/** Shared text styles (classes keep a 2,048-token figure small). */
const STYLE =
  `.g2-tk{font:${FS}px ${MONO};text-anchor:middle;dominant-baseline:central}` +
  `.g2-mx{font-family:${MONO};dominant-baseline:central}` +
  `.g2-lb{font:${LABEL_FS}px ${SANS};dominant-baseline:central}` +
  `.g2-cp{font:600 15px ${SANS}}`;

/** Rounds a coordinate to 2 decimals (the SVG stays short; nothing moves by more than 0.005 px). */
const r2 = (v: number) => Math.round(v * 100) / 100;

interface Box {
  text: string;
  fill: string;
  stroke: string;
  color: string;
  /** Extra space after the box (between Part B segments). */
  gapAfter?: number;
}

/** Bold 15 px captions: 0.6 em a character (DejaVu Sans Bold averages 0.59), wide characters double. */
const captionWidth = (s: string) => monoWidth(s, 15);
const CAPTION_LINE = 20;

const shown = (token: string) => clip(chipText(token), TOKEN_CHARS);
const boxWidth = (token: string) => Math.max(BOX_H, monoWidth(shown(token), FS) + 2 * PAD);
/** Row labels: 0.62 em a character, wide (CJK) characters 1.24 em. */
const labelWidth = (s: string) => (monoWidth(s, LABEL_FS) * 0.62) / 0.6;

function box(x: number, y: number, w: number, b: Box): string {
  return (
    `<rect x="${r2(x)}" y="${r2(y)}" width="${r2(w)}" height="${BOX_H}" rx="4" fill="${b.fill}" stroke="${b.stroke}"/>` +
    `<text x="${r2(x + w / 2)}" y="${r2(y + BOX_H / 2)}" class="g2-tk" fill="${b.color}">${esc(shown(b.text))}</text>`
  );
}

/** Lays boxes out left to right from (x, y), wrapping at `width`; returns the SVG and the height used. */
function flow(boxes: Box[], x: number, y: number, width: number): { svg: string; height: number; right: number } {
  let cx = x;
  let cy = y;
  let right = x;
  const out: string[] = [];
  for (const b of boxes) {
    const w = boxWidth(b.text);
    if (cx > x && cx + w > x + width) {
      cx = x;
      cy += BOX_H + ROW_GAP;
    }
    out.push(box(cx, cy, w, b));
    right = Math.max(right, cx + w);
    cx += w + GAP + (b.gapAfter ?? 0);
  }
  return { svg: out.join(''), height: boxes.length ? cy - y + BOX_H : 0, right };
}

/** A caption, wrapped at `width`: its SVG, and how far down the part's content starts (px). */
function caption(text: string, width: number, p: Figure2Palette): { svg: string; height: number } {
  const lines = wrapText(text, Math.max(width, 240), captionWidth);
  return {
    svg: lines.map((l, i) => `<text x="0" y="${14 + i * CAPTION_LINE}" class="g2-cp" fill="${p.text}">${esc(l)}</text>`).join(''),
    height: 26 + (lines.length - 1) * CAPTION_LINE,
  };
}

function rowLabel(x: number, y: number, text: string, p: Figure2Palette, anchor = 'start'): string {
  return `<text x="${r2(x)}" y="${r2(y)}"${anchor === 'start' ? '' : ` text-anchor="${anchor}"`} class="g2-lb" fill="${p.muted}">${esc(text)}</text>`;
}

/** A part of the figure drawn from (0, 0), and the room it takes. */
interface Block {
  svg: string;
  width: number;
  height: number;
}

/** Colours and box makers shared by the parts. */
function painter(input: Figure2Input) {
  const p = input.palette;
  const hue = (i: number) => p.spans[i % p.spans.length]!;
  const fill = (i: number) => mix(hue(i), p.background, p.spanMix);
  const plain = (text: string): Box => ({ text, fill: p.tokenFill, stroke: p.border, color: p.text });
  const spanBox = (text: string, i: number): Box => ({ text, fill: fill(i), stroke: hue(i), color: p.text });
  return { p, hue, plain, spanBox };
}


/** (a), (b) and (c) stacked, wrapping at `width`. */
function textParts(input: Figure2Input, width: number): Block {
  const { c, texts, base, labels: L } = input;
  const { p, plain, spanBox } = painter(input);
  const parts: string[] = [];
  let y = 0;
  let right = 0;
  /** A caption at y, wrapped at the width; moves y to the content under it. */
  const captionAt = (text: string) => {
    const cap = caption(text, width, p);
    parts.push(`<g transform="translate(0 ${r2(y)})">${cap.svg}</g>`);
    right = Math.max(right, ...wrapText(text, Math.max(width, 240), captionWidth).map(captionWidth));
    y += cap.height;
  };

  // (a) the original text, span tokens in their span's colour.
  captionAt(L.a);
  const cover = spanCover(c.spans, texts.length);
  const a = flow(
    texts.map((t, i) => (cover[i]! >= 0 ? spanBox(t, cover[i]!) : plain(t))),
    0,
    y,
    width,
  );
  parts.push(a.svg);
  right = Math.max(right, a.right);
  y += a.height + 24;

  // (b) Part A (mask tokens coloured) and Part B (the spans in Part B order).
  captionAt(L.b);
  const lw = Math.max(labelWidth(L.partA), labelWidth(L.partB)) + 12;
  parts.push(rowLabel(0, y + BOX_H / 2, L.partA, p));
  const partA = flow(
    c.tokens.slice(0, c.sep).map((t, i) => {
      const s = spanOfOrigin(c.origins[i]);
      return s === null ? plain(t) : spanBox(t, s);
    }),
    lw,
    y,
    width - lw,
  );
  parts.push(partA.svg);
  right = Math.max(right, partA.right);
  y += Math.max(partA.height, BOX_H) + ROW_GAP + 4;
  parts.push(rowLabel(0, y + BOX_H / 2, L.partB, p));
  if (c.segments.length === 0) {
    parts.push(rowLabel(lw, y + BOX_H / 2, L.noSpans, p));
    right = Math.max(right, lw + labelWidth(L.noSpans));
    y += BOX_H;
  } else {
    const segs: Box[] = [];
    for (const g of c.segments) {
      const s = c.spans[g.span]!;
      const words = texts.slice(s.start, s.end);
      words.forEach((w, j) => segs.push({ ...spanBox(w, g.span), gapAfter: j === words.length - 1 ? 14 : 0 }));
    }
    const partB = flow(segs, lw, y, width - lw);
    parts.push(partB.svg);
    right = Math.max(right, partB.right);
    y += partB.height;
  }
  y += 24;

  // (c) the GLM input: tokens, positions, block positions and targets, column by column.
  captionAt(L.c);
  const n = c.tokens.length;
  const head = Math.max(...[L.token, L.position, L.block, L.target].map(labelWidth)) + 14;
  const colW = Array.from({ length: n }, (_, i) => Math.max(boxWidth(c.tokens[i]!), boxWidth(c.targets[i]!), 28));
  const rowsH = 4 * BOX_H + 3 * GAP;
  const wraps = head + colW.reduce((sum, w) => sum + w + GAP, 0) - GAP > width;
  let i = 0;
  let first = true;
  while (i < n || first) {
    if (!first) y += 16;
    first = false;
    // One band of columns that fits the width; when the columns need more than one band, Part B
    // starts a band of its own.
    let x = head;
    const start = i;
    while (i < n && (i === start || (x + colW[i]! <= width && !(wraps && i === c.sep)))) x += colW[i++]! + GAP;
    const rowY = (r: number) => y + r * (BOX_H + GAP);
    parts.push(rowLabel(0, rowY(0) + BOX_H / 2, L.token, p));
    parts.push(rowLabel(0, rowY(1) + BOX_H / 2, L.position, p));
    parts.push(rowLabel(0, rowY(2) + BOX_H / 2, L.block, p));
    parts.push(rowLabel(0, rowY(3) + BOX_H / 2, L.target, p));
    let cx = head;
    for (let j = start; j < i; j++) {
      const w = colW[j]!;
      const shade = j < c.sep ? p.partA : p.partB;
      parts.push(`<rect x="${r2(cx - GAP / 2)}" y="${r2(y - GAP / 2)}" width="${r2(w + GAP)}" height="${rowsH + GAP}" fill="${shade}"/>`);
      if (j === c.sep && j > 0)
        parts.push(`<line x1="${r2(cx - GAP / 2)}" y1="${y - 6}" x2="${r2(cx - GAP / 2)}" y2="${y + rowsH + 6}" stroke="${p.muted}" stroke-width="2" stroke-dasharray="4 3"/>`);
      const s = spanOfOrigin(c.origins[j]);
      const colour = (t: string) => (s === null ? plain(t) : spanBox(t, s));
      parts.push(box(cx, rowY(0), w, colour(c.tokens[j]!)));
      const num = (r: number, v: number) =>
        `<text x="${r2(cx + w / 2)}" y="${rowY(r) + BOX_H / 2}" class="g2-tk" fill="${p.text}">${v}</text>`;
      parts.push(num(1, c.positionIds[j]! + base), num(2, c.blockPositionIds[j]!));
      const target = colour(c.targets[j]!);
      parts.push(box(cx, rowY(3), w, c.lossMask[j] ? target : { ...target, color: p.muted, stroke: p.border }));
      cx += w + GAP;
    }
    right = Math.max(right, cx);
    y += rowsH + GAP / 2;
    if (n === 0) break;
  }
  return { svg: parts.join(''), width: Math.ceil(right), height: Math.ceil(y) };
}

/** (d) the self-attention mask, its matrix `size` px square: query rows, key columns; k visible from q iff k < sep or k <= q. */
function maskPart(input: Figure2Input, size: number, captionRoom = 0): Block {
  const { c, labels: L } = input;
  const { p, hue } = painter(input);
  const parts: string[] = [];
  const n = c.tokens.length;
  const labelled = n <= MATRIX_LABELS;
  const tick = labelled ? Math.max(0, ...c.tokens.map((t) => monoWidth(clip(chipText(t), 8), 12))) + 8 : 0;
  const strip = 6;
  // The caption wraps at the matrix's extent (it is the widest part of (d) otherwise).
  const capWidth = Math.max(captionRoom, tick + strip + 4 + size);
  const cap = caption(L.d, capWidth, p);
  parts.push(cap.svg);
  const y = cap.height + 4;
  const cell = n > 0 ? size / n : size;
  const x0 = r2(tick + strip + 4);
  const y0 = r2(y + tick + strip + 4);
  const X = (k: number) => r2(x0 + k * cell);
  const Y = (q: number) => r2(y0 + q * cell);
  parts.push(`<rect x="${x0}" y="${y0}" width="${r2(size)}" height="${r2(size)}" fill="${p.masked}"/>`);
  if (n > 0) {
    parts.push(`<rect x="${x0}" y="${y0}" width="${r2(X(c.sep) - x0)}" height="${r2(size)}" fill="${p.visible}"/>`);
    if (c.sep < n) {
      const pts = [`${X(c.sep)},${Y(c.sep)}`];
      for (let q = c.sep; q < n; q++) pts.push(`${X(q + 1)},${Y(q)}`, `${X(q + 1)},${Y(q + 1)}`);
      pts.push(`${X(c.sep)},${Y(n)}`);
      parts.push(`<polygon points="${pts.join(' ')}" fill="${p.visible}"/>`);
    }
    if (n <= 64) {
      const grid: string[] = [];
      for (let k = 1; k < n; k++) grid.push(`M${X(k)} ${y0}V${Y(n)}M${x0} ${Y(k)}H${X(n)}`);
      parts.push(`<path d="${grid.join('')}" stroke="${p.background}" stroke-width="1"/>`);
    }
    // Span strips beside the rows and above the columns, run by run.
    for (let k = 0; k < n; ) {
      const s = spanOfOrigin(c.origins[k]);
      let e = k + 1;
      while (e < n && spanOfOrigin(c.origins[e]) === s) e++;
      if (s !== null) {
        parts.push(`<rect x="${r2(x0 - strip - 2)}" y="${Y(k)}" width="${strip}" height="${r2(Y(e) - Y(k))}" fill="${hue(s)}"/>`);
        parts.push(`<rect x="${X(k)}" y="${r2(y0 - strip - 2)}" width="${r2(X(e) - X(k))}" height="${strip}" fill="${hue(s)}"/>`);
      }
      k = e;
    }
    if (c.sep > 0 && c.sep < n) {
      parts.push(`<line x1="${X(c.sep)}" y1="${r2(y0 - strip - 4)}" x2="${X(c.sep)}" y2="${Y(n)}" stroke="${p.text}" stroke-width="1.5" stroke-dasharray="4 3"/>`);
      parts.push(`<line x1="${r2(x0 - strip - 4)}" y1="${Y(c.sep)}" x2="${X(n)}" y2="${Y(c.sep)}" stroke="${p.text}" stroke-width="1.5" stroke-dasharray="4 3"/>`);
    }
    if (labelled) {
      const fs = r2(Math.min(12, Math.max(8, cell * 0.7)));
      c.tokens.forEach((t, k) => {
        const label = esc(clip(chipText(t), 8));
        parts.push(`<text x="${r2(x0 - strip - 6)}" y="${r2(Y(k) + cell / 2)}" text-anchor="end" class="g2-mx" font-size="${fs}" fill="${p.text}">${label}</text>`);
        const cx = r2(X(k) + cell / 2);
        const cy = r2(y0 - strip - 6);
        parts.push(`<text x="${cx}" y="${cy}" transform="rotate(-90 ${cx} ${cy})" class="g2-mx" font-size="${fs}" fill="${p.text}">${label}</text>`);
      });
    }
  }
  // Quadrant names under the matrix.
  const legendY = r2(y0 + size + 18);
  if (n > 0 && c.sep > 0) parts.push(rowLabel(r2((x0 + X(c.sep)) / 2), legendY, L.partA, p, 'middle'));
  if (n > 0 && c.sep < n) parts.push(rowLabel(r2((X(c.sep) + X(n)) / 2), legendY, L.partB, p, 'middle'));
  const width = Math.max(x0 + size, ...wrapText(L.d, Math.max(capWidth, 240), captionWidth).map(captionWidth));
  return { svg: parts.join(''), width: Math.ceil(width), height: Math.ceil(legendY + 14) };
}

/** The (d) matrix's side in portrait (the figure's width limits it). */
function portraitMatrix(input: Figure2Input, width: number): number {
  const n = input.c.tokens.length;
  const tick = n <= MATRIX_LABELS ? Math.max(0, ...input.c.tokens.map((t) => monoWidth(clip(chipText(t), 8), 12))) + 8 : 0;
  return Math.min(420, width - tick - 6 - 8);
}

/** The matrix side whose (d) is `height` tall (the column beside it), within sensible bounds. */
function matrixForHeight(input: Figure2Input, height: number): number {
  const probe = maskPart(input, 100);
  // (d)'s height is its matrix side plus a fixed amount (caption, labels, quadrant names).
  return Math.max(160, Math.min(720, height - (probe.height - 100)));
}

/** The 16:9 slide Figure 2 is laid out on (px; the PNG is drawn at this size). */
export const SLIDE = { width: 1920, height: 1080, margin: 56 } as const;

const COLUMN_GAP = 48;
const SECTION_GAP = 32;

function svgDocument(width: number, height: number, L: Figure2Labels, p: Figure2Palette, content: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">` +
    `<title>${esc(`${L.a} · ${L.b} · ${L.c} · ${L.d}`)}</title>` +
    `<style>${STYLE}</style>` +
    `<rect width="100%" height="100%" fill="${p.background}"/>` +
    content +
    `</svg>`
  );
}

const place = (b: Block, x: number, y: number) => `<g transform="translate(${r2(x)} ${r2(y)})">${b.svg}</g>`;

/** Portrait: (a)–(d) stacked, as wide as the content (wrapping at `maxWidth`). */
function portrait(input: Figure2Input): string {
  const width = input.maxWidth ?? 960;
  const top = textParts(input, width);
  const d = maskPart(input, portraitMatrix(input, width), top.width);
  const w = Math.ceil(Math.max(top.width, d.width) + 2 * MARGIN);
  const h = Math.ceil(MARGIN + top.height + SECTION_GAP + d.height + MARGIN);
  return svgDocument(w, h, input.labels, input.palette, place(top, MARGIN, MARGIN) + place(d, MARGIN, MARGIN + top.height + SECTION_GAP));
}

/**
 * The 16:9 slide: (a)–(c) in a column on the left, (d) beside it as tall as that column, scaled
 * together to fill SLIDE and centred. The column's wrap width is the one that draws the figure largest.
 */
function slide(input: Figure2Input): string {
  const { width: W, height: H, margin: M } = SLIDE;
  const roomW = W - 2 * M;
  const roomH = H - 2 * M;
  // Each wrap width of the left column, and (d) from as tall as that column to larger: the layout
  // that fills most of the slide at the largest scale (score: scale × the share of the slide filled).
  let best: { score: number; s: number; left: Block; d: Block } | null = null;
  for (let wrap = 320; wrap <= 1800; wrap += 80) {
    const left = textParts(input, wrap);
    for (let size = matrixForHeight(input, left.height); size <= 720; size += 40) {
      const d = maskPart(input, size);
      const w = left.width + COLUMN_GAP + d.width;
      const h = Math.max(left.height, d.height);
      const s = Math.min(roomW / w, roomH / h);
      const score = (s * (w * s * h * s)) / (roomW * roomH);
      if (!best || score > best.score + 1e-9) best = { score, s, left, d };
      if (h * s >= roomH - 1) break; // taller only shrinks it
    }
    if (left.width <= wrap - 80) break; // nothing wraps any more: wider wraps draw the same
  }
  const { left, d } = best!;
  const s = Math.floor(best!.s * 1e4) / 1e4;
  const contentW = (left.width + COLUMN_GAP + d.width) * s;
  const contentH = Math.max(left.height, d.height) * s;
  const ox = (W - contentW) / 2;
  const oy = (H - contentH) / 2;
  const ly = ((Math.max(left.height, d.height) - left.height) / 2) * s;
  const dy = ((Math.max(left.height, d.height) - d.height) / 2) * s;
  const scaled = (b: Block, x: number, y: number) =>
    `<g transform="translate(${r2(x)} ${r2(y)}) scale(${s})">${b.svg}</g>`;
  return svgDocument(
    W,
    H,
    input.labels,
    input.palette,
    scaled(left, ox, oy + ly) + scaled(d, ox + (left.width + COLUMN_GAP) * s, oy + dy),
  );
}

/** Figure 2 (a)–(d) for `input.c` as a standalone SVG document, in portrait (default) or on a 16:9 slide. */
export function figure2Svg(input: Figure2Input): string {
  return input.layout === 'slide' ? slide(input) : portrait(input);
}
