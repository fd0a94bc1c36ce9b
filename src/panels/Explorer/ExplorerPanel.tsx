/**
 * The permutation explorer: for the current spans (the first five at most), every Part B order as
 * a row, each span as a column, and in each cell the spans that span can see under that order.
 * The current order is marked; any row can become the current order.
 */
import { memo, useMemo, type CSSProperties } from 'react';
import { useT } from '../../i18n';
import { Panel } from '../../app/ui/Panel';
import { setOrder, store } from '../../store/store';
import { useApp, useDeferredDerivedInput } from '../../store/hooks';
import { spanWords } from '../../viz/chips';
import { spanColor } from '../../viz/colors';
import { EXPLORE_LIMIT, applySubOrder, countSeeing, orderRows, restrictOrder } from './explore';
import './explorer.css';

const NO_ORDER: number[] = [];

export function ExplorerPanel() {
  const { texts, construction: c } = useDeferredDerivedInput();
  const base = useApp((s) => s.base);
  const order = c?.order ?? NO_ORDER;
  const total = c?.spans.length ?? 0;
  const k = Math.min(total, EXPLORE_LIMIT);
  // Only the explored spans' words: the view is memoised on them, so a keystroke elsewhere in
  // the text does not rebuild its k! rows.
  const words = c ? c.spans.slice(0, k).map((s) => spanWords(texts, s, 24)) : [];
  // Only the explored spans' relative order is shown: adding or moving a later span changes nothing here.
  return <ExplorerView words={words} total={total} base={base} order={restrictOrder(order, k)} />;
}

interface ExplorerViewProps {
  /** The words of the first k ≤ EXPLORE_LIMIT spans. */
  words: string[];
  /** How many spans there are. */
  total: number;
  base: number;
  /** The Part B order of the explored spans (restrictOrder). */
  order: number[];
}

const ExplorerView = memo(
  ExplorerViewImpl,
  (p, q) =>
    p.total === q.total &&
    p.base === q.base &&
    // Edits hand out new (equal) order arrays.
    p.order.length === q.order.length &&
    p.order.every((o, i) => o === q.order[i]) &&
    p.words.length === q.words.length &&
    p.words.every((w, i) => w === q.words[i]),
);

function ExplorerViewImpl({ words, total, base, order }: ExplorerViewProps) {
  const t = useT();
  const k = words.length;
  const rows = useMemo(() => (k > 0 ? orderRows(order, k) : []), [order, k]);

  if (k === 0) {
    return (
      <Panel id="explorer" title={t('explorer.title')} lede={t('explorer.lede')}>
        <p className="empty">{t('explorer.noSpans')}</p>
      </Panel>
    );
  }
  const num = (i: number) => i + base;
  const chip = (i: number) => (
    <span key={i} className="xp-chip" style={{ '--span': spanColor(i) } as CSSProperties}>
      {words[i]}
    </span>
  );
  const orderText = (o: number[]) => o.map((i) => `${num(i)} (${words[i]})`).join(' → ');
  const current = rows.find((r) => r.current);

  // The question the paper's readers ask, about the first two spans.
  const question =
    k >= 2
      ? {
          a: words[0]!,
          b: words[1]!,
          count: countSeeing(rows, 0, 1),
          now: current ? current.sees[0]!.includes(1) : false,
        }
      : null;

  return (
    <Panel id="explorer" title={t('explorer.title')} lede={t('explorer.lede')}>
      {total > EXPLORE_LIMIT && <p className="zoo-callout">{t('explorer.onlyFirst', { k: EXPLORE_LIMIT, total })}</p>}
      {question && (
        <div className="xp-question">
          <p className="xp-q">{t('explorer.question', { a: question.a, b: question.b })}</p>
          <p>
            {t('explorer.answer', { a: question.a, b: question.b, count: question.count, total: rows.length })}{' '}
            {t(question.now ? 'explorer.nowYes' : 'explorer.nowNo', { a: question.a, b: question.b })}
          </p>
        </div>
      )}
      {k === 1 && <p className="field-hint">{t('explorer.single')}</p>}
      <div className="xp-scroll" role="region" aria-labelledby="xp-caption" tabIndex={0}>
        <table className="xp-table">
          <caption id="xp-caption">{t('explorer.caption', { k, count: rows.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('explorer.orderCol')}</th>
              {Array.from({ length: k }, (_, i) => (
                <th key={i} scope="col">
                  <span className="xp-colname">{t('spans.name', { n: num(i) })}</span> {chip(i)}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">{t('explorer.actionCol')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.order.join(',')} className={r.current ? 'is-current' : undefined} aria-current={r.current ? 'true' : undefined}>
                <th scope="row">
                  <span className="visually-hidden">{t('explorer.orderName', { order: orderText(r.order) })}</span>
                  <span className="xp-order" aria-hidden="true">
                    {r.order.map((i, p) => (
                      <span key={i} className="xp-step">
                        {p > 0 && <span className="xp-arrow">→</span>}
                        {chip(i)}
                      </span>
                    ))}
                  </span>
                </th>
                {r.sees.map((s, i) => (
                  <td key={i} className={s.length ? 'xp-sees' : 'xp-none'}>
                    {s.length ? t('explorer.sees', { list: s.map(num).join(', ') }) : '—'}
                  </td>
                ))}
                <td>
                  {r.current ? (
                    <span className="xp-current">{t('explorer.current')}</span>
                  ) : (
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={t('explorer.useName', { order: orderText(r.order) })}
                      onClick={() => setOrder(applySubOrder(store.getState().order, r.order, k))}
                    >
                      {t('explorer.use')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
