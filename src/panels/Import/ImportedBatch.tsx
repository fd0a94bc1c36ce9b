/**
 * What the checker says about the imported sample: which sample, under which numbering, the
 * recognised variants ("differs from GLM's reference: ..."), the problems, and the diff against
 * the engine's batch for the inferred spans and order.
 */
import { useId, useMemo } from 'react';
import type { Base, VariantId } from '../../glm';
import { engineMsg, useT, useTranslateMsg, variantMsg } from '../../i18n';
import type { Imported } from '../../store/state';
import { diffBatches } from './diff';
import { DiffView } from './DiffView';
import type { Analysis, BatchRead, SampleVerdict } from './importer';
import { ProblemsList } from './ProblemsList';

export interface ImportedBatchProps {
  imported: Imported;
  analysis: Analysis;
  base: Base;
  onBase: (base: Base) => void;
  /** Shows sample i; absent when the samples are no longer at hand (restored from storage). */
  onSample?: (i: number) => void;
  /** Every sample's verdict (a batch of several samples, while they are at hand). */
  verdicts?: readonly SampleVerdict[] | null;
  /** How the batch was read (format, keys, vocabulary), while its samples are at hand. */
  read?: BatchRead | null;
  /** Variants accepted (as check --accept), and a way to accept or refuse one. */
  accept?: readonly VariantId[];
  onAccept?: (id: VariantId, on: boolean) => void;
  onLeave: () => void;
}

