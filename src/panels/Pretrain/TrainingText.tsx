/** Which text a run trains on: the text of step 1, its length against the tiny model's positions. */
import { useDeferredValue, useMemo } from 'react';
import { useT } from '../../i18n';
import { usePretrain } from '../../model/pretrain/pretrainStore';
import { TINY_CONFIG } from '../../model/pretrain/settings';
import { useApp } from '../../store';
import { modelTokenCount } from './showDraw';

export function TrainingText() {
  const t = useT();
  // Deferred: a keystroke's urgent render does not tokenize for this hint.
  const text = useDeferredValue(useApp((s) => s.text));
  const runText = usePretrain((s) => s.text);
  const status = usePretrain((s) => s.status);
  const max = TINY_CONFIG.maxPositions;
  const n = useMemo(() => modelTokenCount(text), [text]);
  const changed = runText !== null && runText !== text && status !== 'idle' && status !== 'error';
  return (
    <div className="pt-text">
      <p>{n === null ? t('pretrain.textPlain') : t('pretrain.text', { n, max })}</p>
      {n !== null && n > max && <p className="pt-error">{t('pretrain.textTooLong', { n, max })}</p>}
      {changed && <p className="field-hint">{t('pretrain.textChanged')}</p>}
    </div>
  );
}
