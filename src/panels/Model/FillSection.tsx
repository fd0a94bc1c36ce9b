/**
 * Fill: the model generates each blank in Part B order, each span seeing the spans generated
 * before it. Tokens stream into a list in Part B order and into the text, where the blanks were.
 */
import { memo, useId, useMemo, type CSSProperties } from 'react';
import type { Construction, Token } from '../../glm';
import { useT, useTranslateMsg } from '../../i18n';
import { fillBlanks, stopFill, useModel } from '../../model/modelStore';
import { spanColor } from '../../viz/colors';
import { filledPieces, filledSource } from './filled';
import { SamplingForm } from './SamplingForm';
import { sequenceKeyOf } from './sequenceKeyOf';

// Memoised: it reads the model's store itself, and an edit of the text changes nothing in it.
const SamplingFormMemo = memo(SamplingForm);

const spanStyle = (b: number) => ({ '--span': spanColor(b) }) as CSSProperties;

export function FillSection({
  c,
  base,
  tokens,
  source,
}: {
  c: Construction | null;
  base: number;
  /** The framed tokens of `c` with their offsets into `source`, the text as typed. */
  tokens: readonly Token[];
  source: string;
}) {
  const t = useT();
  const tm = useTranslateMsg();
  const id = useId();
  const ready = useModel((s) => s.status === 'ready');
  const fill = useModel((s) => s.fill);
  // The key joins every token: worked out only when there is a fill to compare it with.
  const current = fill && fill.key === sequenceKeyOf(c) ? fill : null;
  const stale = fill !== null && !current;
  const k = c?.spans.length ?? 0;
  const pieces = useMemo(
    () =>
      c && current
        ? (filledSource(source, tokens, c.spans, current.fills) ??
          filledPieces(c.tokens.slice(0, c.sep), c.maskIndex, current.fills))
        : [],
    [c, current, tokens, source],
  );
  const generated = current ? current.fills.reduce((s, f) => s + f.length, 0) : 0;

  return (
    <section className="model-section" aria-labelledby="model-fill-title">
      <h3 id="model-fill-title">{t('model.fill.title')}</h3>
      <SamplingFormMemo />
      <div className="model-buttons">
        <button
          type="button"
          className="button button-primary"
          disabled={!ready || !c || k === 0 || !!current?.running}
          onClick={() => c && void fillBlanks(c)}
        >
          {t('model.fill.button')}
        </button>
        {current?.running && (
          <button type="button" className="button" onClick={stopFill}>
            {t('model.fill.stop')}
          </button>
        )}
      </div>
      {k === 0 && <p className="empty">{t('model.fill.noSpans')}</p>}
      {stale && <p className="field-hint">{t('model.stale')}</p>}
      {current?.error && (
        <p className="model-error" role="alert">
          {tm(current.error)}
        </p>
      )}
      {c && current && (
        <>
          <ol className="model-fills" aria-label={t('model.fill.listLabel')}>
            {current.order.map((b, place) => {
              const tokens = current.fills[b] ?? [];
              const active = current.running && current.current === b;
              return (
                <li
                  key={b}
                  className="model-fill"
                  style={spanStyle(b)}
                  aria-busy={active || undefined}
                >
                  <span className="model-fill-name">
                    {t('model.fill.spanLabel', { n: b + base, place: place + 1 })}
                  </span>
                  <span className="model-fill-tokens">
                    {tokens.map((tok, i) => (
                      <span
                        key={i}
                        className="model-token"
                        title={t('model.fill.prob', {
                          p: ((current.probs[b]?.[i] ?? 0) * 100).toFixed(1),
                        })}
                      >
                        {tok}
                      </span>
                    ))}
                    {active && <span className="model-caret" aria-hidden="true" />}
                    {!current.running && tokens.length === 0 && (
                      <span className="field-hint">{t('model.fill.emptySpan')}</span>
                    )}
                  </span>
                </li>
              );
            })}
          </ol>
          <figure className="model-filled" aria-labelledby={`${id}-filled`}>
            <figcaption id={`${id}-filled`}>{t('model.fill.filledText')}</figcaption>
            <p>
              {pieces.map((p, i) =>
                p.blank === null ? (
                  <span key={i}>{p.text}</span>
                ) : (
                  <mark key={i} className="model-filled-blank" style={spanStyle(p.blank)}>
                    {p.text}
                  </mark>
                ),
              )}
            </p>
          </figure>
          <p className="panel-meta" aria-live="polite">
            {current.running
              ? t('model.fill.running', { count: generated })
              : current.ms !== null
                ? t('model.fill.done', {
                    count: generated,
                    blanks: current.order.length,
                    ms: Math.round(current.ms),
                  })
                : t('model.fill.stopped', { count: generated })}
          </p>
        </>
      )}
    </section>
  );
}
