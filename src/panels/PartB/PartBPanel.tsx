/**
 * Step 4, Part B: the spans in their shuffled order, each `[S] span` over `span [E]`. Reorder by
 * dragging a segment, by its Move up / Move down buttons, or draw a new seeded order with Shuffle.
 */
import { useState } from 'react';
import { useT } from '../../i18n';
import { useApp } from '../../store/hooks';
import { shuffleOrder } from '../../store/store';
import { Panel } from '../../app/ui/Panel';
import { ShowAll } from '../../app/ui/ShowAll';
import { useDeferredDerived } from '../../app/ui/useDeferredDerived';
import { drawCount } from '../../viz/chips';
import { useLinkedHighlight } from '../../viz/chipsLinking';
import { SegmentList } from './SegmentList';

export function PartBPanel() {
  const t = useT();
  const { construction: c, texts } = useDeferredDerived();
  const base = useApp((s) => s.base);
  const seed = useApp((s) => s.seed);
  const h = useLinkedHighlight(c);
  const [said, setSaid] = useState('');
  const [showAll, setShowAll] = useState(false);
  const k = c?.segments.length ?? 0;
  const total = c ? c.tokens.length - c.sep : 0;
  const budget = drawCount(total, showAll);

  const actions = (
    <button
      type="button"
      className="button"
      onClick={shuffleOrder}
      disabled={k < 2}
      title={t('partB.shuffleHint', { seed })}
    >
      {t('partB.shuffle')}
    </button>
  );
  return (
    <Panel id="part-b" step={4} title={t('partB.title')} lede={t('partB.lede')} actions={actions}>
      {!c || k === 0 ? (
        <p className="empty">{t('partB.none')}</p>
      ) : (
        <>
          <p className="panel-meta">
            <span className="mono">
              {t('partB.order', { order: c.order.map((i) => i + base).join(', ') })}
            </span>
            <span className="meta-sep" aria-hidden="true">
              ·
            </span>
            {t('partB.seed', { seed })}
          </p>
          <SegmentList c={c} texts={texts} base={base} h={h} budget={budget} onMoved={setSaid} />
          <ShowAll shown={budget} total={total} onShowAll={() => setShowAll(true)} />
        </>
      )}
      <p className="visually-hidden" aria-live="polite">
        {said}
      </p>
    </Panel>
  );
}
