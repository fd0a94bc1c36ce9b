/**
 * The imported batch beside what the engine builds from the inferred spans and order: two aligned
 * rows per field, one column per sequence index. A differing cell is shaded and marked "≠" (with
 * "differs" for screen readers), so the difference never rests on colour alone. Columns follow
 * the pointer (lit through <col> elements) and a click points the other panels at the column.
 */
import { memo, useMemo, useState, type MouseEvent } from 'react';
import { useT, type Translate } from '../../i18n';
import { useApp, useHighlight } from '../../store/hooks';
import { setPointer } from '../../store/store';
import { visibleColumns, type BatchDiff, type Column } from './diff';

/** Above this many columns only the differing ones (with neighbours) are drawn at first. */
export const ALL_COLUMNS_UP_TO = 96;

export function DiffView({ diff }: { diff: BatchDiff }) {
  const t = useT();
  const [showAll, setShowAll] = useState(false);
  const only = !showAll && diff.length > ALL_COLUMNS_UP_TO && diff.columns.size > 0;
  const cols = useMemo(() => visibleColumns(diff.length, diff.columns, only), [diff, only]);
  const lit = useHighlight().seq;
  const lang = useApp((s) => s.lang);
  const same = diff.cells === 0 && diff.sep.imported === diff.sep.engine;
  const onClick = (e: MouseEvent) => {
    const el = (e.target as Element).closest<HTMLElement>('[data-seq-index]');
    if (el) setPointer({ kind: 'seq', index: Number(el.dataset.seqIndex) });
  };
  return (
    <div className="import-diff">
      <p className={same ? 'import-ok' : 'import-diff-summary'}>
        {same
          ? t('import.diffSame')
          : t('import.diffSummary', { cells: diff.cells, columns: diff.columns.size })}{' '}
        {diff.sep.imported === diff.sep.engine
          ? t('import.diffSepSame', { sep: diff.sep.imported })
          : t('import.diffSep', { imported: diff.sep.imported, engine: diff.sep.engine })}
      </p>
      {!same && <p className="field-hint">{t('import.diffLegend')}</p>}
      {diff.length > ALL_COLUMNS_UP_TO && diff.columns.size > 0 && (
        <button
          type="button"
          className="button button-small"
          onClick={() => setShowAll((v) => !v)}
          aria-pressed={showAll}
        >
          {t('import.diffAllColumns', { n: diff.length })}
        </button>
      )}
      <div
        className="import-diff-scroll"
        role="region"
        aria-label={t('import.diffScroll')}
        tabIndex={0}
      >
        <table className="diff-table" onClick={onClick}>
          <caption className="visually-hidden">{t('import.diffCaption')}</caption>
          <colgroup>
            <col />
            <col />
            {cols.map((c) => (
              <col
                key={c.kind === 'col' ? c.index : `g${c.from}`}
                className={c.kind === 'col' && lit.has(c.index) ? 'is-lit' : undefined}
              />
            ))}
          </colgroup>
          <thead>
            <tr>
              <th scope="col">{t('import.diffField')}</th>
              <th scope="col">{t('import.diffSource')}</th>
              {cols.map((c) =>
                c.kind === 'col' ? (
                  <th
                    scope="col"
                    key={c.index}
                    data-seq-index={c.index}
                    className={diff.columns.has(c.index) ? 'col-diff' : undefined}
                  >
                    {c.index}
                  </th>
                ) : (
                  <th
                    scope="col"
                    key={`g${c.from}`}
                    className="gap"
                    title={t('import.diffGap', { from: c.from, to: c.to - 1 })}
                  >
                    …
                  </th>
                ),
              )}
            </tr>
          </thead>
          <DiffBody diff={diff} cols={cols} t={t} lang={lang} />
        </table>
      </div>
    </div>
  );
}

const DiffBody = memo(
  function DiffBody({
    diff,
    cols,
    t,
  }: {
    diff: BatchDiff;
    cols: Column[];
    t: Translate;
    lang: string;
  }) {
    const cell = (v: string | number | undefined) => (v === undefined ? '∅' : String(v));
    return (
      <>
        {diff.fields.map((f) => (
          <tbody key={f.field} className="diff-group">
            {(['imported', 'engine'] as const).map((side) => (
              <tr key={side} className={side === 'imported' ? 'row-imported' : 'row-engine'}>
                {side === 'imported' && (
                  <th scope="rowgroup" rowSpan={2} className="diff-field">
                    <code>{f.field}</code>
                  </th>
                )}
                <th scope="row" className="diff-side">
                  {t(side === 'imported' ? 'import.diffImported' : 'import.diffEngine')}
                </th>
                {cols.map((c) => {
                  if (c.kind === 'gap') return <td key={`g${c.from}`} className="gap" />;
                  const differs = f.differs.has(c.index);
                  const v = side === 'imported' ? f.imported[c.index] : f.engine[c.index];
                  return (
                    <td
                      key={c.index}
                      data-seq-index={c.index}
                      className={differs ? 'is-diff' : undefined}
                    >
                      {differs && (
                        <span className="diff-mark" aria-hidden="true">
                          ≠
                        </span>
                      )}
                      {cell(v)}
                      {differs && <span className="visually-hidden"> ({t('import.differs')})</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        ))}
      </>
    );
  },
  // The translator changes identity every render; the language is compared instead.
  (a, b) => a.diff === b.diff && a.cols === b.cols && a.lang === b.lang,
);
