/** The chosen spans, in text order: colour, words, range, an adjacency flag, and a Remove button. */
import { memo, type CSSProperties } from 'react';
import { useT } from '../../i18n';
import { useApp, useDeferredDerivedInput } from '../../store/hooks';
import { removeSpan } from '../../store/store';
import { spanWords } from '../../viz/chips';
import { linkOf, useLinkHandlers, useLinkedHighlight } from '../../viz/chipsLinking';
import { spanColor } from '../../viz/colors';

export function SpanList() {
  const t = useT();
  const { construction, texts, adjacent } = useDeferredDerivedInput();
  const base = useApp((s) => s.base);
  const h = useLinkedHighlight(construction);
  const links = useLinkHandlers();
  const spans = construction?.spans ?? [];
  if (spans.length === 0) return <p className="empty">{t('spans.none')}</p>;
  return (
    <ol className="span-list" aria-label={t('spans.listLabel')} {...links}>
      {spans.map((s, i) => (
        <SpanItem
          key={`${s.start}-${s.end}`}
          i={i}
          start={s.start}
          end={s.end}
          words={spanWords(texts, s)}
          touching={adjacent
            .filter((p) => p.includes(i))
            .map((p) => (p[0] === i ? p[1] : p[0]) + base)
            .join(', ')}
          lit={h.spans.has(i)}
          base={base}
        />
      ))}
    </ol>
  );
}

interface SpanItemProps {
  i: number;
  start: number;
  end: number;
  words: string;
  /** The spans it touches, as shown ('' for none). */
  touching: string;
  lit: boolean;
  base: number;
}

/** One span, memoised on its values: an edit elsewhere in the text does not re-render it. */
const SpanItem = memo(function SpanItem({ i, start, end, words, touching, lit, base }: SpanItemProps) {
  const t = useT();
  return (
    <li
      className={`span-item${lit ? ' is-lit' : ''}`}
      style={{ '--span': spanColor(i) } as CSSProperties}
      data-link={linkOf('span', i)}
    >
      <span className="span-swatch" aria-hidden="true" />
      <span className="span-name">{t('spans.name', { n: i + base })}</span>
      <span className="span-words mono">{words}</span>
      <span className="span-range">
        {end - start === 1
          ? t('spans.range1', { from: start + base })
          : t('spans.range', {
              from: start + base,
              to: end - 1 + base,
              len: end - start,
            })}
      </span>
      {touching && (
        <span className="flag" title={t('spans.adjacentWhy')}>
          {t('spans.adjacent', { spans: touching })}
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
});
