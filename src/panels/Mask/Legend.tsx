/** The key to the matrix: what filled and empty cells mean, the two parts, spans, and weights. */
import { translate } from '../../i18n';
import { spanColor } from '../../viz/colors';
import { formatWeight } from '../../viz/matrix-weights';
import type { MatrixModel } from './model';

export function Legend({ model }: { model: MatrixModel }) {
  const { lang } = model.text;
  const t = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) =>
    translate(lang, key, vars);
  const spans = Math.min(model.c.spans.length, 4);
  let ramp: string | null = null;
  if (model.weights && model.weightColor) {
    const stops = Array.from({ length: 9 }, (_, i) =>
      model.weightColor!((i / 8) * model.weights!.max),
    );
    ramp = `linear-gradient(to right, ${stops.join(', ')})`;
  }
  return (
    <ul className="mask-legend" aria-label={t('mask.legend')}>
      {ramp ? (
        <li>
          <span
            className="mask-swatch mask-swatch-ramp"
            style={{ background: ramp }}
            aria-hidden="true"
          />
          {t('mask.legendWeight', { max: formatWeight(model.weights!.max) })}
        </li>
      ) : (
        <li>
          <span className="mask-swatch mask-cell-visible" aria-hidden="true" />
          {t('mask.legendVisible')}
        </li>
      )}
      <li>
        <span className="mask-swatch mask-cell-masked" aria-hidden="true" />
        {t('mask.legendMasked')}
      </li>
      <li>
        <span className="mask-swatch mask-cell-future" aria-hidden="true" />
        {t('mask.legendFuture')}
      </li>
      <li>
        <span className="mask-swatch mask-part-A" aria-hidden="true" />
        {t('mask.partA')}
      </li>
      <li>
        <span className="mask-swatch mask-part-B" aria-hidden="true" />
        {t('mask.partB')}
      </li>
      {spans > 0 && (
        <li>
          <span className="mask-swatch mask-swatch-spans" aria-hidden="true">
            {Array.from({ length: spans }, (_, i) => (
              <span key={i} style={{ background: spanColor(i) }} />
            ))}
          </span>
          {t('mask.legendSpan')}
        </li>
      )}
    </ul>
  );
}
