/**
 * The mask panel's view model: everything drawn that depends on the construction, the language,
 * the numbering and the theme, computed once per change of those (never per hover).
 */
import type { Construction } from '../../glm';
import type { Lang, Theme } from '../../store/state';
import { MATRIX } from '../../viz/colors';
import { weightLut, type MaskPalette, type WeightPaint } from '../../viz/matrix-canvas';
import {
  flattenWeights,
  maxVisibleWeight,
  weightScale,
  type WeightsInput,
} from '../../viz/matrix-weights';
import { spanOfSeq, tokenLabel, type TextContext } from './text';

export interface MatrixModel {
  c: Construction;
  /** Sequence length N. */
  n: number;
  sep: number;
  /** Context for cell names and reasons. */
  text: TextContext;
  /** "6 x5" for each sequence index, shape [n]. */
  labels: string[];
  /** Sorted-span index of each sequence index (mask token or Part B segment), else -1; shape [n]. */
  spanOf: Int32Array;
  /** Colours of the three kinds of cell. */
  palette: MaskPalette;
  /** Weights to paint, or null. */
  weights: WeightPaint | null;
  /** Weight → CSS colour (visible cells), or null without weights. */
  weightColor: ((w: number) => string) | null;
}

const palettes: Partial<Record<Theme, MaskPalette>> = {};

/**
 * The palette of a theme: visible, masked (Part A never sees Part B), future (later Part B keys).
 * The same object for a theme every time, so the canvas repaints only when the mask changes.
 */
export function paletteOf(theme: Theme): MaskPalette {
  const m = MATRIX[theme];
  return (palettes[theme] ??= { visible: m.visible, masked: m.blocked, future: m.future });
}

export function buildModel(
  c: Construction,
  lang: Lang,
  base: number,
  theme: Theme,
  weightsIn: WeightsInput | undefined,
): MatrixModel {
  const n = c.tokens.length;
  const flat = flattenWeights(weightsIn, n);
  let weights: WeightPaint | null = null;
  let weightColor: ((w: number) => string) | null = null;
  if (flat) {
    const max = maxVisibleWeight(flat, n, c.sep);
    const scale = weightScale(max, theme);
    weightColor = (w: number) => scale(w);
    weights = { flat, max, lut: weightLut(weightColor, max) };
  }
  const labels = new Array<string>(n);
  for (let i = 0; i < n; i++) labels[i] = tokenLabel(c, i, base);
  return {
    c,
    n,
    sep: c.sep,
    text: { c, lang, base, weights: flat },
    labels,
    spanOf: spanOfSeq(c),
    palette: paletteOf(theme),
    weights,
    weightColor,
  };
}
