/**
 * Colours, chosen to stay apart for colour-blind viewers (Okabe & Ito's palette) and legible on a
 * projector. A span keeps its colour in every panel: colour i belongs to sorted-span index i.
 */
import { scaleOrdinal } from 'd3';
import type { Theme } from '../store/state';

/** Okabe–Ito hues (without black), in an order that keeps neighbours distinct. */
export const SPAN_HUES = ['#E69F00', '#56B4E9', '#009E73', '#CC79A7', '#0072B2', '#D55E00', '#F0E442'] as const;

const hue = scaleOrdinal<number, string>().range(SPAN_HUES);

const hues: string[] = [];

/** The span's hue (borders, underlines, matrix marks). Looked up once per hue: every chip and cell of a span asks. */
export function spanColor(i: number): string {
  const k = i % SPAN_HUES.length;
  return (hues[k] ??= hue(k));
}

/** A light fill of the span's hue for chip backgrounds, readable with dark text (or light text in dark). */
export function spanFill(i: number, theme: Theme = 'light'): string {
  const c = spanColor(i);
  return theme === 'dark' ? `color-mix(in srgb, ${c} 45%, #000)` : `color-mix(in srgb, ${c} 35%, #fff)`;
}

/**
 * Matrix colours. The attention mask has three kinds of cell: `visible`; `blocked` (Part A never
 * sees Part B); `future` (a later Part B token), drawn as `future` with `hatch` stripes. Visible
 * and blocked contrast at least 3:1 with each other, with the future fill and with the panel
 * (`--color-surface`), also as protanopes, deuteranopes and tritanopes see them
 * (test/viz/contrast.test.ts). Four colours cannot all be 3:1 apart (that needs a 27:1 range;
 * black on white is 21:1), so the future fill sits next to the panel's and its hatch (3:1 against
 * both) is what sets it apart. `masked` is the plain "not visible" of the small two-colour masks
 * (the zoo); `partA`/`partB` shade the bands; `focus` rings the pointed cell and lit rows.
 */
export const MATRIX = {
  light: {
    visible: '#0b1d41',
    blocked: '#a37a29',
    future: '#f4f5f7',
    hatch: '#5b6570',
    masked: '#f2f2f2',
    grid: '#ffffff',
    partA: '#e8eef6',
    partB: '#fbefe0',
    focus: '#c2185b',
  },
  dark: {
    visible: '#d6e8f5',
    blocked: '#936e25',
    future: '#0e1116',
    hatch: '#8b96a3',
    masked: '#1b1b1b',
    grid: '#000000',
    partA: '#1d2a38',
    partB: '#3a2b16',
    focus: '#ff6ec7',
  },
} as const;

/** The panel background the mask is drawn on, per theme (`--color-surface` in app.css). */
export const MASK_SURFACE = { light: '#ffffff', dark: '#0e1116' } as const;
