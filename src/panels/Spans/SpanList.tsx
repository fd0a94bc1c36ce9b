/** The chosen spans, in text order: colour, words, range, an adjacency flag, and a Remove button. */
import type { CSSProperties } from 'react';
import { useT } from '../../i18n';
import { useApp, useDerived } from '../../store/hooks';
import { removeSpan } from '../../store/store';
import { spanWords } from '../../viz/chips';
import { linkOf, useLinkHandlers, useLinkedHighlight } from '../../viz/chipsLinking';
import { spanColor } from '../../viz/colors';

export function SpanList() {
  const t = useT();
  const { construction, texts, adjacent } = useDerived();
  const base = useApp((s) => s.base);
  const h = useLinkedHighlight(construction);
  const links = useLinkHandlers();
  const spans = construction?.spans ?? [];
  if (spans.length === 0) return <p className="empty">{t('spans.none')}</p>;
  return (
    <ol className="span-list" aria-label={t('spans.listLabel')} {...links}>
      {spans.map((s, i) => {
        const words = spanWords(texts, s);
        const touching = adjacent
          .filter((p) => p.includes(i))
          .map((p) => (p[0] === i ? p[1] : p[0]) + base);
        return (
          <li
            key={`${s.start}-${s.end}`}
            className={`span-item${h.spans.has(i) ? ' is-lit' : ''}`}
            style={{ '--span': spanColor(i) } as CSSProperties}
            data-link={linkOf('span', i)}
          >
            <span className="span-swatch" aria-hidden="true" />
            <span className="span-name">{t('spans.name', { n: i + base })}</span>
            <span className="span-words mono">{words}</span>
            <span className="span-range">
              {s.end - s.start === 1
                ? t('spans.range1', { from: s.start + base })
                : t('spans.range', {
                    from: s.start + base,
                    to: s.end - 1 + base,
                    len: s.end - s.start,
                  })}
            </span>
            {touching.length > 0 && (
              <span className="flag" title={t('spans.adjacentWhy')}>
                {t('spans.adjacent', { spans: touching.join(', ') })}
              </span>
            )}
            <button
              type="button"
              className="button button-small span-remove"
              aria-label={t('spans.removeLabel', { n: i + base, words })}
              onClick={() => removeSpan(i)}
            >
              {t('spans.remove')}
            </button>
          </li>
        );
      })}
    </ol>
  );
}
