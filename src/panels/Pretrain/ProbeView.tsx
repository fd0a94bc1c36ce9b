/**
 * "Fills getting better": a fixed probe of the run's text (the panels' spans when the run began,
 * or a span the user picks) that the worker fills greedily and scores every N steps; the chart of
 * the target's probability over the steps, and the table of the fills. Changing the blanks
 * during a run starts a new history, probed at once.
 */
import { useDeferredValue, useId, useMemo } from 'react';
import { NumberField } from '../../app/ui/NumberField';
import { Segmented } from '../../app/ui/Segmented';
import { useT, useTranslateMsg } from '../../i18n';
import {
  setProbeChoice,
  setProbeEvery,
  usePretrain,
  type ProbeChoice,
} from '../../model/pretrain/pretrainStore';
import { PROBE_EVERY_LIMITS } from '../../model/pretrain/settings';
import { detokenize } from '../../model/tokenizer';
import { useApp } from '../../store';
import { panelBlanks } from './blanks';
import { ProbeChart } from './ProbeChart';
import { ProbeHistory } from './ProbeHistory';
import { appRunTokens } from './probeResolver';

const setMode = (mode: ProbeChoice['mode']) => setProbeChoice({ mode });

/** The words of spans over `tokens`, quoted. */
const spanWords = (
  tokens: readonly string[],
  spans: readonly { start: number; end: number }[],
  sep: string,
) => spans.map((s) => `“${detokenize(tokens.slice(s.start, s.end))}”`).join(sep);

/** The pick: two lists of the text's tokens, its first and its last. */
function PickFields({ tokens }: { tokens: readonly string[] }) {
  const t = useT();
  const base = useApp((s) => s.base);
  const pick = usePretrain((s) => s.probeChoice.pick);
  const firstId = useId();
  const lastId = useId();
  const inner = tokens.length - 2;
  if (inner < 1) return null;
  // Inside [CLS] … [EOS]; a pick beyond this text is shown at its first token.
  const ok = pick && pick.start >= 1 && pick.end <= tokens.length - 1 && pick.end > pick.start;
  const start = ok ? pick.start : 1;
  const end = ok ? pick.end : 2;
  const options = (from: number) =>
    Array.from({ length: tokens.length - 1 - from }, (_, k) => from + k).map((i) => (
      <option key={i} value={i}>
        {`${i + base} ${tokens[i]}`}
      </option>
    ));
  return (
    <>
      <div className="field">
        <label htmlFor={firstId}>{t('pretrain.probe.from')}</label>
        <select
          id={firstId}
          value={start}
          onChange={(e) => {
            const s = Number(e.target.value);
            setProbeChoice({ pick: { start: s, end: Math.max(end, s + 1) } });
          }}
        >
          {options(1)}
        </select>
      </div>
      <div className="field">
        <label htmlFor={lastId}>{t('pretrain.probe.to')}</label>
        <select
          id={lastId}
          value={end - 1}
          onChange={(e) => setProbeChoice({ pick: { start, end: Number(e.target.value) + 1 } })}
        >
          {options(start)}
        </select>
      </div>
    </>
  );
}

export function ProbeView() {
  const t = useT();
  const tm = useTranslateMsg();
  const id = useId();
  const choice = usePretrain((s) => s.probeChoice);
  const every = usePretrain((s) => s.probeEvery);
  const target = usePretrain((s) => s.probeTarget);
  const error = usePretrain((s) => s.probeError);
  const status = usePretrain((s) => s.status);
  const runText = usePretrain((s) => s.text);
  const runTokens = usePretrain((s) => s.info?.tokens ?? null);
  const appText = useDeferredValue(useApp((s) => s.text));
  const cls = useApp((s) => s.cls);
  const tokenizer = useApp((s) => s.tokenizer);
  const imported = useApp((s) => s.imported);
  const spans = useApp((s) => s.spans);
  const order = useApp((s) => s.order);
  const sep = t('common.listSep');
  const running = status !== 'idle' && status !== 'error' && runTokens !== null && runText !== null;
  // The tokens the probe indexes: the run's, or (before a run) the app's count of the text's.
  const appTokens = useMemo(() => (running ? null : appRunTokens(appText)), [running, appText]);
  const tokens = running ? runTokens : appTokens;
  const text = running ? runText : appText;
  // The panels' spans of this text now, over its tokens.
  const panels = useMemo(
    () =>
      tokens && text !== null
        ? panelBlanks({ text: appText, cls, tokenizer, imported, spans, order }, text, tokens)
        : null,
    [tokens, text, appText, cls, tokenizer, imported, spans, order],
  );
  const panelsChanged =
    running &&
    choice.mode === 'panels' &&
    panels !== null &&
    (target?.source !== 'panels' ||
      panels.spans.length !== target.spans.length ||
      panels.spans.some(
        (s, i) => s.start !== target.spans[i]!.start || s.end !== target.spans[i]!.end,
      ) ||
      panels.order.some((v, i) => v !== target.order[i]));

  let what: string;
  if (running && target && runTokens) {
    const words = spanWords(runTokens, target.spans, sep);
    what = t(`pretrain.probe.target.${target.source}`, { blanks: words });
  } else if (running) what = t('pretrain.probe.targetSoon');
  else if (choice.mode === 'pick')
    what =
      tokens && choice.pick && choice.pick.end <= tokens.length - 1
        ? t('pretrain.probe.idle.pick', { blanks: spanWords(tokens, [choice.pick], sep) })
        : t('pretrain.probe.idle.pickNone');
  else
    what = panels
      ? t('pretrain.probe.idle.panels', { blanks: spanWords(tokens!, panels.spans, sep) })
      : t('pretrain.probe.idle.heldout');

  return (
    <section className="pt-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('pretrain.probe.title')}</h3>
      <p className="pt-explain">{t('pretrain.probe.explain', { every })}</p>
      <div className="pt-controls pt-probe-controls">
        <Segmented<ProbeChoice['mode']>
          legend={t('pretrain.probe.source')}
          options={[
            { value: 'panels', label: t('pretrain.probe.sourcePanels') },
            { value: 'pick', label: t('pretrain.probe.sourcePick') },
          ]}
          value={choice.mode}
          onChange={setMode}
        />
        {choice.mode === 'pick' && tokens && <PickFields tokens={tokens} />}
        <NumberField
          label={t('pretrain.probe.every')}
          value={every}
          min={PROBE_EVERY_LIMITS[0]}
          max={PROBE_EVERY_LIMITS[1]}
          step={1}
          integer
          onCommit={setProbeEvery}
        />
      </div>
      <p>{what}</p>
      {panelsChanged && (
        <div className="pt-controls">
          <button type="button" className="button" onClick={() => setProbeChoice({})}>
            {t('pretrain.probe.retake')}
          </button>
          <span className="field-hint">{t('pretrain.probe.retakeHint')}</span>
        </div>
      )}
      {error && (
        <p className="pt-error" role="alert">
          {t('pretrain.probe.failed', { error: tm(error) })}
        </p>
      )}
      <ProbeChart />
      <ProbeHistory />
    </section>
  );
}
