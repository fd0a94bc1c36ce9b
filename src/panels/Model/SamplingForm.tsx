/**
 * Decoding settings for Fill: greedy, sampling with temperature, top-k and a seed, or beam search
 * for the most probable whole span; a line under the controls says what the chosen one does.
 */
import { useId } from 'react';
import { NumberField } from '../../app/ui/NumberField';
import { useT } from '../../i18n';
import { setSampling, useModel, type Sampling } from '../../model/modelStore';

type NumberKey = 'temperature' | 'topK' | 'seed' | 'beamWidth' | 'maxSpanLength';

/** The number fields, in order: which setting, its label key, its range, and the mode it serves. */
const fields: {
  key: NumberKey;
  label: 'temperature' | 'topK' | 'seed' | 'beamWidth' | 'maxLength';
  min: number;
  max: number;
  step: number;
  mode?: Sampling['mode'];
}[] = [
  { key: 'temperature', label: 'temperature', min: 0.05, max: 5, step: 0.05, mode: 'sample' },
  { key: 'topK', label: 'topK', min: 0, max: 4000, step: 1, mode: 'sample' },
  { key: 'seed', label: 'seed', min: 0, max: 4294967295, step: 1, mode: 'sample' },
  { key: 'beamWidth', label: 'beamWidth', min: 1, max: 16, step: 1, mode: 'beam' },
  { key: 'maxSpanLength', label: 'maxLength', min: 1, max: 50, step: 1 },
];

export function SamplingForm() {
  const t = useT();
  const name = useId();
  const s = useModel((m) => m.sampling);
  const hint = useId();
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
      {fields.map((f) => (
        <NumberField
          key={f.key}
          label={t(`model.fill.${f.label}`)}
          value={s[f.key]}
          min={f.min}
          max={f.max}
          step={f.step}
          integer={f.step === 1}
          disabled={f.mode !== undefined && f.mode !== s.mode}
          onCommit={(v) => setSampling({ [f.key]: v })}
        />
      ))}
      <p id={hint} className="field-hint model-sampling-hint">
        {s.mode === 'beam'
          ? t('model.fill.hint.beam', { width: s.beamWidth })
          : t(`model.fill.hint.${s.mode}`)}
      </p>
    </div>
  );
}
