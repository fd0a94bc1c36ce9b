/**
 * Step 5: the 2D positional encoding. Position = where the token (or its span's mask) sits in
 * Part A; block position = 0 on Part A and 1, 2, ... inside each Part B segment.
 */
import { useId, useState } from 'react';
import { useT } from '../../i18n';
import { useApp } from '../../store/hooks';
import { useLinkedHighlight } from '../../viz/chipsLinking';
import { Panel } from '../../app/ui/Panel';
import { ShowAll } from '../../app/ui/ShowAll';
import { useDeferredDerived } from '../../app/ui/useDeferredDerived';
import { drawCount } from '../../viz/chips';
import { NumberingSwitch } from './NumberingSwitch';
import { TABLE_WINDOW } from './columns';
import { PositionsTable } from './PositionsTable';

/** Columns drawn before "Show all" (a table of thousands of columns is for scrolling, not reading). */
export const TABLE_LIMIT = 1024;

export function PositionsPanel() {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const { construction: c } = useDeferredDerived();
  const base = useApp((s) => s.base);
  const h = useLinkedHighlight(c);
  const [showAll, setShowAll] = useState(false);
  const id = useId();
  const total = c?.tokens.length ?? 0;
  const n = drawCount(total, showAll, TABLE_LIMIT);
  return (
    <Panel id="positions" step={5} title={t('positions.title')} actions={<NumberingSwitch />}>
      <p className="panel-lede">{t('positions.explain')}</p>
      {base === 1 && (
        <p className="positions-note positions-note-base">{t('positions.base1Note')}</p>
      )}
      <p className="positions-note">{t('positions.numberingNote')}</p>
      {!c || total === 0 ? (
        <p className="empty">{t('text.empty')}</p>
      ) : (
        <>
          <div
            className="table-scroll"
            role="region"
            aria-label={t('positions.scrollLabel')}
            aria-describedby={n >= TABLE_WINDOW ? `${id}-window` : undefined}
            tabIndex={0}
          >
            <PositionsTable key={lang} c={c} base={base} n={n} lit={h.seq} />
          </div>
          {n >= TABLE_WINDOW && (
            <p className="positions-note" id={`${id}-window`}>
              {t('positions.windowNote')}
            </p>
          )}
          <ShowAll shown={n} total={total} onShowAll={() => setShowAll(true)} />
        </>
      )}
    </Panel>
  );
}
