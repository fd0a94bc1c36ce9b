/**
 * The attention mask on a <canvas> of n × n pixels, one pixel per cell, that CSS scales up with
 * `image-rendering: pixelated`. Without weights the mask is O(n) rectangles (fillRect); with
 * weights every visible cell has its own colour, so the pixels are built in a single pass over a
 * Uint32 view of one reused RGBA buffer (no per-cell objects) and put as ImageData.
 */
import { color } from 'd3';

/** Colours of the three kinds of cell, as CSS colours. */
export interface MaskPalette {
  /** Visible: the query may attend to the key. */
  visible: string;
  /** Masked because Part A never sees Part B. */
  masked: string;
  /** Masked because the key is a later Part B token ("future"). */
  future: string;
}

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** A CSS colour packed as one RGBA pixel in the platform's byte order (opaque black if unreadable). */
export function packColor(css: string): number {
  const c = color(css)?.rgb();
  const r = c ? Math.round(c.r) : 0;
  const g = c ? Math.round(c.g) : 0;
  const b = c ? Math.round(c.b) : 0;
  const a = c ? Math.round(c.opacity * 255) : 255;
  return littleEndian
    ? ((a << 24) | (b << 16) | (g << 8) | r) >>> 0
    : ((r << 24) | (g << 16) | (b << 8) | a) >>> 0;
}

/** 256 packed colours sampled from `scale` over [0, max], for weight lookups. */
export function weightLut(scale: (w: number) => string, max: number): Uint32Array {
  const lut = new Uint32Array(256);
  for (let i = 0; i < 256; i++) lut[i] = packColor(scale((i / 255) * max));
  return lut;
}

export interface WeightPaint {
  /** Weights, shape [n*n] row-major. */
  flat: Float32Array;
  /** Largest visible weight (maps to lut[255]). */
  max: number;
  /** 256 packed colours from weight 0 to max. */
  lut: Uint32Array;
}

/** What both pixel painters start from: the buffer (side × side), its packed view, colours, sep, weight scale. */
function paintSetup(sep: number, n: number, side: number, palette: MaskPalette, weights?: WeightPaint, into?: Uint8ClampedArray<ArrayBuffer>) {
  const out = into && into.length === side * side * 4 ? into : new Uint8ClampedArray(side * side * 4);
  return {
    out,
    px: new Uint32Array(out.buffer, out.byteOffset, side * side),
    visible: packColor(palette.visible),
    masked: packColor(palette.masked),
    future: packColor(palette.future),
    a: Math.min(Math.max(sep, 0), n),
    scale: weights ? 255 / weights.max : 0,
  };
}

/** The packed colour of weight `w` (scale = 255 / max), clamped to the table. */
const shade = (lut: Uint32Array, w: number, scale: number): number => {
  const j = Math.round(w * scale);
  return lut[j < 0 ? 0 : j > 255 ? 255 : j]!;
};

/**
 * RGBA bytes, shape [n, n, 4], of the mask with sep: row q is visible over keys
 * 0..max(sep, q+1)-1, then masked (Part A rows) or future (Part B rows). With weights, visible
 * cells take the colour of their weight instead.
 */
export function maskPixels(
  sep: number,
  n: number,
  palette: MaskPalette,
  weights?: WeightPaint,
  into?: Uint8ClampedArray<ArrayBuffer>,
): Uint8ClampedArray<ArrayBuffer> {
  const { out, px, visible, masked, future, a, scale } = paintSetup(sep, n, n, palette, weights, into);
  for (let q = 0; q < n; q++) {
    const row = q * n;
    const end = row + Math.min(n, Math.max(a, q + 1));
    if (weights) {
      const { flat, lut } = weights;
      for (let i = row; i < end; i++) px[i] = shade(lut, flat[i]!, scale);
    } else px.fill(visible, row, end);
    px.fill(q < a ? masked : future, end, row + n);
  }
  return out;
}

/** What a rectangle of cells is: visible, masked (Part A never sees Part B), future (later Part B keys). */
export type MaskRectKind = 'visible' | 'masked' | 'future';

/**
 * The mask as a few rectangles in cell units, painted in order: everything visible, then the
 * Part A × Part B block masked, then one strip per Part B row for its future keys. O(n) rectangles,
 * no per-cell work: `fillRect` with integer coordinates on an n × n canvas is one pixel per cell.
 */
export function forEachMaskRect(
  sep: number,
  n: number,
  draw: (kind: MaskRectKind, x: number, y: number, w: number, h: number) => void,
): void {
  if (n <= 0) return;
  const a = Math.min(Math.max(sep, 0), n);
  draw('visible', 0, 0, n, n);
  if (a > 0 && a < n) draw('masked', a, 0, n - a, a);
  // Row q sees keys up to max(a, q + 1) - 1; rows q < a are done above.
  for (let q = a; q < n - 1; q++) draw('future', q + 1, q, n - q - 1, 1);
}

/**
 * A canvas is at most this many pixels a side. Up to this many tokens a pixel is a cell; a longer
 * sequence is drawn downsampled (a pixel stands for several cells) and the panel says so: one pixel
 * per cell of a 20,000-token mask would be 400 million pixels, more than a canvas may hold.
 */
