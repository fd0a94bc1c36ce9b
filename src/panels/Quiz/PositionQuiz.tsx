/**
 * The position quiz: for each Part B token, the student types its position and block position;
 * Check compares them with `construct` and says why for each wrong answer.
 */
import { useState } from 'react';
import type { Construction } from '../../glm';
import { useT } from '../../i18n';
import { checkPositions } from './quiz';

export interface PositionQuizProps {
  c: Construction;
  base: number;
}

type Answers = (number | null)[];

const parse = (s: string): number | null => (s.trim() === '' || !Number.isFinite(Number(s)) ? null : Number(s));

export function PositionQuiz({ c, base }: PositionQuizProps) {
  const t = useT();
  const m = c.unpaddedLength - c.sep;
  const [pos, setPos] = useState<Answers>(() => Array.from({ length: m }, () => null));
  const [block, setBlock] = useState<Answers>(() => Array.from({ length: m }, () => null));
  const [checked, setChecked] = useState(false);
  const result = checkPositions(c, pos, block);

  if (m === 0) return <p className="empty">{t('quiz.pos.noPartB')}</p>;

  const set = (which: 'pos' | 'block', j: number, v: string) => {
    const f = which === 'pos' ? setPos : setBlock;
    f((a) => a.map((x, i) => (i === j ? parse(v) : x)));
    setChecked(false);
  };
  const reset = () => {
    setPos(Array.from({ length: m }, () => null));
    setBlock(Array.from({ length: m }, () => null));
    setChecked(false);
  };
  const reveal = () => {
    setPos(result.results.map((r) => r.position.expected));
    setBlock(result.results.map((r) => r.block.expected));
    setChecked(false);
  };
  const tokName = (i: number) => `${i + base} ${c.tokens[i]}`;

  return (
    <div className="quiz-pos">
      <p className="field-hint">{t('quiz.pos.help')}</p>
      <p className="quiz-parta">
        {t('quiz.pos.partA')}{' '}
        {c.tokens.slice(0, c.sep).map((tok, i) => (
          <span key={i} className="quiz-atok">
            <span className="quiz-tok">{tok}</span>
            <span className="quiz-idx">{i}</span>
          </span>
        ))}
      </p>
      <div className="quiz-scroll">
        <table className="quiz-postable">
          <thead>
            <tr>
              <th scope="col">{t('quiz.pos.token')}</th>
              {result.results.map((r) => (
                <th key={r.index} scope="col">
                  <span className="quiz-idx">{r.index + base}</span> <span className="quiz-tok">{c.tokens[r.index]}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(['pos', 'block'] as const).map((which) => (
              <tr key={which}>
                <th scope="row">{t(which === 'pos' ? 'quiz.pos.position' : 'quiz.pos.block')}</th>
                {result.results.map((r, j) => {
                  const cell = which === 'pos' ? r.position : r.block;
                  const wrong = checked && !cell.right;
                  const value = (which === 'pos' ? pos : block)[j];
                  return (
                    <td key={r.index}>
                      <input
                        type="number"
                        inputMode="numeric"
                        className={`quiz-num${wrong ? ' is-wrong' : checked ? ' is-right' : ''}`}
                        aria-label={t(which === 'pos' ? 'quiz.pos.posName' : 'quiz.pos.blockName', { tok: tokName(r.index) })}
                        aria-invalid={wrong || undefined}
                        value={value ?? ''}
                        onChange={(e) => set(which, j, e.target.value)}
                      />
                      {checked && (
                        <span className={wrong ? 'quiz-x' : 'quiz-ok'} aria-hidden="true">
                          {wrong ? ' ✗' : ' ✓'}
                        </span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="quiz-actions">
        <button type="button" className="button button-primary" onClick={() => setChecked(true)}>
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
        {checked && (
          <>
            <p className="quiz-score">{t('quiz.score', { right: result.right, total: result.total })}</p>
            <ul className="quiz-reasons">
              {result.results.flatMap((r) => {
                const out = [];
                const tok = tokName(r.index);
                if (!r.position.right) {
                  out.push(
                    <li key={`p${r.index}`}>
                      <span aria-hidden="true" className="quiz-x">✗ </span>
                      {t('quiz.pos.whyPosition', { tok, given: r.position.given ?? '—', expected: r.position.expected, mask: c.maskTokens[r.span] ?? '', at: r.maskAt })}
                    </li>,
                  );
                }
                if (!r.block.right) {
                  out.push(
                    <li key={`b${r.index}`}>
                      <span aria-hidden="true" className="quiz-x">✗ </span>
                      {t(r.offset === 0 ? 'quiz.pos.whyBlockStart' : 'quiz.pos.whyBlock', { tok, given: r.block.given ?? '—', expected: r.block.expected })}
                    </li>,
                  );
                }
                return out;
              })}
            </ul>
            {result.right === result.total && <p>{t('quiz.allRight')}</p>}
          </>
        )}
      </div>
    </div>
  );
}
