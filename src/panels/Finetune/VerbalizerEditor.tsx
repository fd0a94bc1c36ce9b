/** The verbalizer: one row per label (its name and the word that stands for it), add and remove. */
import { useEffect, useId, useRef } from 'react';
import { useT } from '../../i18n';
import type { VerbalizerRow } from '../../store/state';
import { addVerbalizerRow, removeVerbalizerRow, setVerbalizerRow } from '../../store/store';

export function VerbalizerEditor({ rows, invalidRow }: { rows: readonly VerbalizerRow[]; invalidRow: number }) {
  const t = useT();
  const id = useId();
  const single = rows.length <= 1;
  // After Add, typing goes on in the new row's label.
  const focusNew = useRef(false);
  useEffect(() => {
    if (!focusNew.current) return;
    focusNew.current = false;
    document.getElementById(`${id}-label-${rows.length - 1}`)?.focus();
  }, [rows.length, id]);
  return (
    <fieldset className="ft-verbalizer">
      <legend className="field-label">{t('finetune.verbalizer')}</legend>
      <div className="ft-rows" role="list">
        <div className="ft-row ft-row-head" aria-hidden="true">
          <span>{t('finetune.labelCol')}</span>
          <span>{t('finetune.wordCol')}</span>
        </div>
        {rows.map((r, i) => {
          const n = i + 1;
          return (
            <div className="ft-row" role="listitem" key={i}>
              <input
                id={`${id}-label-${i}`}
                type="text"
                className="ft-input"
                value={r.label}
                aria-label={t('finetune.labelN', { n })}
                onChange={(e) => setVerbalizerRow(i, { label: e.target.value })}
              />
              <input
                type="text"
                className="ft-input ft-word"
                value={r.word}
                aria-label={t('finetune.wordN', { n })}
                aria-invalid={invalidRow === i ? true : undefined}
                onChange={(e) => setVerbalizerRow(i, { word: e.target.value })}
              />
              <button
                type="button"
                className="button button-small"
                aria-label={t('finetune.removeLabel', { n, label: r.label || t('finetune.unnamed', { n }) })}
                aria-disabled={single || undefined}
                title={single ? t('finetune.keepOne') : undefined}
                onClick={() => !single && removeVerbalizerRow(i)}
              >
                {t('finetune.remove')}
              </button>
            </div>
          );
        })}
      </div>
      <button
        type="button"
        className="button button-small ft-add"
        onClick={() => {
          focusNew.current = true;
          addVerbalizerRow();
        }}
      >
        {t('finetune.add')}
      </button>
    </fieldset>
  );
}
