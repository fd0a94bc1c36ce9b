/** Which attention weights to draw over the mask: off, or a layer and a head (or the heads' mean). */
import { useId } from 'react';
import { useT, useTranslateMsg } from '../../i18n';
import { setAttentionChoice, useModel } from '../../model/modelStore';

export function AttentionPicker({ base }: { base: number }) {
  const t = useT();
  const tm = useTranslateMsg();
  const id = useId();
  const info = useModel((s) => s.info);
  const ready = useModel((s) => s.status === 'ready');
  const choice = useModel((s) => s.attentionChoice);
  const shown = useModel((s) => s.attention);
  const error = useModel((s) => s.attentionError);
  const layers = info?.layers ?? 0;
  const heads = info?.heads ?? 0;
  return (
    <section className="model-section" aria-labelledby="model-attn-title">
      <h3 id="model-attn-title">{t('model.attention.title')}</h3>
      <div className="model-sampling">
        <div className="field">
          <label htmlFor={`${id}-layer`}>{t('model.attention.layer')}</label>
          <select
            id={`${id}-layer`}
            disabled={!ready}
            value={choice ? String(choice.layer) : 'off'}
            onChange={(e) =>
              setAttentionChoice(
                e.target.value === 'off'
                  ? null
                  : { layer: Number(e.target.value), head: choice?.head ?? 'mean' },
              )
            }
          >
            <option value="off">{t('model.attention.off')}</option>
            {Array.from({ length: layers }, (_, l) => (
              <option key={l} value={l}>
                {t('model.attention.layerN', { n: l + base })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-head`}>{t('model.attention.head')}</label>
          <select
            id={`${id}-head`}
            disabled={!ready || !choice}
            value={choice ? String(choice.head) : 'mean'}
            onChange={(e) =>
              choice &&
              setAttentionChoice({
                layer: choice.layer,
                head: e.target.value === 'mean' ? 'mean' : Number(e.target.value),
              })
            }
          >
            <option value="mean">{t('model.attention.mean')}</option>
            {Array.from({ length: heads }, (_, h) => (
              <option key={h} value={h}>
                {t('model.attention.headN', { n: h + base })}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="field-hint">
        {choice && shown ? t('model.attention.shown') : t('model.attention.hint')}
      </p>
      {error && (
        <p className="model-error" role="alert">
          {tm(error)}
        </p>
      )}
    </section>
  );
}
