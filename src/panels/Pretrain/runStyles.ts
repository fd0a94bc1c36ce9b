/**
 * How each model of a run is drawn when the ablations are overlaid: an Okabe–Ito hue per model
 * (distinct for the common colour-vision deficiencies), and a dash pattern and a marker as well,
 * so no run is told apart by colour alone (nor in a grey print).
 */
import type { Variant } from '../../model/pretrain/examples';
import type { MarkerShape } from '../../viz/plots/legend-layout';
import type { Theme } from '../../store/state';

export interface RunStyle {
  color: string;
  /** SVG stroke-dasharray; undefined: solid. */
  dash: string | undefined;
  marker: MarkerShape;
}

const HUES: Record<Theme, Record<Variant, string>> = {
  // Blue, vermillion, bluish green on white: each at least 3:1 against the background.
  light: { glm: '#0072B2', 'no-shuffle': '#D55E00', 'no-2d': '#009E73' },
  // Sky blue, orange, bluish green on the dark background.
  dark: { glm: '#56B4E9', 'no-shuffle': '#E69F00', 'no-2d': '#009E73' },
};

const DASHES: Record<Variant, string | undefined> = { glm: undefined, 'no-shuffle': '7 4', 'no-2d': '2 3' };
const MARKERS: Record<Variant, MarkerShape> = { glm: 'circle', 'no-shuffle': 'square', 'no-2d': 'diamond' };

export function runStyle(variant: Variant, theme: Theme): RunStyle {
  return { color: HUES[theme][variant], dash: DASHES[variant], marker: MARKERS[variant] };
}
