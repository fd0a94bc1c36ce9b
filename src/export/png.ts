/** An SVG document as a PNG, drawn on a canvas at `scale`× (2× by default: sharp on slides). */
import { svgSize } from './xml';

/** Why a picture could not be made, as a code the page translates (`export.error.<code>`). */
export type ExportErrorCode = 'draw' | 'canvas' | 'encode' | 'noPanel';

export class ExportError extends Error {
  readonly code: ExportErrorCode;
  constructor(code: ExportErrorCode, message: string) {
    super(message);
    this.name = 'ExportError';
    this.code = code;
  }
}

/** Canvases bigger than this per side fail in Chromium; the scale shrinks to fit. */
const MAX_SIDE = 16_000;

export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** Renders `svg` to a PNG blob. Rejects when the browser cannot draw or encode it. */
export async function svgToPng(svg: string, scale = 2): Promise<Blob> {
  const { width, height } = svgSize(svg);
  const s = Math.max(0.1, Math.min(scale, MAX_SIDE / Math.max(1, width), MAX_SIDE / Math.max(1, height)));
  const img = new Image();
  img.decoding = 'sync';
  await new Promise<void>((resolve, reject) => {
    img.onload = () => resolve();
    img.onerror = () => reject(new ExportError('draw', 'the browser could not draw this picture'));
    img.src = svgDataUrl(svg);
  });
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * s));
  canvas.height = Math.max(1, Math.round(height * s));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new ExportError('canvas', 'no 2D canvas');
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new ExportError('encode', 'the PNG could not be encoded'))), 'image/png'),
  );
}
