/**
 * Decoding settings for Fill: greedy, sampling with temperature, top-k and a seed, or beam search
 * for the most probable whole span; a line under the controls says what the chosen one does.
 */
import { useId } from 'react';
import { NumberField } from '../../app/ui/NumberField';
import { useT } from '../../i18n';
import { setSampling, useModel, type Sampling } from '../../model/modelStore';

export function SamplingForm() {
  const t = useT();
  const name = useId();
  const s = useModel((m) => m.sampling);
  const hint = useId();
  const sample = s.mode === 'sample';
  const modes: Sampling['mode'][] = ['greedy', 'sample', 'beam'];
  return (
    <div className="model-sampling">
      <fieldset className="segmented" aria-describedby={hint}>
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
        label={t('model.fill.beamWidth')}
        value={s.beamWidth}
        min={1}
        max={16}
        step={1}
        integer
        disabled={s.mode !== 'beam'}
        onCommit={(beamWidth) => setSampling({ beamWidth })}
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
      <p id={hint} className="field-hint model-sampling-hint">
        {s.mode === 'beam'
          ? t('model.fill.hint.beam', { width: s.beamWidth })
          : t(`model.fill.hint.${s.mode}`)}
      </p>
    </div>
  );
}
