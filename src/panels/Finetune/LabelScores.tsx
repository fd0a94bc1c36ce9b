/**
 * Scores of the cloze: for each label, the summed log-probability of its word after [S], and the
 * class probability (the softmax of those sums over the labels), as a bar and a number.
 */
import { useMemo } from 'react';
import { useT, useTranslateMsg } from '../../i18n';
import { useModel } from '../../model/modelStore';
import type { ClozeLabel } from './formats';
import { clozeKey, scoreLabels, useFinetuneRun } from './run';

/** A probability as a percentage with one decimal ("73.1%"). */
const pct = (p: number) => `${(p * 100).toFixed(1)}%`;
/** A log-probability with two decimals and a true minus sign. */
const logp = (x: number) => x.toFixed(2).replace('-', '−');

export function LabelScores({ labels }: { labels: readonly ClozeLabel[] }) {
  const t = useT();
  const tm = useTranslateMsg();
  const ready = useModel((s) => s.status === 'ready');
  const scores = useFinetuneRun((s) => s.scores);
  const scoring = useFinetuneRun((s) => s.scoring);
  const error = useFinetuneRun((s) => s.scoreError);
  const key = useMemo(() => clozeKey(labels), [labels]);
  const current = scores && scores.key === key ? scores : null;
  const best = current ? current.probs.indexOf(Math.max(...current.probs)) : -1;

  return (
    <div className="ft-scores">
      <div className="ft-buttons">
        <button
          type="button"
          className="button button-primary"
          disabled={!ready || scoring}
          onClick={() => void scoreLabels(labels)}
        >
          {t('finetune.score.button')}
        </button>
        {!ready && <span className="field-hint">{t('finetune.score.needsModel')}</span>}
      </div>
      <div aria-live="polite">
        {scoring && <p className="panel-meta">{t('finetune.score.scoring')}</p>}
        {scores && !current && !scoring && <p className="field-hint">{t('finetune.score.stale')}</p>}
        {current && best >= 0 && (
          <p className="ft-predicted">
            {t('finetune.score.predicted', {
              label: current.labels[best]!.label || t('finetune.unnamed', { n: best + 1 }),
              p: pct(current.probs[best]!),
            })}
          </p>
        )}
      </div>
      {error && (
        <p className="ft-problem" role="alert">
          {t('finetune.score.failed', { error: tm(error) })}
        </p>
      )}
      {current && (
        <div className="table-scroll">
          <table className="ft-table">
            <caption>{t('finetune.score.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('finetune.score.label')}</th>
                <th scope="col">{t('finetune.score.word')}</th>
                <th scope="col">{t('finetune.score.logprob')}</th>
                <th scope="col">{t('finetune.score.prob')}</th>
              </tr>
            </thead>
            <tbody>
              {current.labels.map((s, i) => {
                const p = current.probs[i]!;
                return (
                  <tr key={i} className={i === best ? 'is-best' : undefined}>
                    <th scope="row">{s.label || t('finetune.unnamed', { n: i + 1 })}</th>
                    <td className="mono">{s.word}</td>
                    <td className="num" title={s.tokens.map((x) => `${x.token}: ${logp(x.logprob)}`).join(', ')}>
                      {logp(s.logprob)}
                    </td>
                    <td className="num">
                      <span className="ft-bar" aria-hidden="true">
                        <span style={{ width: `${Math.max(1, p * 100)}%` }} />
                      </span>
                      {pct(p)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="field-hint">{t('finetune.score.explain')}</p>
        </div>
      )}
    </div>
  );
}
