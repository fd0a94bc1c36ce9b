/** The model's load state: not loaded (with a Load button), a progress bar, ready, or failed. */
import { useT, useTranslateMsg } from '../../i18n';
import { loadModel, useModel } from '../../model/modelStore';

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
  );
}
