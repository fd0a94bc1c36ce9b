/**
 * Sampler statistics: draws GLM's span sampler N times (in a Web Worker, in slices, with progress
 * and Cancel) for the current text length and sampler settings from the store, then shows the
 * span lengths against the truncated Poisson pmf, the masked fraction against the target ratio,
 * spans per draw, the mask rate by position, and a summary beside the spec's reference figures.
 */
import { useId, useMemo, useState } from 'react';
import { syntheticTokens, REFERENCE_FIGURES } from '../../glm';
import { engineMsg, useT, useTranslateMsg } from '../../i18n';
import { useApp, useDeferredDerivedInput } from '../../store/hooks';
import { fmt } from './describe';
import { downloadText } from './download';
import { drawsCsv, drawsJson, fileStem } from './raw';
import { StatsPlots } from './StatsPlots';
import { SummaryTable } from './SummaryTable';
import { useStatsRun } from './useStatsRun';
import type { StatsResult } from '../../workers/stats-core';
import './stats.css';

export const MIN_DRAWS = 1_000;
export const MAX_DRAWS = 100_000;
export const DEFAULT_DRAWS = 10_000;

export interface StatsPanelProps {
  /** A finished run to show at first (stories); the panel draws its own otherwise. */
  initialResult?: StatsResult;
  /** Initial number of draws (default 10,000). */
  initialDraws?: number;
}

