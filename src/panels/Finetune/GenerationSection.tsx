/**
 * Generation: the context is Part A with [gMASK] appended; the model writes Part B after [S], one
 * token at a time, until it writes an end token. Part B is shown as input/target pairs, as the
 * model was trained: each input predicts the next token, and the last target is [E].
 */
import { useId, useMemo } from 'react';
import { EOP, SOP } from '../../glm';
import { useT, useTranslateMsg } from '../../i18n';
import { useModel } from '../../model/modelStore';
import { detokenize } from '../../model/tokenizer';
import { tokenizerFor } from '../../store/derive';
import { useApp } from '../../store/hooks';
import { setFinetune } from '../../store/store';
import { TokenChip } from '../../viz/TokenChip';
import { buildGeneration } from './formats';
import { generate, generationKey, stopGenerate, useFinetuneRun } from './run';

export function GenerationSection() {
  const t = useT();
  const tm = useTranslateMsg();
  const id = useId();
  const context = useApp((s) => s.finetune.context);
  const tokenizer = tokenizerFor(useApp((s) => s.tokenizer));
  const base = useApp((s) => s.base);
  const ready = useModel((s) => s.status === 'ready');
  const gen = useMemo(() => buildGeneration(context, tokenizer), [context, tokenizer]);
  const key = useMemo(() => generationKey(gen.partA), [gen]);
  const generation = useFinetuneRun((s) => s.generation);
  const current = generation && generation.key === key ? generation : null;
  const stale = generation !== null && !current;

  // Part B as pairs: [S] → t1, t1 → t2, …, and tN → [E] once the model has ended the span.
  const generated = current?.tokens ?? [];
  const inputs = [SOP, ...generated];
  const targets: (string | null)[] = [...generated, current && !current.running && current.ended ? EOP : null];
  const sep = gen.partA.length;

  return (
    <section className="ft-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('finetune.gen.title')}</h3>
      <p className="ft-explain">{t('finetune.gen.explain')}</p>
      <div className="field ft-field-wide">
        <label htmlFor={`${id}-context`}>{t('finetune.gen.context')}</label>
        <textarea
          id={`${id}-context`}
          className="text-area"
          rows={2}
          value={context}
          onChange={(e) => setFinetune({ context: e.target.value })}
        />
      </div>
      <h4 className="ft-subhead">{t('finetune.gen.partA')}</h4>
      <ol className="chips" aria-label={t('finetune.gen.partAList')}>
        {gen.partA.map((tok, i) => (
          <TokenChip key={i} token={tok} index={i + base} span={i === gen.mask ? 0 : null} />
        ))}
      </ol>
      <h4 className="ft-subhead">{t('finetune.gen.partB')}</h4>
      <ol className="pairs ft-gen-pairs" aria-label={t('finetune.gen.partBList')}>
        <li className="pair pair-legend" aria-hidden="true">
          <span className="chip chip-legend">
            <span className="chip-text">{t('partB.inputs')}</span>
            <span className="chip-index">&nbsp;</span>
          </span>
          <span className="chip chip-legend">
            <span className="chip-text">{t('partB.targets')}</span>
          </span>
        </li>
        {inputs.map((input, j) => {
          const target = targets[j] ?? null;
          const s = sep + j;
          return (
            <li
              key={j}
              className="pair"
              aria-label={t('partB.pairLabel', {
                index: s + base,
                input,
                target: target ?? t('finetune.gen.toCome'),
              })}
            >
              <TokenChip as="span" token={input} index={s + base} span={0} aria-hidden="true" />
              {target === null ? (
                <span className="chip chip-target ft-pending" aria-hidden="true">
                  <span className="chip-text">{t('finetune.gen.toCome')}</span>
                </span>
              ) : (
                <TokenChip as="span" token={target} span={0} className="chip-target" aria-hidden="true" />
              )}
            </li>
          );
        })}
      </ol>
      <div className="ft-buttons">
        <button
          type="button"
          className="button button-primary"
          disabled={!ready || !!current?.running}
          onClick={() => void generate(gen.partA, gen.mask)}
        >
          {t('finetune.gen.button')}
        </button>
        {current?.running && (
          <button type="button" className="button" onClick={stopGenerate}>
            {t('finetune.gen.stop')}
          </button>
        )}
        {!ready && <span className="field-hint">{t('finetune.gen.needsModel')}</span>}
      </div>
      {stale && <p className="field-hint">{t('finetune.gen.stale')}</p>}
      {current?.error && (
        <p className="ft-problem" role="alert">
          {t('finetune.gen.failed', { error: tm(current.error) })}
        </p>
      )}
      {current && !current.error && (
        <>
          <p className="panel-meta" aria-live="polite">
            {current.running
              ? t('finetune.gen.running', { count: generated.length })
              : current.ms === null
                ? t('finetune.gen.stopped', { count: generated.length })
                : t(current.ended ? 'finetune.gen.ended' : 'finetune.gen.limit', {
                    count: generated.length,
                    ms: Math.round(current.ms),
                  })}
          </p>
          {generated.length > 0 && (
            <figure className="ft-continued" aria-labelledby={`${id}-continued`}>
              <figcaption id={`${id}-continued`}>{t('finetune.gen.continued')}</figcaption>
              <p>
                <span>{context.trim()} </span>
                <mark>{detokenize(generated)}</mark>
              </p>
            </figure>
          )}
        </>
      )}
    </section>
  );
}
