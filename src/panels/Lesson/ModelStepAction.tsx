/** The lesson's last step: one button that loads the model if needed and fills the blanks. */
import { useT } from '../../i18n';
import { fillBlanks, loadModel, useModel } from '../../model/modelStore';
import { currentDerived } from '../../store/store';

async function fillNow(): Promise<void> {
  await loadModel();
  const c = currentDerived().construction;
  if (c) await fillBlanks(c);
}

export function ModelStepAction() {
  const t = useT();
  const status = useModel((s) => s.status);
  const running = useModel((s) => s.fill?.running ?? false);
  const busy = status === 'loading' || running;
  return (
    <p className="lesson-action">
      <button type="button" className="button" onClick={() => void fillNow()} disabled={busy}>
        {t('lesson.model.fill')}
      </button>
      {status === 'loading' && <span className="field-hint"> {t('lesson.model.loading')}</span>}
    </p>
  );
}
