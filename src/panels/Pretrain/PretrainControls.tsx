/** Start, Pause, Step and Reset, where the run stands, and its progress through the step budget. */
import { useId } from 'react';
import { useT, useTranslateMsg } from '../../i18n';
import {
  pausePretraining,
  resetPretraining,
  startPretraining,
  stepPretraining,
  usePretrain,
} from '../../model/pretrain/pretrainStore';
import { store } from '../../store';

/** The text to train a new run on: the app's text at the moment of the click. */
const currentText = () => store.getState().text;

export function PretrainControls() {
  const t = useT();
  const tm = useTranslateMsg();
  const labelId = useId();
  const status = usePretrain((s) => s.status);
  const preparing = usePretrain((s) => s.preparing);
  const step = usePretrain((s) => s.last?.step ?? 0);
  const budget = usePretrain((s) => s.budget);
  const error = usePretrain((s) => s.error);
  const shipped = usePretrain((s) => s.settings.start === 'shipped');
  const running = status === 'training';
  const resumable = status === 'paused' || status === 'finished';
  const canStart = !running && (!resumable || step < budget);
  const shown = Math.min(step, budget);
  const progressText = t('pretrain.progressText', { step, budget });
  const statusText =
    status === 'error'
      ? t('pretrain.status.error', { error: error ? tm(error) : '' })
      : preparing
        ? t(shipped ? 'pretrain.status.preparingShipped' : 'pretrain.status.preparing')
        : t(`pretrain.status.${status}`, { step });
  return (
    <div className="pt-status">
      <div className="pt-controls" role="group" aria-label={t('pretrain.controls')}>
        <button
          type="button"
          className="button button-primary"
          disabled={!canStart}
          onClick={() => startPretraining(currentText())}
        >
          {t('pretrain.start')}
        </button>
        <button type="button" className="button" disabled={!running} onClick={pausePretraining}>
          {t('pretrain.pause')}
        </button>
        <button
          type="button"
          className="button"
          disabled={preparing}
          onClick={() => stepPretraining(currentText())}
        >
          {t('pretrain.step')}
        </button>
        <button
          type="button"
          className="button"
          disabled={status === 'idle'}
          onClick={resetPretraining}
        >
          {t('pretrain.reset')}
        </button>
      </div>
      {status === 'error' ? (
        <p className="pt-error" role="alert">
          {statusText}
        </p>
      ) : (
        <p role="status">{statusText}</p>
      )}
      <span className="field-hint" id={labelId}>
        {t('pretrain.progressLabel')}: {progressText}
      </span>
      <div
        className="pt-progress"
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={budget}
        aria-valuenow={shown}
        aria-valuetext={progressText}
      >
        <div
          className="pt-progress-bar"
          style={{ width: `${(100 * shown) / Math.max(1, budget)}%` }}
        />
      </div>
    </div>
  );
}
