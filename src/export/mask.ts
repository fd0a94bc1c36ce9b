/**
 * The Attention mask panel as a native SVG (no `<foreignObject>`, so slide and drawing programs
 * open it too): the title, the summary and rule, the matrix with its Part A/Part B bands, token
 * labels and span strips, and the legend, sized to the matrix. A pure function (construction,
 * colours, words → SVG text). Up to CELL_LIMIT tokens each cell is one `<rect>` classed by kind
 * (`v` visible, `m` masked: Part A never sees Part B, `f` masked: a future Part B token), in
 * row-major order; beyond that each kind is one shape, so the file stays small at any length.
 */
import type { Construction } from '../glm';
import { spanOfOrigin } from '../viz/chips';
import { MASK_SURFACE, MATRIX, SPAN_HUES } from '../viz/colors';
import { clip, esc, monoWidth, wrapText } from './xml';

/** Colours of the mask picture (`#rrggbb`). */
export interface MaskSvgPalette {
  background: string;
  text: string;
  muted: string;
  visible: string;
  /** Part A never sees Part B. */
  masked: string;
  /** A later Part B token: this fill with `hatch` stripes. */
  future: string;
  hatch: string;
  /** Lines between cells. */
  grid: string;
  partA: string;
  partB: string;
  /** Span hues: span i (sorted by start) takes spans[i % length]. */
  spans: readonly string[];
}

/** The panel's colours, per theme (src/viz/colors.ts). */
export const MASK_SVG_PALETTES: Record<'light' | 'dark', MaskSvgPalette> = {
  light: {
    background: MASK_SURFACE.light,
    text: '#1b2129',
    muted: '#4f5a66',
    visible: MATRIX.light.visible,
    masked: MATRIX.light.blocked,
    future: MATRIX.light.future,
    hatch: MATRIX.light.hatch,
    grid: MATRIX.light.grid,
    partA: MATRIX.light.partA,
    partB: MATRIX.light.partB,
    spans: SPAN_HUES,
  },
  dark: {
    background: MASK_SURFACE.dark,
    text: '#f5f7fa',
    muted: '#c3cad3',
    visible: MATRIX.dark.visible,
    masked: MATRIX.dark.blocked,
    future: MATRIX.dark.future,
    hatch: MATRIX.dark.hatch,
    grid: MATRIX.dark.grid,
    partA: MATRIX.dark.partA,
    partB: MATRIX.dark.partB,
    spans: SPAN_HUES,
  },
};

/** The words of the picture (translated by the caller). */
export interface MaskSvgLabels {
  title: string;
  /** One sentence: the size, sep and what each part sees. */
  summary: string;
  rule: string;
  partA: string;
  partB: string;
  /** "query ↓ key →" */
  corner: string;
  visible: string;
  masked: string;
  future: string;
  span: string;
  /** The weight legend ("attention weight, 0 to 0.52"), when weights colour the cells. */
  weight?: string;
}

export interface MaskSvgInput {
  c: Construction;
  /** Numbering of the shown indices: 0 (code) or 1 (paper). */
  base: number;
  palette: MaskSvgPalette;
  labels: MaskSvgLabels;
  /** Colours of visible cells by attention weight (row-major, n × n), and the legend's ramp. */
  weights?: { color: (q: number, k: number) => string; ramp: readonly string[] };
}

/** Up to this many tokens every cell is its own `<rect>` (the panel's grid has an element per cell up to 64 too). */
export const CELL_LIMIT = 64;

const M = 20; // margin
const SANS = "system-ui, 'DejaVu Sans', 'Noto Sans CJK SC', Arial, sans-serif";
const MONO = "ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace";
const TEXT_FS = 14;
const LINE = 20;
const BAND = 22;
const STRIP = 5;
const LABEL_FS = 12;
/** Longest token shown in a label (characters, as the panel clips them). */
const LABEL_CHARS = 12;

const r2 = (v: number) => Math.round(v * 100) / 100;

/** A generous estimate of `s`'s width in the sans font (0.57 em a character; wide characters count double). */
function sansWidth(s: string, size: number): number {
  return monoWidth(s, size) * 0.95;
}

/** The kind of cell (q, k): visible iff k < sep or k ≤ q; else masked (a Part A query) or future (a Part B query). */
function kind(sep: number, q: number, k: number): 'v' | 'm' | 'f' {
  if (k < sep || k <= q) return 'v';
  return q < sep ? 'm' : 'f';
}

