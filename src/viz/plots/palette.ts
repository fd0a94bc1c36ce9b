/**
 * Plot colours per theme, as literal values (not CSS variables) so an exported SVG or PNG looks
 * the same outside the page. Okabe–Ito hues; every pairing also differs in shape (bars against
 * dots, solid against dashed), so no reading depends on colour alone.
 */
import type { Theme } from '../../store/state';

export interface PlotPalette {
  background: string;
  text: string;
  muted: string;
  grid: string;
  axis: string;
  /** Observed draws (bars, the rate line). */
  observed: string;
  /** A light fill of `observed` (the area under the rate line). */
  observedFill: string;
  /** The model's expectation (pmf dots and line). */
  expected: string;
  /** The target ratio (a dashed line). */
  target: string;
}

export const PLOT_PALETTE: Record<Theme, PlotPalette> = {
  light: {
    background: '#ffffff',
    text: '#1b2129',
    muted: '#4f5a66',
    grid: '#e3e7ec',
    axis: '#6b7683',
    observed: '#0072B2',
    observedFill: '#cfe3f1',
    expected: '#D55E00',
    target: '#1b2129',
  },
  dark: {
    background: '#0e1116',
    text: '#f5f7fa',
    muted: '#c3cad3',
    grid: '#2a313a',
    axis: '#8b96a3',
    observed: '#56B4E9',
    observedFill: '#16354a',
    expected: '#E69F00',
    target: '#f5f7fa',
  },
};

export const PLOT_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans CJK SC', sans-serif";
