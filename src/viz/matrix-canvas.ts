/**
 * The attention mask as pixels: one pixel per cell, built in a single pass over a Uint32 view of
 * an RGBA buffer (no per-cell objects), for a <canvas> that CSS scales up with
 * `image-rendering: pixelated`. At 2,048 tokens that is 4M pixels, filled row by row with
 * `Uint32Array.fill` when there are no weights.
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
  return littleEndian ? ((a << 24) | (b << 16) | (g << 8) | r) >>> 0 : ((r << 24) | (g << 16) | (b << 8) | a) >>> 0;
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

/**
 * RGBA bytes, shape [n, n, 4], of the mask with sep: row q is visible over keys
 * 0..max(sep, q+1)-1, then masked (Part A rows) or future (Part B rows). With weights, visible
 * cells take the colour of their weight instead.
 */
export function maskPixels(sep: number, n: number, palette: MaskPalette, weights?: WeightPaint): Uint8ClampedArray {
  const buffer = new ArrayBuffer(n * n * 4);
  const px = new Uint32Array(buffer);
  const visible = packColor(palette.visible);
  const masked = packColor(palette.masked);
  const future = packColor(palette.future);
  const a = Math.min(Math.max(sep, 0), n);
  const scale = weights ? 255 / weights.max : 0;
  for (let q = 0; q < n; q++) {
    const row = q * n;
    const end = row + Math.min(n, Math.max(a, q + 1));
    if (weights) {
      const { flat, lut } = weights;
      for (let i = row; i < end; i++) {
        const j = Math.round(flat[i]! * scale);
        px[i] = lut[j < 0 ? 0 : j > 255 ? 255 : j]!;
      }
    } else px.fill(visible, row, end);
    px.fill(q < a ? masked : future, end, row + n);
  }
  return new Uint8ClampedArray(buffer);
}

/**
 * Paints the mask onto a canvas sized n × n. Returns false (and draws nothing) where there is no
 * 2D context, e.g. in jsdom.
 */
export function paintMask(
  canvas: HTMLCanvasElement,
  sep: number,
  n: number,
  palette: MaskPalette,
  weights?: WeightPaint,
): boolean {
  if (canvas.width !== n) canvas.width = n;
  if (canvas.height !== n) canvas.height = n;
  let ctx: CanvasRenderingContext2D | null = null;
  try {
    ctx = canvas.getContext('2d');
  } catch {
    ctx = null;
  }
  if (!ctx || typeof ImageData === 'undefined' || n === 0) return false;
  const data = maskPixels(sep, n, palette, weights);
  ctx.putImageData(new ImageData(data as Uint8ClampedArray<ArrayBuffer>, n, n), 0, 0);
  return true;
}
