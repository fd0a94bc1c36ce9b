/**
 * The mask quiz: every cell of the construction's mask is a toggle button ("query 5 [S], key 2
 * [MASK]"); pressed means "I think the query sees the key". Check marks each wrong cell with a
 * colour and a ✗, and lists why it is visible or masked; Reveal shows the answer; Reset clears.
 */
import { memo, useCallback, useMemo, useState } from 'react';
import type { Construction } from '../../glm';
import { translate, useT, type MessageKey } from '../../i18n';
import { useApp } from '../../store/hooks';
import { checkMask, trueMarks, type MaskCheck } from './quiz';

export interface MaskQuizProps {
  c: Construction;
  /** Number shown for index 0. */
  base: number;
}

/** Row q's marks as a string of 0/1 (so a row re-renders only when its own cells change). */
const rowString = (marks: Uint8Array, q: number, n: number) => marks.subarray(q * n, (q + 1) * n).join('');
const rowWrong = (wrong: Set<number>, q: number, n: number) => {
  let s = '';
  for (let k = 0; k < n; k++) s += wrong.has(q * n + k) ? '1' : '0';
  return s;
};

interface QuizRowProps {
  q: number;
  c: Construction;
  base: number;
  /** The row's marks, '1' = pressed. */
  on: string;
  /** The row's wrong cells after a check, '1' = wrong. */
  wrong: string;
  cellName: (q: number, k: number, wrong: boolean) => string;
  onToggle: (q: number, k: number) => void;
}

const QuizRow = memo(function QuizRow({ q, c, base, on, wrong, cellName, onToggle }: QuizRowProps) {
  return (
    <tr>
      <th scope="row" className={q < c.sep ? 'quiz-a' : 'quiz-b'}>
        <span className="quiz-idx">{q + base}</span> <span className="quiz-tok">{c.tokens[q]}</span>
      </th>
      {c.tokens.map((_, k) => {
        const pressed = on[k] === '1';
        const bad = wrong[k] === '1';
        return (
          <td key={k} className={k === c.sep && k > 0 ? 'quiz-split' : undefined}>
            <button
              type="button"
              className={`quiz-cell${pressed ? ' is-on' : ''}${bad ? ' is-wrong' : ''}`}
              aria-pressed={pressed}
              aria-label={cellName(q, k, bad)}
              onClick={() => onToggle(q, k)}
            >
              {bad ? '✗' : ''}
            </button>
          </td>
        );
      })}
    </tr>
  );
});

export function MaskQuiz({ c, base }: MaskQuizProps) {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const n = c.tokens.length;
  const [marks, setMarks] = useState<Uint8Array>(() => new Uint8Array(n * n));
  const [result, setResult] = useState<MaskCheck | null>(null);
  const [revealed, setRevealed] = useState(false);
  const wrongAt = useMemo(() => new Set(result?.wrong.map((w) => w.q * n + w.k)), [result, n]);
  const label = (i: number) => `${i + base} ${c.tokens[i]}`;

  const toggle = useCallback(
    (q: number, k: number) => {
      setMarks((m) => {
        const next = m.slice();
        next[q * n + k] = next[q * n + k] ? 0 : 1;
        return next;
      });
      setResult(null);
      setRevealed(false);
    },
    [n],
  );
  const cellName = useCallback(
    (q: number, k: number, wrong: boolean) =>
      translate(lang, 'quiz.mask.cellName', { q: `${q + base} ${c.tokens[q]}`, k: `${k + base} ${c.tokens[k]}` }) +
      (wrong ? translate(lang, 'quiz.mask.wrongSuffix') : ''),
    [c, base, lang],
  );
  const reveal = () => {
    setMarks(trueMarks(c));
    setResult(null);
    setRevealed(true);
  };
  const reset = () => {
    setMarks(new Uint8Array(n * n));
    setResult(null);
    setRevealed(false);
  };

  return (
    <div className="quiz-mask">
      <p className="field-hint">{t('quiz.mask.help', { sep: c.sep })}</p>
      <div className="quiz-scroll">
        <table className="quiz-grid">
          <caption className="visually-hidden">{t('quiz.mask.caption')}</caption>
          <thead>
            <tr>
              <td className="quiz-corner" aria-hidden="true">
                {t('quiz.mask.corner')}
              </td>
              {c.tokens.map((tok, k) => (
                <th key={k} scope="col" className={k < c.sep ? 'quiz-a' : 'quiz-b'}>
                  <span className="quiz-idx">{k + base}</span>
                  <span className="quiz-tok">{tok}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {c.tokens.map((tok, q) => (
              <QuizRow
                key={q}
                q={q}
                c={c}
                base={base}
                on={rowString(marks, q, n)}
                wrong={rowWrong(wrongAt, q, n)}
                cellName={cellName}
                onToggle={toggle}
              />
            ))}
          </tbody>
        </table>
      </div>
      <div className="quiz-actions">
        <button type="button" className="button button-primary" onClick={() => setResult(checkMask(c, marks))}>
          {t('quiz.check')}
        </button>
        <button type="button" className="button" onClick={reveal}>
          {t('quiz.reveal')}
        </button>
        <button type="button" className="button" onClick={reset}>
          {t('quiz.reset')}
        </button>
      </div>
      <div role="status" className="quiz-status">
        {revealed && <p>{t('quiz.mask.revealed')}</p>}
        {result && (
          <>
            <p className="quiz-score">{t('quiz.score', { right: result.right, total: result.total })}</p>
            {result.wrong.length > 0 ? (
              <>
                <p>{t('quiz.mask.wrongIntro', { count: result.wrong.length })}</p>
                <ul className="quiz-reasons">
                  {result.wrong.slice(0, 24).map((w) => (
                    <li key={`${w.q},${w.k}`}>
                      <span aria-hidden="true" className="quiz-x">
                        ✗{' '}
                      </span>
                      {t(w.visible ? 'quiz.mask.wrongVisible' : 'quiz.mask.wrongMasked', { q: label(w.q), k: label(w.k) })}{' '}
                      {t(`mask.reason.${w.reason}` as MessageKey)}.
                    </li>
                  ))}
                </ul>
                {result.wrong.length > 24 && <p className="field-hint">{t('quiz.mask.more', { count: result.wrong.length - 24 })}</p>}
              </>
            ) : (
              <p>{t('quiz.allRight')}</p>
            )}
          </>
        )}
      </div>
    </div>
  );
}
