/**
 * Colour arithmetic for legibility checks: WCAG 2 relative luminance and contrast ratio, and a
 * simulation of the three dichromacies (protanopia, deuteranopia, tritanopia) with the
 * full-severity matrices of Machado, Oliveira & Fernandes (2009), applied in linear RGB.
 * Pure functions over `#rrggbb` / `#rgb` / `rgb(r, g, b)` strings; no DOM.
 */

/** An sRGB colour, each channel 0..255. */
export interface Rgb {
  r: number;
  g: number;
  b: number;
}

/** Reads `#rgb`, `#rrggbb` or `rgb(r, g, b)` / `rgba(r, g, b, a)` (alpha ignored). */
export function parseColor(css: string): Rgb {
  const s = css.trim().toLowerCase();
  let m = /^#([0-9a-f]{3})$/.exec(s);
  if (m) {
    const [r, g, b] = m[1]!.split('').map((h) => parseInt(h + h, 16));
    return { r: r!, g: g!, b: b! };
  }
  m = /^#([0-9a-f]{6})$/.exec(s);
  if (m) {
    const n = parseInt(m[1]!, 16);
    return { r: (n >> 16) & 255, g: (n >> 8) & 255, b: n & 255 };
  }
  m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/.exec(s);
  if (m) return { r: Number(m[1]), g: Number(m[2]), b: Number(m[3]) };
  throw new Error(`not a colour this module reads: ${css}`);
}

/** `#rrggbb` of a colour (channels rounded and clamped). */
export function toHex({ r, g, b }: Rgb): string {
  const h = (x: number) => Math.round(Math.min(255, Math.max(0, x))).toString(16).padStart(2, '0');
  return `#${h(r)}${h(g)}${h(b)}`;
}

/** sRGB channel (0..255) to linear light (0..1). */
const toLinear = (c: number): number => {
  const x = c / 255;
  return x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
};

/** Linear light (0..1) to an sRGB channel (0..255). */
const fromLinear = (x: number): number => {
  const v = Math.min(1, Math.max(0, x));
  return 255 * (v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055);
};

/** WCAG 2 relative luminance, 0 (black) .. 1 (white). */
export function luminance(color: string | Rgb): number {
  const { r, g, b } = typeof color === 'string' ? parseColor(color) : color;
  return 0.2126 * toLinear(r) + 0.7152 * toLinear(g) + 0.0722 * toLinear(b);
}

/** WCAG 2 contrast ratio of two colours, 1 .. 21 (order does not matter). */
export function contrast(a: string | Rgb, b: string | Rgb): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

export type Vision = 'normal' | 'protanopia' | 'deuteranopia' | 'tritanopia';

export const VISIONS: readonly Vision[] = ['normal', 'protanopia', 'deuteranopia', 'tritanopia'];

type Matrix3 = readonly [number, number, number, number, number, number, number, number, number];

/** Machado et al. (2009), severity 1.0: linear RGB in, linear RGB out. */
const CVD: Record<Exclude<Vision, 'normal'>, Matrix3> = {
  protanopia: [0.152286, 1.052583, -0.204868, 0.114503, 0.786281, 0.099216, -0.003882, -0.048116, 1.051998],
  deuteranopia: [0.367322, 0.860646, -0.227968, 0.280085, 0.672501, 0.047413, -0.01182, 0.04294, 0.968881],
  tritanopia: [1.255528, -0.076749, -0.178779, -0.078411, 0.930809, 0.147602, 0.004733, 0.691367, 0.3039],
};

/** How a colour looks to a viewer with the given vision (normal: unchanged). */
export function simulate(color: string | Rgb, vision: Vision): Rgb {
  const c = typeof color === 'string' ? parseColor(color) : color;
  if (vision === 'normal') return c;
  const m = CVD[vision];
  const r = toLinear(c.r);
  const g = toLinear(c.g);
  const b = toLinear(c.b);
  return {
    r: fromLinear(m[0] * r + m[1] * g + m[2] * b),
    g: fromLinear(m[3] * r + m[4] * g + m[5] * b),
    b: fromLinear(m[6] * r + m[7] * g + m[8] * b),
  };
}

/** The contrast of two colours as a viewer with `vision` sees them. */
export function contrastFor(a: string, b: string, vision: Vision): number {
  return contrast(simulate(a, vision), simulate(b, vision));
}
