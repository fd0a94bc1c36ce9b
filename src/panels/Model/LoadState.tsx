/** The model's load state: not loaded (with a Load button), a progress bar, ready, or failed. */
import { useT, useTranslateMsg } from '../../i18n';
import { loadModel, useModel } from '../../model/modelStore';
import type { ModelCard } from '../../model/card';

export function LoadState() {
  const t = useT();
  const tm = useTranslateMsg();
  const status = useModel((s) => s.status);
  const phase = useModel((s) => s.phase);
  const progress = useModel((s) => s.progress);
  const info = useModel((s) => s.info);
  const error = useModel((s) => s.error);

  if (status === 'idle') {
    return (
      <div className="model-load">
        <p className="model-status">{t('model.notLoaded')}</p>
        <button type="button" className="button button-primary" onClick={() => void loadModel()}>
          {t('model.load')}
        </button>
      </div>
    );
  }
  if (status === 'loading') {
    const pct = progress === null ? null : Math.round(progress * 100);
    const label = phase ? t(`model.phase.${phase}`) : t('model.phase.library');
    return (
      <div className="model-load">
        <p className="model-status" id="model-progress-label">
          {t('model.loading')}
        </p>
        <div
          className="model-progress"
          role="progressbar"
          aria-labelledby="model-progress-label"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct ?? undefined}
          aria-valuetext={pct === null ? label : `${label}: ${pct}%`}
        >
          <div className="model-progress-bar" style={{ width: `${pct ?? 0}%` }} />
        </div>
        <p className="field-hint">{pct === null ? label : `${label}: ${pct}%`}</p>
      </div>
    );
  }
  if (status === 'error') {
    return (
      <div className="model-load model-error" role="alert">
        <p>
          <strong>{t('model.failed')}</strong> {error && tm(error)}
        </p>
        <p>{t('model.failedHint')}</p>
        <button type="button" className="button" onClick={() => void loadModel()}>
          {t('model.retry')}
        </button>
      </div>
    );
  }
  return (
    <>
      <p className="panel-meta model-ready">
        {info &&
          t('model.ready', {
            layers: info.layers,
            heads: info.heads,
            d: info.dModel,
            params: (info.parameters / 1e6).toFixed(2),
            backend: info.backend,
            seconds: (info.loadMs / 1000).toFixed(1),
          })}
      </p>
      {info?.card && <ModelCardText card={info.card} parameters={info.parameters} />}
    </>
  );
}

/** A share as a whole percent (0.575 reads 58, not the 57 that 0.575 * 100 = 57.4999… gives). */
const pct = (x: number) => Math.round(Number((x * 100).toFixed(6)));

/** The model card in sentences a teacher can read out (src/model/card.ts). */
export function ModelCardText({ card, parameters }: { card: ModelCard; parameters: number }) {
  const t = useT();
  const { minutes, corpusChars, sources, clozeEn, clozeZh, copyEn, copyZh } = card;
  return (
    <div className="model-card" aria-label={t('model.card.label')}>
      {minutes !== undefined && corpusChars !== undefined && sources && (
        <p>
          {t('model.card.what', {
            params: (parameters / 1e6).toFixed(1),
            times: Math.round(10e9 / parameters).toLocaleString(),
            hours: (minutes / 60).toFixed(1),
            chars: Math.round(corpusChars / 1e6),
            sources: sources.join(', '),
          })}
        </p>
      )}
      {clozeEn && clozeZh && (
        <p>{t('model.card.scores', { en: pct(clozeEn.model), zh: pct(clozeZh.model), enU: pct(clozeEn.unigram), zhU: pct(clozeZh.unigram) })}</p>
      )}
      {copyEn && copyZh && (
        <p>
          {t('model.card.copy', {
            copy: pct((copyEn.model + copyZh.model) / 2),
            copyU: pct((copyEn.unigram + copyZh.unigram) / 2),
          })}
        </p>
      )}
    </div>
  );
}