export const MASK_CANVAS_MAX = 4096;

/** The side, in pixels, of the canvas for an n × n mask. */
export function maskCanvasSide(n: number): number {
  return Math.min(Math.max(n, 0), MASK_CANVAS_MAX);
}

/**
 * RGBA bytes, shape [side, side, 4], of an n × n mask drawn downsampled (side < n): each pixel
 * takes the cell at its centre, so the Part A / Part B blocks and the Part B staircase keep their
 * shape. With weights, visible cells take their weight's colour as in maskPixels.
 */
export function maskPixelsSampled(
  sep: number,
  n: number,
  side: number,
  palette: MaskPalette,
  weights?: WeightPaint,
  into?: Uint8ClampedArray<ArrayBuffer>,
): Uint8ClampedArray<ArrayBuffer> {
  const { out, px, visible, masked, future, a, scale } = paintSetup(sep, n, side, palette, weights, into);
  const cellOf = (p: number) => Math.min(n - 1, Math.floor(((p + 0.5) * n) / side));
  for (let y = 0; y < side; y++) {
    const q = cellOf(y);
    const seen = Math.min(n, Math.max(a, q + 1)); // row q sees keys 0..seen-1
    const hidden = q < a ? masked : future;
    for (let x = 0; x < side; x++) {
      const k = cellOf(x);
      let c: number;
      if (k >= seen) c = hidden;
      else if (weights) c = shade(weights.lut, weights.flat[q * n + k]!, scale);
      else c = visible;
      px[y * side + x] = c;
    }
  }
  return out;
}

/** One buffer reused across paints of the same size (a 2,048-token mask is 16 MB); `n` is its side. */
let scratch: { n: number; data: Uint8ClampedArray<ArrayBuffer> } | null = null;

type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** Draws the mask (side × side pixels) with a 2D context. */
function drawMask(ctx: Context2D, sep: number, n: number, side: number, palette: MaskPalette, weights?: WeightPaint): boolean {
  if (side < n) {
    if (typeof ImageData === 'undefined') return false;
    if (!scratch || scratch.n !== side) scratch = { n: side, data: new Uint8ClampedArray(side * side * 4) };
    maskPixelsSampled(sep, n, side, palette, weights, scratch.data);
    ctx.putImageData(new ImageData(scratch.data, side, side), 0, 0);
    return true;
  }
  if (!weights) {
    let last: string | null = null;
    forEachMaskRect(sep, n, (kind, x, y, w, h) => {
      if (kind !== last) ctx.fillStyle = palette[kind];
      last = kind;
      ctx.fillRect(x, y, w, h);
    });
    return true;
  }
  if (typeof ImageData === 'undefined') return false;
  if (!scratch || scratch.n !== n) scratch = { n, data: new Uint8ClampedArray(n * n * 4) };
  maskPixels(sep, n, palette, weights, scratch.data);
  ctx.putImageData(new ImageData(scratch.data, n, n), 0, 0);
  return true;
}

/** The offscreen canvas masks are drawn on before they are handed to the page (reused). */
let offscreen: OffscreenCanvas | null = null;

/**
 * Paints the mask onto a canvas of maskCanvasSide(n) pixels a side: rectangles without weights,
 * an ImageData built in one pass with them (or sampled, past MASK_CANVAS_MAX). Where it can, it
 * draws offscreen and hands the canvas a finished ImageBitmap ('bitmaprenderer'): a 2D canvas on
 * the page is copied into a new frame resource at every frame the page commits (software
 * compositing), 16 MB for a 2,048-token mask on every keystroke; a bitmap is handed over once.
 * Returns false (and draws nothing) where there is no 2D context, e.g. in jsdom.
 */
export function paintMask(
  canvas: HTMLCanvasElement,
  sep: number,
  n: number,
  palette: MaskPalette,
  weights?: WeightPaint,
): boolean {
  const side = maskCanvasSide(n);
  if (canvas.width !== side) canvas.width = side;
  if (canvas.height !== side) canvas.height = side;
  if (n === 0) return false;
  let renderer: ImageBitmapRenderingContext | null = null;
  let ctx: CanvasRenderingContext2D | null = null;
  try {
    // A canvas keeps the first kind of context it gave out: a bitmap renderer where offscreen canvases exist.
    renderer = typeof OffscreenCanvas !== 'undefined' ? canvas.getContext('bitmaprenderer') : null;
    if (!renderer) ctx = canvas.getContext('2d');
  } catch {
    renderer = null;
    ctx = null;
  }
  if (renderer) {
    if (!offscreen) offscreen = new OffscreenCanvas(side, side);
    if (offscreen.width !== side) offscreen.width = side;
    if (offscreen.height !== side) offscreen.height = side;
    const off = offscreen.getContext('2d');
    if (!off || !drawMask(off, sep, n, side, palette, weights)) return false;
    renderer.transferFromImageBitmap(offscreen.transferToImageBitmap());
    return true;
  }
  return ctx ? drawMask(ctx, sep, n, side, palette, weights) : false;
}
