/** Score: for each Part B target, the probability of the true token and the 5 likeliest tokens. */
import type { Construction } from '../../glm';
import { useT, useTranslateMsg } from '../../i18n';
import { scoreTargets, useModel } from '../../model/modelStore';
import { sequenceKeyOf } from './sequenceKeyOf';

/** A probability as a percentage: "39%", "2.6%", or "<0.1%". */
const pct = (p: number) =>
  p >= 0.1 ? `${(p * 100).toFixed(0)}%` : p >= 0.001 ? `${(p * 100).toFixed(1)}%` : '<0.1%';

export function ScoreSection({ c, base }: { c: Construction | null; base: number }) {
  const t = useT();
  const tm = useTranslateMsg();
  const ready = useModel((s) => s.status === 'ready');
  const scores = useModel((s) => s.scores);
  const scoring = useModel((s) => s.scoring);
  const error = useModel((s) => s.scoreError);
  // The key joins every token: worked out only when there are scores to compare it with.
  const current = scores && scores.key === sequenceKeyOf(c) ? scores.targets : null;
  const hasTargets = !!c && c.spans.length > 0;
  const meanNll =
    current && current.length ? -current.reduce((s, x) => s + x.logprob, 0) / current.length : null;

  /** The span (sorted index) and its Part B place for a sequence index. */
  const spanAt = (index: number) => {
    const place = c ? c.segments.findIndex((g) => index >= g.start && index < g.end) : -1;
    return place >= 0 && c ? { span: c.segments[place]!.span, place } : null;
  };

  return (
    <section className="model-section" aria-labelledby="model-score-title">
      <h3 id="model-score-title">{t('model.score.title')}</h3>
      <div className="model-buttons">
        <button
          type="button"
          className="button"
          disabled={!ready || !hasTargets || scoring}
          onClick={() => c && void scoreTargets(c)}
        >
          {t('model.score.button')}
        </button>
      </div>
      {scores && !current && <p className="field-hint">{t('model.stale')}</p>}
      {error && (
        <p className="model-error" role="alert">
          {tm(error)}
        </p>
      )}
      {current && (
        <div className="table-scroll">
          <table className="model-scores">
            <caption>{t('model.score.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('model.score.span')}</th>
                <th scope="col">{t('model.score.target')}</th>
                <th scope="col">{t('model.score.p')}</th>
                <th scope="col">{t('model.score.top')}</th>
              </tr>
            </thead>
            <tbody>
              {current.map((s) => {
                const at = spanAt(s.index);
                const p = Math.exp(s.logprob);
                return (
                  <tr key={s.index}>
                    <td className="nowrap">
                      {at
                        ? t('model.fill.spanLabel', { n: at.span + base, place: at.place + 1 })
                        : s.index}
                    </td>
                    <th scope="row" className="mono">
                      {s.token}
                    </th>
                    <td className="num">
                      <span className="model-pbar" aria-hidden="true">
                        <span style={{ width: `${Math.max(2, p * 100)}%` }} />
                      </span>
                      {pct(p)}
                    </td>
                    <td>
                      <ol className="model-top">
                        {s.top.map(([tok, q], i) => (
                          <li key={i} className={tok === s.token ? 'is-target' : undefined}>
                            <span className="mono">{tok}</span> {pct(q)}
                          </li>
                        ))}
                      </ol>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {meanNll !== null && (
            <p className="panel-meta">
              {t('model.score.mean', {
                nll: meanNll.toFixed(2),
                ppl: Math.exp(meanNll).toFixed(1),
              })}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
