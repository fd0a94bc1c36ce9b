/** Figure 2 for the current view: the store's construction, drawn in the theme's colours and language. */
import { figure2Svg, FIGURE2_DARK, FIGURE2_LIGHT } from '../../export';
import type { Translate } from '../../i18n';
import { currentDerived, store } from '../../store';

/** The SVG of Figure 2 for what the page shows now, or null when there is nothing to draw. */
export function currentFigure2(t: Translate): string | null {
  const { construction, texts } = currentDerived();
  if (!construction) return null;
  const s = store.getState();
  return figure2Svg({
    c: construction,
    texts,
    base: s.base,
    palette: s.theme === 'dark' ? FIGURE2_DARK : FIGURE2_LIGHT,
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