export function StatsPanel({ initialResult, initialDraws = DEFAULT_DRAWS }: StatsPanelProps) {
  const t = useT();
  const tm = useTranslateMsg();
  const id = useId();
  const { texts } = useDeferredDerivedInput();
  const objective = useApp((s) => s.objective);
  const ratio = useApp((s) => s.sampler.ratio);
  const lambda = useApp((s) => s.sampler.lambda);
  const seed = useApp((s) => s.seed);
  const [draft, setDraft] = useState(String(initialDraws));
  const [source, setSource] = useState<'text' | 'reference'>(
    initialResult?.length === REFERENCE_FIGURES.length && texts.length !== REFERENCE_FIGURES.length
      ? 'reference'
      : 'text',
  );
  const draws = Number(draft);
  const drawsOk = Number.isInteger(draws) && draws >= MIN_DRAWS && draws <= MAX_DRAWS;

  const tokens = useMemo(
    () => (source === 'reference' ? syntheticTokens(REFERENCE_FIGURES.length, true) : texts),
    [source, texts],
  );
  const options = useMemo(() => ({ objective, ratio, lambda }), [objective, ratio, lambda]);
  // What a run depends on: the sentence objective reads the tokens themselves, the others only L and the framing.
  const key = JSON.stringify([
    tokens.length,
    tokens[0],
    tokens[tokens.length - 1],
    options,
    seed,
    objective === 'sentence' ? tokens : null,
  ]);
  const { state, start, cancel } = useStatsRun(
    initialResult ? { result: initialResult, resultKey: null } : null,
  );
  const running = state.status === 'running';
  const r = state.result;
  const stale = r !== null && state.resultKey !== null && state.resultKey !== key;

  const run = () => {
    if (drawsOk && tokens.length > 0) start({ tokens: [...tokens], options, draws, seed }, key);
  };

  const titleId = `${id}-title`;
  const settings = t('stats.settings', {
    objective: t(`stats.objective.${objective}`),
    ratio,
    lambda,
    seed,
  });
  return (
    <section className="panel panel-stats" id="panel-stats" aria-labelledby={titleId}>
      <div className="panel-head">
        <h2 className="panel-title" id={titleId}>
          {t('stats.title')}
        </h2>
      </div>
      <p className="panel-lede">{t('stats.lede')}</p>
      <div className="panel-body">
        <div className="stats-controls">
          <fieldset className="segmented">
            <legend className="segmented-legend">{t('stats.length')}</legend>
            <div className="segmented-options">
              {(['text', 'reference'] as const).map((v) => (
                <label key={v} className={source === v ? 'is-checked' : undefined}>
                  <input
                    type="radio"
                    name={`${id}-source`}
                    value={v}
                    checked={source === v}
                    onChange={() => setSource(v)}
                  />
                  <span>
                    {v === 'text'
                      ? t('stats.lengthText', { n: texts.length })
                      : t('stats.lengthReference', { n: REFERENCE_FIGURES.length })}
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-draws`}>{t('stats.draws')}</label>
            <input
              id={`${id}-draws`}
              type="number"
              inputMode="numeric"
              min={MIN_DRAWS}
              max={MAX_DRAWS}
              step={1000}
              value={draft}
              aria-invalid={!drawsOk || undefined}
              aria-describedby={`${id}-draws-hint`}
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && !running && run()}
            />
            <span className="field-hint" id={`${id}-draws-hint`}>
              {t('stats.drawsHint', { min: fmt.int(MIN_DRAWS), max: fmt.int(MAX_DRAWS) })}
            </span>
          </div>
          <div className="stats-buttons">
            <button
              type="button"
              className="button button-primary"
              onClick={run}
              disabled={!drawsOk || running || tokens.length === 0}
            >
              {t('stats.run')}
            </button>
            <button type="button" className="button" onClick={cancel} disabled={!running}>
              {t('stats.cancel')}
            </button>
          </div>
        </div>
        <p className="panel-meta">{settings}</p>
        {running && (
          <div className="stats-progress">
            <progress
              max={Math.max(1, state.total)}
              value={state.done}
              aria-label={t('stats.progressLabel')}
              aria-valuetext={t('stats.progress', {
                done: fmt.int(state.done),
                total: fmt.int(state.total),
              })}
            />
            <span aria-hidden="true">
              {t('stats.progress', { done: fmt.int(state.done), total: fmt.int(state.total) })}
            </span>
          </div>
        )}
        <p className="stats-status" role="status">
          {state.status === 'done' && r && state.resultKey !== null
            ? t(state.where === 'worker' ? 'stats.doneWorker' : 'stats.doneMain', {
                draws: fmt.int(r.summary.draws),
                seconds: fmt.two(r.elapsedMs / 1000),
                rate: fmt.int(Math.round((r.summary.draws / Math.max(1, r.elapsedMs)) * 1000)),
              })
            : state.status === 'cancelled'
              ? t(r ? 'stats.cancelledKept' : 'stats.cancelled')
              : ''}
        </p>
        {state.status === 'error' && (
          <p className="stats-error" role="alert">
            {t('stats.error', { error: state.error ? tm(state.error) : '' })}
          </p>
        )}
        {!r ? (
          !running && (
            <p className="empty">
              {t('stats.empty', { draws: drawsOk ? fmt.int(draws) : '—', n: tokens.length })}
            </p>
          )
        ) : (
          <div className={`stats-results${stale || running ? ' is-stale' : ''}`}>
            {stale && <p className="stats-note stats-note-strong">{t('stats.stale')}</p>}
            <p className="stats-note">
              {t('stats.drawnFor', { n: r.length, draws: fmt.int(r.summary.draws), seed: r.seed })}
            </p>
            {r.summary.draws - r.summary.failures > 0 ? (
              <StatsPlots result={r} />
            ) : (
              <p className="empty">
                {t('stats.noDraws', {
                  reason: r.lastFailureCode ? tm(engineMsg(r.lastFailureCode)) : (r.lastFailure ?? ''),
                })}
              </p>
            )}
            <SummaryTable result={r} />
            <div className="stats-raw" role="group" aria-label={t('stats.rawLabel')}>
              <span className="field-label">{t('stats.rawLabel')}</span>
              <button
                type="button"
                className="button button-small"
                onClick={() => downloadText(drawsCsv(r), `${fileStem(r)}.csv`, 'text/csv')}
              >
                {t('stats.rawCsv')}
              </button>
              <button
                type="button"
                className="button button-small"
                onClick={() =>
                  downloadText(drawsJson(r), `${fileStem(r)}.json`, 'application/json')
                }
              >
                {t('stats.rawJson')}
              </button>
            </div>
          </div>
        )}
      </div>
    </section>
  );
}
