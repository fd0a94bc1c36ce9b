/**
 * Figure 2 for the current view: the store's construction, in the page's language, light by default
 * (slides and papers are light whatever the page's theme; `colours: 'theme'` follows the page).
 * And the Attention mask panel drawn natively (its DOM snapshot would be megabytes of styles).
 */
import { CELL_LIMIT, figure2Svg, FIGURE2_DARK, FIGURE2_LIGHT, MASK_SVG_PALETTES, maskSvg, type Figure2Layout, type MaskSvgInput } from '../../export';
import type { Translate } from '../../i18n';
import { attentionFor, modelStore } from '../../model/modelStore';
import { currentDerived, store } from '../../store';
import { flattenWeights, formatWeight, maxVisibleWeight, weightScale } from '../../viz/matrix-weights';
import { summaryText } from '../Mask/text';

export interface Figure2Options {
  /** `portrait` (default) or the 16:9 `slide`. */
  layout?: Figure2Layout;
  /** `light` (default) whatever the page's theme, or `theme`: the page's theme. */
  colours?: 'light' | 'theme';
}

/** The SVG of Figure 2 for what the page shows now, or null when there is nothing to draw. */
export function currentFigure2(t: Translate, { layout = 'portrait', colours = 'light' }: Figure2Options = {}): string | null {
  const { construction, texts } = currentDerived();
  if (!construction) return null;
  const s = store.getState();
  return figure2Svg({
    c: construction,
    texts,
    base: s.base,
    layout,
    palette: colours === 'theme' && s.theme === 'dark' ? FIGURE2_DARK : FIGURE2_LIGHT,
    labels: {
      a: t('export.fig.a'),
      b: t('export.fig.b'),
      c: t('export.fig.c'),
      d: t('export.fig.d'),
      partA: t('positions.partA'),
      partB: t('positions.partB'),
      token: t('positions.token'),
      position: t('positions.position'),
      block: t('positions.block'),
      target: t('positions.target'),
      noSpans: t('export.fig.noSpans'),
    },
  });
}

/**
 * The Attention mask panel as a native SVG for what the page shows now (its theme, numbering and,
 * when a layer is picked in the Tiny GLM panel, its attention weights), or null with no batch.
 */
export function currentMaskSvg(t: Translate): string | null {
  const { construction: c } = currentDerived();
  if (!c) return null;
  const s = store.getState();
  const n = c.tokens.length;
  const flat = flattenWeights(attentionFor(modelStore.getState(), c), n);
  let weights: MaskSvgInput['weights'];
  let weight: string | undefined;
  if (flat && n <= CELL_LIMIT) {
    const max = maxVisibleWeight(flat, n, c.sep);
    const scale = weightScale(max, s.theme);
    weights = { color: (q, k) => scale(flat[q * n + k]!), ramp: Array.from({ length: 9 }, (_, i) => scale((i / 8) * max)) };
    weight = t('mask.legendWeight', { max: formatWeight(max) });
  }
  return maskSvg({
    c,
    base: s.base,
    palette: MASK_SVG_PALETTES[s.theme],
    weights,
    labels: {
      title: t('mask.title'),
      summary: summaryText(c, s.lang),
      rule: t('mask.rule'),
      partA: t('mask.partA'),
      partB: t('mask.partB'),
      corner: t('mask.corner'),
      visible: t('mask.legendVisible'),
      masked: t('mask.legendMasked'),
      future: t('mask.legendFuture'),
      span: t('mask.legendSpan'),
      weight,
    },
  });
}