export function ImportedBatch({
  imported,
  analysis: a,
  base,
  onBase,
  onSample,
  verdicts,
  read,
  accept = [],
  onAccept,
  onLeave,
}: ImportedBatchProps) {
  const t = useT();
  const tm = useTranslateMsg();
  const id = useId();
  const diff = useMemo(
    () => (a.engine ? diffBatches(imported.batch, a.engine) : null),
    [imported.batch, a.engine],
  );
  const { check, view } = a;
  const order = view.order.map((o) => o + 1).join(', ');
  const broken = verdicts ? verdicts.filter((v) => v.problems > 0).length : 0;
  const firstBroken = verdicts ? verdicts.findIndex((v) => v.problems > 0) : -1;
  // Samples whose only differences are known variants not accepted: check exits 1 for them too.
  const open = verdicts ? verdicts.filter((v) => v.problems === 0 && v.openVariants > 0).length : 0;
  const verdictOf = (v: SampleVerdict) =>
    v.problems > 0
      ? t('import.verdictProblems', { count: v.problems })
      : v.openVariants > 0
        ? t('import.verdictVariantsOpen', { count: v.openVariants })
        : t(v.variants > 0 ? 'import.verdictVariants' : 'import.verdictOk');
  const openHere = check.variants.filter((v) => !v.accepted);
  const keys = read ? Object.entries(read.keys).map(([f, k]) => `${f} ← ${k}`).join(', ') : '';
  // JSON Lines: each sample's line, and how many samples each line holds.
  const origins = read?.lines?.origins;
  const perLine = useMemo(() => {
    const m = new Map<number, number>();
    for (const o of origins ?? []) m.set(o.line, (m.get(o.line) ?? 0) + 1);
    return m;
  }, [origins]);
  return (
    <div className="import-result">
      {verdicts && (
        <div className={`import-batch${broken > 0 ? ' has-problems' : ''}`}>
          <p className="import-batch-summary">
            <span className="import-batch-mark" aria-hidden="true">
              {broken + open > 0 ? '✗' : '✓'}
            </span>{' '}
            {t('import.batchSummary', { k: broken, n: verdicts.length })}
            {open > 0 && <> {t('import.batchVariantsOpen', { k: open, n: verdicts.length })}</>}
          </p>
          {firstBroken >= 0 && onSample && (
            <button
              type="button"
              className="button button-small"
              onClick={() => onSample(firstBroken)}
            >
              {t('import.firstBroken', { i: firstBroken + 1 })}
            </button>
          )}
        </div>
      )}
      <div className="import-summary">
        <p className="import-showing">
          {t('import.showing', {
            name: imported.name,
            tokens: imported.batch.tokens.length,
            sep: imported.batch.sep,
            spans: view.spans.length,
          })}{' '}
          {view.spans.length > 0 && t('import.order', { order })}
        </p>
        <button type="button" className="button" onClick={onLeave}>
          {t('import.back')}
        </button>
      </div>
      <div className="import-settings">
        {imported.samples > 1 && (
          <div className="field">
            <label htmlFor={`${id}-sample`}>{t('import.sample')}</label>
            <select
              id={`${id}-sample`}
              value={imported.sample}
              disabled={!onSample}
              onChange={(e) => onSample?.(Number(e.target.value))}
            >
              {Array.from({ length: imported.samples }, (_, i) => (
                <option key={i} value={i}>
                  {verdicts?.[i]
                    ? origins?.[i]
                      ? t('import.sampleOptionLineVerdict', {
                          i: i + 1,
                          n: imported.samples,
                          line: origins[i].line,
                          j: origins[i].sample + 1,
                          many: perLine.get(origins[i].line)! > 1 ? 1 : 0,
                          verdict: verdictOf(verdicts[i]),
                        })
                      : t('import.sampleOptionVerdict', {
                          i: i + 1,
                          n: imported.samples,
                          verdict: verdictOf(verdicts[i]),
                        })
                    : t('import.sampleOption', { i: i + 1, n: imported.samples })}
                </option>
              ))}
            </select>
          </div>
        )}
        <fieldset className="segmented">
          <legend className="segmented-legend">{t('import.convention')}</legend>
          <div className="segmented-options">
            {([0, 1] as const).map((b) => (
              <label key={b} className={base === b ? 'is-checked' : undefined}>
                <input
                  type="radio"
                  name={`${id}-base`}
                  value={b}
                  checked={base === b}
                  onChange={() => onBase(b)}
                />
                <span>{t(b === 0 ? 'import.base0' : 'import.base1')}</span>
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      {read && (
        <ul className="import-read" aria-label={t('import.read.label')}>
          <li>{t('import.read.keys', { format: read.format === 'jsonl' ? 'JSON Lines' : read.format, keys })}</li>
          {read.lines && (
            <li>
              {t('import.read.lines', { lines: read.lines.count, samples: read.lines.origins.length })}
            </li>
          )}
          {read.lines && read.lines.unreadable.length > 0 && (
            <li className="import-read-unreadable">
              {t('import.read.unreadable', {
                n: read.lines.unreadable.length,
                list: read.lines.unreadable
                  .slice(0, 5)
                  .map((u) => t('import.lineProblem', { line: u.line, message: u.msg ? tm(u.msg) : u.message }))
                  .join('; '),
              })}
            </li>
          )}
          {read.tensors && (
            <li>
              {t('import.read.tensors', {
                tensors: Object.entries(read.tensors).map(([k, d]) => `${k} ${d}`).join(', '),
              })}
            </li>
          )}
          {read.ignored.length > 0 && <li>{t('import.read.ignored', { keys: read.ignored.join(', ') })}</li>}
          {read.spellings.length > 0 && (
            <li>
              {t('import.read.spellings', {
                list: read.spellings.map((x) => `${x.from} → ${x.to} (×${x.count})`).join(', '),
              })}
            </li>
          )}
          {read.vocabulary && <li>{t('import.read.vocabulary', { name: read.vocabulary })}</li>}
        </ul>
      )}
      {check.notes.length > 0 && (
        <ul className="import-notes" aria-label={t('import.notes')}>
          {check.notes.map((n, i) => (
            <li key={n}>{check.noteCodes[i] ? tm(engineMsg(check.noteCodes[i])) : n}</li>
          ))}
        </ul>
      )}
      {check.variants.length > 0 && (
        <div className="import-variants">
          <h3 className="import-subtitle" id={`${id}-variants`}>
            {t('import.variantsHeading', { n: check.variants.length })}
          </h3>
          <ul aria-labelledby={`${id}-variants`}>
            {check.variants.map((v) => (
              <li key={v.id} data-variant={v.id}>
                <strong>{t(`import.variant.${v.id}`)}</strong> — {t('import.differsFromReference')}{' '}
                {tm(variantMsg(v))}
                {v.id === 'one-based' && base === 0 && (
                  <>
                    {' '}
                    <button type="button" className="button button-small" onClick={() => onBase(1)}>
                      {t('import.useBase1')}
                    </button>
                  </>
                )}
                {onAccept && (
                  <label className="import-accept">
                    <input
                      type="checkbox"
                      checked={accept.includes(v.id)}
                      onChange={(e) => onAccept(v.id, e.target.checked)}
                    />{' '}
                    {t('import.acceptVariant', { id: v.id })}
                  </label>
                )}
              </li>
            ))}
          </ul>
          <p className={openHere.length > 0 ? 'import-verdict is-open' : 'import-verdict'}>
            {openHere.length > 0
              ? t('import.variantsOpen', { n: openHere.length })
              : t('import.variantsAccepted', { ids: check.variants.map((v) => v.id).join(',') })}
          </p>
        </div>
      )}
      {view.dropped.length > 0 && (
        <p className="import-note">{t('import.dropped', { n: view.dropped.length })}</p>
      )}
      <ProblemsList
        problems={check.problems}
        headingId={`${id}-problems`}
        variants={check.variants.length > 0}
      />
      <h3 className="import-subtitle">{t('import.diffHeading')}</h3>
      {diff ? (
        <DiffView diff={diff} />
      ) : (
        <p className="import-note">{t('import.noEngine', { error: a.engineErrorMsg ? tm(a.engineErrorMsg) : (a.engineError ?? '') })}</p>
      )}
    </div>
  );
}
