/** The run's figures: step, steps per second, tokens seen, the model and where it started, and the worker's tensors. */
import { useId } from 'react';
import { useT } from '../../i18n';
import { usePretrain } from '../../model/pretrain/pretrainStore';
import { useApp } from '../../store';
import { fmtCount, fmtRate } from './format';

export function RunFigures() {
  const t = useT();
  const id = useId();
  const lang = useApp((s) => s.lang);
  const last = usePretrain((s) => s.last);
  const info = usePretrain((s) => s.info);
  const tensors = usePretrain((s) => s.tensors);
  if (!info && !last) return null;
  return (
    <section aria-labelledby={id}>
      <h3 id={id} className="visually-hidden">
        {t('pretrain.stats.label')}
      </h3>
      <dl className="pt-figures">
        <dt>{t('pretrain.stats.step')}</dt>
        <dd>{last?.step ?? 0}</dd>
        <dt>{t('pretrain.stats.speed')}</dt>
        <dd>{last ? fmtRate(last.stepsPerSecond) : '—'}</dd>
        <dt>{t('pretrain.stats.tokens')}</dt>
        <dd>
          {t('pretrain.stats.tokensValue', {
            tokens: fmtCount(last?.tokensSeen ?? 0, lang),
            targets: fmtCount(last?.targetsSeen ?? 0, lang),
          })}
        </dd>
        {info && (
          <>
            <dt>{t('pretrain.stats.model')}</dt>
            <dd>
              {t('pretrain.stats.modelValue', {
                layers: info.config.layers,
                heads: info.config.heads,
                d: info.config.dModel,
                params: fmtCount(info.parameters, lang),
                vocab: fmtCount(info.config.vocabSize, lang),
                backend: info.backend,
              })}
            </dd>
            <dt>{t('pretrain.stats.start')}</dt>
            <dd>
              {t(
                info.start === 'shipped'
                  ? 'pretrain.stats.startShipped'
                  : 'pretrain.stats.startScratch',
              )}
            </dd>
          </>
        )}
        {tensors !== null && (
          <>
            <dt>{t('pretrain.stats.tensors')}</dt>
            <dd>{tensors}</dd>
          </>
        )}
      </dl>
    </section>
  );
}
