/** Decoding settings for Fill: greedy, or sampling with temperature, top-k and a seed. */
import { useId } from 'react';
import { NumberField } from '../../app/ui/NumberField';
import { useT } from '../../i18n';
import { setSampling, useModel, type Sampling } from '../../model/modelStore';

export function SamplingForm() {
  const t = useT();
  const name = useId();
  const s = useModel((m) => m.sampling);
  const sample = s.mode === 'sample';
  const modes: Sampling['mode'][] = ['greedy', 'sample'];
  return (
    <div className="model-sampling">
      <fieldset className="segmented">
        <legend className="segmented-legend">{t('model.fill.decoding')}</legend>
        <div className="segmented-options">
          {modes.map((m) => (
            <label key={m} className={m === s.mode ? 'is-checked' : undefined}>
              <input
                type="radio"
                name={name}
                value={m}
                checked={m === s.mode}
                onChange={() => setSampling({ mode: m })}
              />
              <span>{t(`model.fill.${m}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <NumberField
        label={t('model.fill.temperature')}
        value={s.temperature}
        min={0.05}
        max={5}
        step={0.05}
        disabled={!sample}
        onCommit={(temperature) => setSampling({ temperature })}
      />
      <NumberField
        label={t('model.fill.topK')}
        value={s.topK}
        min={0}
        max={4000}
        step={1}
        integer
        disabled={!sample}
        onCommit={(topK) => setSampling({ topK })}
      />
      <NumberField
        label={t('model.fill.seed')}
        value={s.seed}
        min={0}
        max={4294967295}
        step={1}
        integer
        disabled={!sample}
        onCommit={(seed) => setSampling({ seed })}
      />
      <NumberField
        label={t('model.fill.maxLength')}
        value={s.maxSpanLength}
        min={1}
        max={50}
        step={1}
        integer
        onCommit={(maxSpanLength) => setSampling({ maxSpanLength })}
      />
    </div>
  );
}
