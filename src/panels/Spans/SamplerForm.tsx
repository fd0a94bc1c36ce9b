/**
 * GLM's sampler: objective, λ (short spans), masking ratio and seed; Sample draws (each press from
 * the next seed, shown in the field), Clear empties.
 */
import { useId } from 'react';
import type { Objective } from '../../glm';
import { useT } from '../../i18n';
import { useApp } from '../../store/hooks';
import { clearSpans, sampleNow, setObjective, setSampler, setSeed } from '../../store/store';
import { NumberField } from '../../app/ui/NumberField';

const OBJECTIVES: Objective[] = ['span', 'sentence', 'document'];

export function SamplerForm() {
  const t = useT();
  const id = useId();
  const objective = useApp((s) => s.objective);
  const sampler = useApp((s) => s.sampler);
  const seed = useApp((s) => s.seed);
  const hasSpans = useApp((s) => s.spans.length > 0);
  return (
    <form
      className="sampler"
      aria-label={t('sampler.label')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        sampleNow();
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-objective`}>{t('sampler.objective')}</label>
        <select
          id={`${id}-objective`}
          value={objective}
          onChange={(e) => setObjective(e.target.value as Objective)}
        >
          {OBJECTIVES.map((o) => (
            <option key={o} value={o}>
              {t(`sampler.objective.${o}`)}
            </option>
          ))}
        </select>
      </div>
      <NumberField
        label={t('sampler.lambda')}
        value={sampler.lambda}
        min={0.5}
        max={1000}
        step={0.5}
        disabled={objective !== 'span'}
        onCommit={(lambda) => setSampler({ lambda })}
      />
      <NumberField
        label={t('sampler.ratio')}
        value={sampler.ratio}
        min={0}
        max={1}
        step={0.05}
        disabled={objective === 'document'}
        onCommit={(ratio) => setSampler({ ratio })}
      />
      <NumberField
        label={t('sampler.seed')}
        value={seed}
        min={0}
        max={4294967295}
        step={1}
        integer
        hint={t('sampler.seedHint')}
        onCommit={setSeed}
      />
      <div className="sampler-buttons">
        <button type="submit" className="button button-primary">
          {t('sampler.sample')}
        </button>
        <button type="button" className="button" onClick={clearSpans} disabled={!hasSpans}>
          {t('sampler.clear')}
        </button>
      </div>
    </form>
  );
}
