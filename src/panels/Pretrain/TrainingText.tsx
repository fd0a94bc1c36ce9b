/**
 * Which text a run trains on: the text of step 1, its length against the positions of the model
 * the run starts from (the tiny model's, or the shipped model's as its manifest says).
 */
import { useDeferredValue, useEffect, useMemo } from 'react';
import { useT } from '../../i18n';
import { loadShippedConfig, usePretrain } from '../../model/pretrain/pretrainStore';
import { TINY_CONFIG } from '../../model/pretrain/settings';
import { useApp } from '../../store';
import { modelTokenCount } from './showDraw';

export function TrainingText() {
  const t = useT();
  // Deferred: a keystroke's urgent render does not tokenize for this hint.
  const text = useDeferredValue(useApp((s) => s.text));
  const runText = usePretrain((s) => s.text);
  const status = usePretrain((s) => s.status);
  const shipped = usePretrain((s) => s.settings.start === 'shipped');
  const shippedMax = usePretrain((s) => s.shippedConfig?.maxPositions ?? null);
  useEffect(() => {
    if (shipped) loadShippedConfig();
  }, [shipped]);
  const max = shipped ? shippedMax : TINY_CONFIG.maxPositions;
  const n = useMemo(() => modelTokenCount(text), [text]);
  const changed = runText !== null && runText !== text && status !== 'idle' && status !== 'error';
  let what: string;
  if (n === null) what = t('pretrain.textPlain');
  else if (!shipped) what = t('pretrain.text', { n, max: max! });
  else if (max === null) what = t('pretrain.textShippedUnknown', { n });
  else what = t('pretrain.textShipped', { n, max });
  return (
    <div className="pt-text">
      <p>{what}</p>
      {n !== null && max !== null && n > max && (
        <p className="pt-error">
          {t(shipped ? 'pretrain.textTooLongShipped' : 'pretrain.textTooLong', { n, max })}
        </p>
      )}
      {changed && <p className="field-hint">{t('pretrain.textChanged')}</p>}
    </div>
  );
}