/** The Attention mask panel for `input.c` as a standalone SVG document. */
export function maskSvg(input: MaskSvgInput): string {
  const { c, base, palette: p, labels: L, weights } = input;
  const n = c.tokens.length;
  const sep = Math.min(Math.max(c.sep, 0), n);
  const perCell = n <= CELL_LIMIT;
  // Cells: whole pixels up to CELL_LIMIT tokens; beyond, a matrix of a fixed side.
  const cell = perCell ? Math.max(8, Math.min(36, Math.floor(440 / Math.max(n, 1)))) : Math.min(720, Math.max(360, n * 0.5)) / n;
  const side = r2(cell * n);
  const labelled = perCell;
  const labelText = (i: number) => `${i + base} ${clip(c.tokens[i] ?? '', LABEL_CHARS)}`;
  const labelW = labelled ? Math.ceil(Math.max(0, ...c.tokens.map((_, i) => monoWidth(labelText(i), LABEL_FS)))) + 10 : 36;
  const hue = (i: number) => p.spans[i % p.spans.length]!;

  // Horizontal layout: [row band][row labels][strip] matrix.
  const x0 = M + BAND + 4 + labelW + STRIP + 3;
  const matrixRight = x0 + side;
  const cornerW = sansWidth(L.corner, LABEL_FS);
  const legendRows = [
    weights ? L.weight ?? L.visible : L.visible,
    L.masked,
    L.future,
    L.partA,
    L.partB,
    ...(c.spans.length ? [L.span] : []),
  ];
  const legendW = 24 + Math.max(...legendRows.map((s) => sansWidth(s, TEXT_FS)));
  const titleW = sansWidth(L.title, 20) * 1.1;
  const contentW = Math.ceil(Math.max(matrixRight - M, legendW, titleW, 320));
  const width = contentW + 2 * M;

  const out: string[] = [];
  let y = M;
  out.push(`<text x="${M}" y="${y + 16}" class="tt">${esc(L.title)}</text>`);
  y += 32;
  for (const line of wrapText(`${L.summary} ${L.rule}`, contentW, (t) => sansWidth(t, TEXT_FS))) {
    out.push(`<text x="${M}" y="${y + 14}" class="tx">${esc(line)}</text>`);
    y += LINE;
  }
  y += 10;

  // Vertical layout: [column band][column labels][strip] matrix.
  const colLabelH = labelled ? labelW : 0;
  const bandY = y;
  const y0 = Math.ceil(bandY + BAND + 4 + colLabelH + STRIP + 3);
  const X = (k: number) => r2(x0 + k * cell);
  const Y = (q: number) => r2(y0 + q * cell);

  // Part A / Part B bands above the columns and beside the rows.
  const band = (x: number, yy: number, w: number, h: number, fill: string, text: string, vertical: boolean) => {
    if (w <= 0 || h <= 0) return;
    out.push(`<rect x="${r2(x)}" y="${r2(yy)}" width="${r2(w)}" height="${r2(h)}" rx="3" fill="${fill}"/>`);
    const room = vertical ? h : w;
    if (sansWidth(text, LABEL_FS) + 6 > room) return;
    const cx = r2(x + w / 2);
    const cy = r2(yy + h / 2);
    out.push(`<text x="${cx}" y="${cy}"${vertical ? ` transform="rotate(-90 ${cx} ${cy})"` : ''} class="bd">${esc(text)}</text>`);
  };
  band(x0, bandY, X(sep) - x0, BAND, p.partA, L.partA, false);
  band(X(sep), bandY, X(n) - X(sep), BAND, p.partB, L.partB, false);
  band(M, y0, BAND, Y(sep) - y0, p.partA, L.partA, true);
  band(M, Y(sep), BAND, Y(n) - Y(sep), p.partB, L.partB, true);
  if (labelled && cornerW < labelW + BAND) out.push(`<text x="${r2(x0 - STRIP - 6)}" y="${r2(y0 - STRIP - 8)}" class="lb" text-anchor="end">${esc(L.corner)}</text>`);

  // Token labels: rows at the left, columns rotated above; or every step-th index beyond CELL_LIMIT.
  if (labelled) {
    for (let i = 0; i < n; i++) {
      const t = esc(labelText(i));
      out.push(`<text x="${r2(x0 - STRIP - 6)}" y="${r2(Y(i) + cell / 2)}" class="lb" text-anchor="end">${t}</text>`);
      const cx = r2(X(i) + cell / 2);
      const cy = r2(y0 - STRIP - 6);
      out.push(`<text x="${cx}" y="${cy}" transform="rotate(-90 ${cx} ${cy})" class="lb">${t}</text>`);
    }
  } else {
    const step = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000].find((s) => n / s <= 16) ?? 10_000;
    for (let i = 0; i < n; i += step) {
      out.push(`<text x="${r2(x0 - STRIP - 6)}" y="${r2(Y(i) + cell / 2)}" class="lb" text-anchor="end">${i + base}</text>`);
      out.push(`<text x="${r2(X(i) + cell / 2)}" y="${r2(y0 - STRIP - 6)}" class="lb" text-anchor="middle">${i + base}</text>`);
    }
  }

  // Span strips: each span's mask token and Part B segment, beside the rows and above the columns.
  for (let k = 0; k < n; ) {
    const s = spanOfOrigin(c.origins[k]);
    let e = k + 1;
    while (e < n && spanOfOrigin(c.origins[e]) === s) e++;
    if (s !== null) {
      out.push(`<rect x="${r2(x0 - STRIP - 2)}" y="${Y(k)}" width="${STRIP}" height="${r2(Y(e) - Y(k))}" fill="${hue(s)}"/>`);
      out.push(`<rect x="${X(k)}" y="${r2(y0 - STRIP - 2)}" width="${r2(X(e) - X(k))}" height="${STRIP}" fill="${hue(s)}"/>`);
    }
    k = e;
  }

  // The cells.
  if (n > 0 && perCell) {
    const cells: string[] = [];
    for (let q = 0; q < n; q++)
      for (let k = 0; k < n; k++) {
        const kd = kind(sep, q, k);
        const fill = kd === 'v' && weights ? ` style="fill:${weights.color(q, k)}"` : '';
        cells.push(`<rect class="${kd}" x="${X(k)}" y="${Y(q)}" width="${r2(cell)}" height="${r2(cell)}"${fill}/>`);
      }
    out.push(`<g class="cells">${cells.join('')}</g>`);
  } else if (n > 0) {
    // One shape per kind: Part A keys for every query, the Part B staircase; Part A queries' Part B
    // keys (masked); the rest of Part B's rows (future).
    out.push(`<rect class="f" x="${X(sep)}" y="${Y(sep)}" width="${r2(X(n) - X(sep))}" height="${r2(Y(n) - Y(sep))}"/>`);
    if (sep > 0) {
      out.push(`<rect class="v" x="${x0}" y="${y0}" width="${r2(X(sep) - x0)}" height="${side}"/>`);
      out.push(`<rect class="m" x="${X(sep)}" y="${y0}" width="${r2(X(n) - X(sep))}" height="${r2(Y(sep) - y0)}"/>`);
    }
    if (sep < n) {
      const pts = [`${X(sep)},${Y(sep)}`];
      for (let q = sep; q < n; q++) pts.push(`${X(q + 1)},${Y(q)}`, `${X(q + 1)},${Y(q + 1)}`);
      pts.push(`${X(sep)},${Y(n)}`);
      out.push(`<polygon class="v" points="${pts.join(' ')}"/>`);
    }
  }
  if (sep > 0 && sep < n) {
    out.push(`<path d="M${X(sep)} ${r2(bandY)}V${Y(n)}M${M} ${Y(sep)}H${X(n)}" class="sp"/>`);
  }
  y = Y(n) + 20;

  // The legend, one entry a line.
  const swatch = (cls: string) => `<rect x="${M}" y="${y}" width="16" height="16" rx="2" class="${cls}"/>`;
  const entry = (s: string) => {
    out.push(`<text x="${M + 24}" y="${y + 13}" class="tx">${esc(s)}</text>`);
    y += 24;
  };
  if (weights) {
    out.push(`<rect x="${M}" y="${y}" width="16" height="16" rx="2" fill="url(#wr)"/>`);
    entry(L.weight ?? L.visible);
  } else {
    out.push(swatch('v sw'));
    entry(L.visible);
  }
  out.push(swatch('m sw'));
  entry(L.masked);
  out.push(swatch('f sw'));
  entry(L.future);
  out.push(`<rect x="${M}" y="${y}" width="16" height="16" rx="2" fill="${p.partA}" class="sw"/>`);
  entry(L.partA);
  out.push(`<rect x="${M}" y="${y}" width="16" height="16" rx="2" fill="${p.partB}" class="sw"/>`);
  entry(L.partB);
  if (c.spans.length) {
    const shown = Math.min(c.spans.length, 4);
    for (let i = 0; i < shown; i++) out.push(`<rect x="${r2(M + (i * 16) / shown)}" y="${y}" width="${r2(16 / shown)}" height="16" fill="${hue(i)}"/>`);
    entry(L.span);
  }
  const height = Math.ceil(y - 8 + M);

  const style =
    `.tt{font:700 20px ${SANS};fill:${p.text}}` +
    `.tx{font:${TEXT_FS}px ${SANS};fill:${p.text}}` +
    `.bd{font:700 ${LABEL_FS}px ${SANS};fill:${p.text};text-anchor:middle;dominant-baseline:central}` +
    `.lb{font:${LABEL_FS}px ${MONO};fill:${p.text};dominant-baseline:central}` +
    `.cells{stroke:${p.grid};stroke-width:1}` +
    `.v{fill:${p.visible}}.m{fill:${p.masked}}.f{fill:url(#fh)}` +
    `.sw{stroke:${p.muted};stroke-width:1}` +
    `.sp{fill:none;stroke:${p.text};stroke-width:2}`;
  const defs =
    `<defs><pattern id="fh" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
    `<rect width="8" height="8" fill="${p.future}"/><rect width="2.5" height="8" fill="${p.hatch}"/></pattern>` +
    (weights
      ? `<linearGradient id="wr">${weights.ramp.map((col, i) => `<stop offset="${r2(i / Math.max(1, weights.ramp.length - 1))}" stop-color="${col}"/>`).join('')}</linearGradient>`
      : '') +
    `</defs>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">` +
    `<title>${esc(L.title)}</title>` +
    `<style>${style}</style>` +
    defs +
    `<rect width="100%" height="100%" fill="${p.background}"/>` +
    out.join('') +
    `</svg>`
  );
}
