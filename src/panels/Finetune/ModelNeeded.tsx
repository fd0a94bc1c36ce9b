/**
 * What the panel needs of the model: nothing for the formats; for scores and generation, the model
 * the Tiny GLM panel loads. Until it is ready this says so, with a way to load it (or try again).
 */
import { useT, useTranslateMsg } from '../../i18n';
import { loadModel, useModel } from '../../model/modelStore';
import { GlmTokenizer } from '../../model/tokenizer';
import { tokenizerFor } from '../../store/derive';
import { useApp } from '../../store/hooks';

export function ModelNeeded() {
  const t = useT();
  const tm = useTranslateMsg();
  const status = useModel((s) => s.status);
  const progress = useModel((s) => s.progress);
  const error = useModel((s) => s.error);
  const tokenizer = tokenizerFor(useApp((s) => s.tokenizer));

  if (status === 'ready') {
    return tokenizer instanceof GlmTokenizer ? null : (
      <p className="field-hint">{t('model.tokenizerNote', { name: tokenizer.name })}</p>
    );
  }
  return (
    <div className="ft-model" aria-live="polite">
      {status === 'idle' && (
        <>
          <p>{t('finetune.model.needed')}</p>
          <button type="button" className="button button-primary" onClick={() => void loadModel()}>
            {t('finetune.model.load')}
          </button>
        </>
      )}
      {status === 'loading' && (
        <p>
          {progress === null
            ? t('finetune.model.loading')
            : t('finetune.model.loadingPct', { pct: Math.round(progress * 100) })}
        </p>
      )}
      {status === 'error' && (
        <>
          <p>{t('finetune.model.failed', { error: error ? tm(error) : '' })}</p>
          <button type="button" className="button" onClick={() => void loadModel()}>
            {t('finetune.model.retry')}
          </button>
        </>
      )}
    </div>
  );
}
