/**
 * The run's settings: where the weights start (the tiny model from scratch, or the shipped model
 * to fine-tune), seed, objective, λ, masking ratio, batch size, learning rate, the ablations, and
 * the step budget.
 */
import { useId } from 'react';
import { NumberField } from '../../app/ui/NumberField';
import { Segmented } from '../../app/ui/Segmented';
import { useT } from '../../i18n';
import {
  BUDGET_LIMITS,
  setPretrainBudget,
  setPretrainSettings,
  setPretrainStart,
  usePretrain,
} from '../../model/pretrain/pretrainStore';
import {
  PRETRAIN_LIMITS,
  type PretrainObjective,
  type PretrainStart,
} from '../../model/pretrain/settings';

const setObjective = (objective: PretrainObjective) => setPretrainSettings({ objective });
const setStart = (start: PretrainStart) => setPretrainStart(start);

export function PretrainSettingsForm() {
  const t = useT();
  const hintId = useId();
  const s = usePretrain((p) => p.settings);
  const budget = usePretrain((p) => p.budget);
  const status = usePretrain((p) => p.status);
  const shipped = usePretrain((p) => p.shippedConfig);
  const fromId = useId();
  // A run's settings are its own: they change for the next run, after Reset.
  const locked = status !== 'idle' && status !== 'error';
  const doc = s.objective === 'document';
  return (
    <div className="pt-settings-wrap">
      {/* A disabled fieldset disables every field in it (the budget sits outside: it can always change). */}
      <fieldset className="pt-settings" disabled={locked}>
        <legend>{t('pretrain.settings')}</legend>
        <div className="pt-from">
          <Segmented<PretrainStart>
            legend={t('pretrain.from.legend')}
            options={[
              { value: 'scratch', label: t('pretrain.from.scratch') },
              { value: 'shipped', label: t('pretrain.from.shipped') },
            ]}
            value={s.start}
            onChange={setStart}
          />
          {s.start === 'shipped' && (
            <p className="field-hint" id={fromId}>
              {shipped
                ? t('pretrain.from.shippedHint', {
                    layers: shipped.layers,
                    d: shipped.dModel,
                    max: shipped.maxPositions,
                  })
                : t('pretrain.from.shippedHintPlain')}
            </p>
          )}
        </div>
        <NumberField
          label={t('pretrain.seed')}
          value={s.seed}
          min={0}
          max={4294967295}
          step={1}
          integer
          onCommit={(seed) => setPretrainSettings({ seed })}
        />
        <Segmented<PretrainObjective>
          legend={t('pretrain.objective')}
          options={[
            { value: 'span', label: t('pretrain.objective.span') },
            { value: 'document', label: t('pretrain.objective.document') },
          ]}
          value={s.objective}
          onChange={setObjective}
        />
        <NumberField
          label={t('pretrain.lambda')}
          value={s.lambda}
          min={PRETRAIN_LIMITS.lambda[0]}
          max={PRETRAIN_LIMITS.lambda[1]}
          step={0.1}
          disabled={doc}
          onCommit={(lambda) => setPretrainSettings({ lambda })}
        />
        <NumberField
          label={t('pretrain.ratio')}
          value={s.ratio}
          min={PRETRAIN_LIMITS.ratio[0]}
          max={PRETRAIN_LIMITS.ratio[1]}
          step={0.01}
          disabled={doc}
          onCommit={(ratio) => setPretrainSettings({ ratio })}
        />
        <NumberField
          label={t('pretrain.batch')}
          value={s.batchSize}
          min={PRETRAIN_LIMITS.batchSize[0]}
          max={PRETRAIN_LIMITS.batchSize[1]}
          step={1}
          integer
          onCommit={(batchSize) => setPretrainSettings({ batchSize })}
        />
        <NumberField
          label={t('pretrain.lr')}
          value={s.learningRate}
          min={PRETRAIN_LIMITS.learningRate[0]}
          max={PRETRAIN_LIMITS.learningRate[1]}
          step="any"
          onCommit={(learningRate) => setPretrainSettings({ learningRate })}
        />
        <label className="pt-check">
          <input
            type="checkbox"
            checked={s.ablations}
            aria-describedby={hintId}
            onChange={(e) => setPretrainSettings({ ablations: e.target.checked })}
          />{' '}
          {t('pretrain.ablations')}
        </label>
        <p className="field-hint pt-check-hint" id={hintId}>
          {t('pretrain.ablationsHint')}
        </p>
      </fieldset>
      <NumberField
        label={t('pretrain.budget')}
        value={budget}
        min={BUDGET_LIMITS[0]}
        max={BUDGET_LIMITS[1]}
        step={1}
        integer
        onCommit={setPretrainBudget}
      />
      <p className="field-hint pt-settings-hint">
        {locked ? t('pretrain.locked') : doc ? t('pretrain.docHint') : t('pretrain.seedHint')}
      </p>
    </div>
  );
}
