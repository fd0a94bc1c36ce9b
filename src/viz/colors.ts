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

/** Matrix cell colours: visible, masked, and the Part A/Part B shading. */
export const MATRIX = {
  light: { visible: '#1f4e79', masked: '#f2f2f2', grid: '#ffffff', partA: '#e8eef6', partB: '#fbefe0', focus: '#d55e00' },
  dark: { visible: '#9cc9f5', masked: '#1b1b1b', grid: '#000000', partA: '#1d2a38', partB: '#3a2b16', focus: '#ffb000' },
} as const;
