/**
 * Every rule the batch breaks, in a list named "Problems": field and index, expected and found,
 * and the checker's sentence. Each item is a button: clicking it (or Enter) points the store at
 * the place, so the cell lights up in the other panels, and scrolls table columns to it.
 */
import { useState } from 'react';
import type { Problem } from '../../glm';
import { engineMsg, useT, useTranslateMsg } from '../../i18n';
import { setPointer } from '../../store/store';
import { pointerOf, revealSeqColumn } from './reveal';

/** Problems drawn before "Show all". */
export const PROBLEM_LIMIT = 200;

const show = (v: string | number | undefined) =>
  v === undefined ? '—' : typeof v === 'string' ? JSON.stringify(v) : String(v);

export interface ProblemsListProps {
  problems: readonly Problem[];
  headingId: string;
  /** Known variants were recognised (so "no problems" means no *other* problems). */
  variants?: boolean;
}

export function ProblemsList({ problems, headingId, variants = false }: ProblemsListProps) {
  const t = useT();
  const tm = useTranslateMsg();
  const [all, setAll] = useState(false);
  const shown = all ? problems : problems.slice(0, PROBLEM_LIMIT);
  const go = (p: Problem) => {
    const pointer = pointerOf(p);
    if (!pointer) return;
    setPointer(pointer);
    const seq = pointer.kind === 'seq' ? pointer.index : pointer.kind === 'cell' ? pointer.q : null;
    if (seq !== null) requestAnimationFrame(() => revealSeqColumn(seq));
  };
  return (
    <div className="import-problems">
      <h3 id={headingId} className="import-subtitle">
        {t('import.problemsHeading', { n: problems.length })}
      </h3>
      {problems.length === 0 ? (
        <p className="import-ok">{t(variants ? 'import.noOtherProblems' : 'import.noProblems')}</p>
      ) : (
        <>
          <p className="field-hint">{t('import.problemsHint')}</p>
          <ul className="problems" aria-label={t('import.problems')}>
            {shown.map((p, i) => {
              const at =
                p.index === undefined
                  ? p.field
                  : p.column !== undefined
                    ? `${p.field}[${p.index}][${p.column}]`
                    : `${p.field}[${p.index}]`;
              const target = pointerOf(p);
              return (
                <li key={i}>
                  <button
                    type="button"
                    className="problem"
                    onClick={() => go(p)}
                    aria-disabled={!target || undefined}
                    data-field={p.field}
                    data-index={p.index}
                  >
                    <span className="problem-where">
                      <span className="problem-mark" aria-hidden="true">
                        ✗
                      </span>
                      <code>{at}</code>
                    </span>
                    {(p.expected !== undefined || p.found !== undefined) && (
                      <span className="problem-values">
                        {t('import.expected')} <code>{show(p.expected)}</code> · {t('import.found')}{' '}
                        <code>{show(p.found)}</code>
                      </span>
                    )}
                    <span className="problem-message">{tm(engineMsg(p))}</span>
                  </button>
                </li>
              );
            })}
          </ul>
          {shown.length < problems.length && (
            <p className="show-all">
              {t('import.showingProblems', { shown: shown.length, total: problems.length })}{' '}
              <button type="button" className="button button-small" onClick={() => setAll(true)}>
                {t('import.showAllProblems')}
              </button>
            </p>
          )}
        </>
      )}
    </div>
  );
}
