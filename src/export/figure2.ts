/**
 * The paper's Figure 2, (a)–(d), drawn on the user's own construction as ONE standalone SVG string:
 * (a) the original text with its spans, (b) Part A and Part B, (c) the GLM input with its positions,
 * block positions and targets, (d) the self-attention mask. A pure function (construction, tokens,
 * colours, words → SVG text): no DOM, no store, so it exports crisply and tests as plain text.
 */
import type { Construction } from '../glm';
import { chipText, spanCover, spanOfOrigin } from '../viz/chips';
import { MATRIX, SPAN_HUES } from '../viz/colors';
import { clip, esc, mix, monoWidth } from './xml';

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
  /** Width the rows wrap at, in px (default 960). */
  maxWidth?: number;
}

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

interface Box {
  text: string;
  fill: string;
  stroke: string;
  color: string;
  /** Extra space after the box (between Part B segments). */
  gapAfter?: number;
}

const shown = (token: string) => clip(chipText(token), TOKEN_CHARS);
const boxWidth = (token: string) => Math.max(BOX_H, monoWidth(shown(token), FS) + 2 * PAD);
const labelWidth = (s: string) => s.length * LABEL_FS * 0.62;

function box(x: number, y: number, w: number, b: Box): string {
  return (
    `<rect x="${x}" y="${y}" width="${w}" height="${BOX_H}" rx="4" fill="${b.fill}" stroke="${b.stroke}"/>` +
    `<text x="${x + w / 2}" y="${y + BOX_H / 2}" class="g2-tk" fill="${b.color}">${esc(shown(b.text))}</text>`
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

function caption(x: number, y: number, text: string, p: Figure2Palette): string {
  return `<text x="${x}" y="${y}" class="g2-cp" fill="${p.text}">${esc(text)}</text>`;
}

function rowLabel(x: number, y: number, text: string, p: Figure2Palette, anchor = 'start'): string {
  return `<text x="${x}" y="${y}"${anchor === 'start' ? '' : ` text-anchor="${anchor}"`} class="g2-lb" fill="${p.muted}">${esc(text)}</text>`;
}

/** Figure 2 (a)–(d) for `input.c` as a standalone SVG document. */
export function figure2Svg(input: Figure2Input): string {
  const { c, texts, base, palette: p, labels: L } = input;
  const width = input.maxWidth ?? 960;
  const hue = (i: number) => p.spans[i % p.spans.length]!;
  const fill = (i: number) => mix(hue(i), p.background, p.spanMix);
  const plain = (text: string): Box => ({ text, fill: p.tokenFill, stroke: p.border, color: p.text });
  const spanBox = (text: string, i: number): Box => ({ text, fill: fill(i), stroke: hue(i), color: p.text });
  const parts: string[] = [];
  let y = MARGIN;
  // Captions are not wrapped: the figure is at least as wide as the longest one.
  let right = MARGIN + Math.max(...[L.a, L.b, L.c, L.d].map((s) => monoWidth(s, 15) * 0.95));

  // (a) the original text, span tokens in their span's colour.
  parts.push(caption(MARGIN, y + 14, L.a, p));
  y += 26;
  const cover = spanCover(c.spans, texts.length);
  const a = flow(
    texts.map((t, i) => (cover[i]! >= 0 ? spanBox(t, cover[i]!) : plain(t))),
    MARGIN,
    y,
    width,
  );
  parts.push(a.svg);
  right = Math.max(right, a.right);
  y += a.height + 24;

  // (b) Part A (mask tokens coloured) and Part B (the spans in Part B order).
  parts.push(caption(MARGIN, y + 14, L.b, p));
  y += 26;
  const lw = Math.max(labelWidth(L.partA), labelWidth(L.partB)) + 12;
  parts.push(rowLabel(MARGIN, y + BOX_H / 2, L.partA, p));
  const partA = flow(
    c.tokens.slice(0, c.sep).map((t, i) => {
      const s = spanOfOrigin(c.origins[i]);
      return s === null ? plain(t) : spanBox(t, s);
    }),
    MARGIN + lw,
    y,
    width - lw,
  );
  parts.push(partA.svg);
  right = Math.max(right, partA.right);
  y += Math.max(partA.height, BOX_H) + ROW_GAP + 4;
  parts.push(rowLabel(MARGIN, y + BOX_H / 2, L.partB, p));
  if (c.segments.length === 0) {
    parts.push(rowLabel(MARGIN + lw, y + BOX_H / 2, L.noSpans, p));
    y += BOX_H;
  } else {
    const segs: Box[] = [];
    for (const g of c.segments) {
      const s = c.spans[g.span]!;
      const words = texts.slice(s.start, s.end);
      words.forEach((w, j) => segs.push({ ...spanBox(w, g.span), gapAfter: j === words.length - 1 ? 14 : 0 }));
    }
    const partB = flow(segs, MARGIN + lw, y, width - lw);
    parts.push(partB.svg);
    right = Math.max(right, partB.right);
    y += partB.height;
  }
  y += 24;

  // (c) the GLM input: tokens, positions, block positions and targets, column by column.
  parts.push(caption(MARGIN, y + 14, L.c, p));
  y += 26;
  const n = c.tokens.length;
  const head = Math.max(...[L.token, L.position, L.block, L.target].map(labelWidth)) + 14;
  const colW = Array.from({ length: n }, (_, i) => Math.max(boxWidth(c.tokens[i]!), boxWidth(c.targets[i]!), 28));
  const rowsH = 4 * BOX_H + 3 * GAP;
  let i = 0;
  while (i < n || i === 0) {
    // One band of columns that fits the width.
    let x = MARGIN + head;
    const start = i;
    while (i < n && (i === start || x + colW[i]! <= MARGIN + width)) x += colW[i++]! + GAP;
    const rowY = (r: number) => y + r * (BOX_H + GAP);
    parts.push(rowLabel(MARGIN, rowY(0) + BOX_H / 2, L.token, p));
    parts.push(rowLabel(MARGIN, rowY(1) + BOX_H / 2, L.position, p));
    parts.push(rowLabel(MARGIN, rowY(2) + BOX_H / 2, L.block, p));
    parts.push(rowLabel(MARGIN, rowY(3) + BOX_H / 2, L.target, p));
    let cx = MARGIN + head;
    for (let j = start; j < i; j++) {
      const w = colW[j]!;
      const shade = j < c.sep ? p.partA : p.partB;
      parts.push(`<rect x="${cx - GAP / 2}" y="${y - GAP / 2}" width="${w + GAP}" height="${rowsH + GAP}" fill="${shade}"/>`);
      if (j === c.sep && j > 0)
        parts.push(`<line x1="${cx - GAP / 2}" y1="${y - 6}" x2="${cx - GAP / 2}" y2="${y + rowsH + 6}" stroke="${p.muted}" stroke-width="2" stroke-dasharray="4 3"/>`);
      const s = spanOfOrigin(c.origins[j]);
      const colour = (t: string) => (s === null ? plain(t) : spanBox(t, s));
      parts.push(box(cx, rowY(0), w, colour(c.tokens[j]!)));
      const num = (r: number, v: number) =>
        `<text x="${cx + w / 2}" y="${rowY(r) + BOX_H / 2}" class="g2-tk" fill="${p.text}">${v}</text>`;
      parts.push(num(1, c.positionIds[j]! + base), num(2, c.blockPositionIds[j]!));
      const target = colour(c.targets[j]!);
      parts.push(box(cx, rowY(3), w, c.lossMask[j] ? target : { ...target, color: p.muted, stroke: p.border }));
      cx += w + GAP;
    }
    right = Math.max(right, cx);
    y += rowsH + 16;
    if (n === 0) break;
  }
  y += 8;

  // (d) the self-attention mask: query rows, key columns; k visible from q iff k < sep or k <= q.
  parts.push(caption(MARGIN, y + 14, L.d, p));
  y += 30;
  const labelled = n <= MATRIX_LABELS;
  const tick = labelled ? Math.max(0, ...c.tokens.map((t) => monoWidth(clip(chipText(t), 8), 12))) + 8 : 0;
  const strip = 6;
  const size = Math.min(420, width - tick - strip - 8);
  const cell = n > 0 ? size / n : size;
  const x0 = MARGIN + tick + strip + 4;
  const y0 = y + tick + strip + 4;
  const X = (k: number) => +(x0 + k * cell).toFixed(3);
  const Y = (q: number) => +(y0 + q * cell).toFixed(3);
  parts.push(`<rect x="${x0}" y="${y0}" width="${size}" height="${size}" fill="${p.masked}"/>`);
  if (n > 0) {
    parts.push(`<rect x="${x0}" y="${y0}" width="${X(c.sep) - x0}" height="${size}" fill="${p.visible}"/>`);
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
        parts.push(`<rect x="${x0 - strip - 2}" y="${Y(k)}" width="${strip}" height="${Y(e) - Y(k)}" fill="${hue(s)}"/>`);
        parts.push(`<rect x="${X(k)}" y="${y0 - strip - 2}" width="${X(e) - X(k)}" height="${strip}" fill="${hue(s)}"/>`);
      }
      k = e;
    }
    if (c.sep > 0 && c.sep < n) {
      parts.push(`<line x1="${X(c.sep)}" y1="${y0 - strip - 4}" x2="${X(c.sep)}" y2="${Y(n)}" stroke="${p.text}" stroke-width="1.5" stroke-dasharray="4 3"/>`);
      parts.push(`<line x1="${x0 - strip - 4}" y1="${Y(c.sep)}" x2="${X(n)}" y2="${Y(c.sep)}" stroke="${p.text}" stroke-width="1.5" stroke-dasharray="4 3"/>`);
    }
    if (labelled) {
      const fs = Math.min(12, Math.max(8, cell * 0.7));
      c.tokens.forEach((t, k) => {
        const label = esc(clip(chipText(t), 8));
        parts.push(`<text x="${x0 - strip - 6}" y="${Y(k) + cell / 2}" text-anchor="end" class="g2-mx" font-size="${fs}" fill="${p.text}">${label}</text>`);
        const cx = X(k) + cell / 2;
        const cy = y0 - strip - 6;
        parts.push(`<text x="${cx}" y="${cy}" transform="rotate(-90 ${cx} ${cy})" class="g2-mx" font-size="${fs}" fill="${p.text}">${label}</text>`);
      });
    }
  }
  right = Math.max(right, x0 + size);
  // Quadrant names under the matrix.
  const legendY = y0 + size + 18;
  if (n > 0 && c.sep > 0) parts.push(rowLabel((x0 + X(c.sep)) / 2, legendY, L.partA, p, 'middle'));
  if (n > 0 && c.sep < n) parts.push(rowLabel((X(c.sep) + X(n)) / 2, legendY, L.partB, p, 'middle'));
  y = legendY + 14 + MARGIN;

  const w = Math.ceil(right + MARGIN);
  const h = Math.ceil(y);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img">` +
    `<title>${esc(`${L.a} · ${L.b} · ${L.c} · ${L.d}`)}</title>` +
    `<style>${STYLE}</style>` +
    `<rect width="100%" height="100%" fill="${p.background}"/>` +
    parts.join('') +
    `</svg>`
  );
}
