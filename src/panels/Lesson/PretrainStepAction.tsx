/**
 * The lesson's last step: train a tiny GLM on the lesson's text (the Pre-training panel's run),
 * the held-out loss as it falls, and one button that has the model just trained fill the blanks
 * of the panels (or, when the panels show other pieces, the blanks of the step's draw).
 */
import { useT, useTranslateMsg } from '../../i18n';
import {
  fillWithModel,
  pretrainStore,
  resetPretraining,
  startPretraining,
  usePretrain,
} from '../../model/pretrain/pretrainStore';
import { useApp } from '../../store';
import { store } from '../../store/store';
import { FillView } from '../Pretrain/FillView';
import { fmtLoss } from '../Pretrain/format';
import { useBlanks } from '../Pretrain/useBlanks';

/** Trains on the lesson's text: a run on another text (one the panel started before) ends first. */
function trainOnLessonText(): void {
  const text = store.getState().text;
  const run = pretrainStore.getState();
  if (run.status !== 'idle' && run.text !== text) resetPretraining();
  startPretraining(text);
}

export function PretrainStepAction() {
  const t = useT();
  const tm = useTranslateMsg();
  const status = usePretrain((s) => s.status);
  const preparing = usePretrain((s) => s.preparing);
  const error = usePretrain((s) => s.error);
  const last = usePretrain((s) => s.last);
  const heldout = usePretrain((s) => s.heldout);
  const budget = usePretrain((s) => s.budget);
  const fillPending = usePretrain((s) => s.fillPending);
  const blanks = useBlanks();
  const step = last?.step ?? 0;
  const runText = usePretrain((s) => s.text);
  const lessonText = useApp((s) => s.text);
  const sameText = runText === lessonText;
  const canTrain =
    status !== 'training' &&
    !(sameText && (status === 'paused' || status === 'finished') && step >= budget);
  const built = last !== null && status !== 'idle' && status !== 'error';
  const lastHeld = heldout.at(-1);
  const start = heldout[0]?.step === 0 ? heldout[0].loss : null;
  return (
    <div className="lesson-action">
      <p>
        <button
          type="button"
          className="button"
          disabled={!canTrain}
          onClick={trainOnLessonText}
        >
          {t('lesson.pretrain.train')}
        </button>{' '}
        <button
          type="button"
          className="button"
          disabled={!built || !blanks || fillPending}
          onClick={() => blanks && fillWithModel(blanks.spans, blanks.order)}
        >
          {t('lesson.pretrain.fill')}
        </button>
      </p>
      <p className="field-hint" aria-live="polite">
        {status === 'error'
          ? t('pretrain.status.error', { error: error ? tm(error) : '' })
          : preparing
            ? t('pretrain.status.preparing')
            : last && lastHeld && start !== null
              ? t('lesson.pretrain.progress', {
                  step,
                  heldout: fmtLoss(lastHeld.loss),
                  start: fmtLoss(start),
                })
              : ''}
      </p>
      <FillView />
    </div>
  );
}
