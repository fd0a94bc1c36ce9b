/**
 * The pre-training panel's state, apart from the app's store (which keeps only what the user
 * chose and is saved in the URL): the run's settings, where it stands, its loss curve and its last
 * step. Derived and asynchronous, so never persisted. Actions are plain functions over one worker
 * client; the panel calls them, nothing here touches the DOM or TensorFlow.js.
 *
 * The probe ("fills getting better"): fixed blanks of the run's text that the worker fills and
 * scores once the run is built and every `probeEvery` steps; their history is `probes`. Which
 * blanks follows `probeChoice` (the panels' spans, or a span the user picked), resolved by the
 * panel's resolver (`setProbeResolver`: it knows the app's spans); without one, or when it finds
 * none, the worker probes the run's first held-out draw.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Msg } from '../../i18n/msg';
import { pretrainErrorMsg } from '../../i18n/pretrain';
import { PretrainError } from './errors';
import { defaultShippedModelUrl, defaultTokenizerUrl, PretrainClient } from './client';
import type { Span } from '../../glm';
import type { GlmConfig } from '../glm';
import type { Manifest } from '../weights';
import type { Variant } from './examples';
import type { PretrainReply, RunInfo, RunSetup } from './protocol';
import {
  DEFAULT_PRETRAIN,
  FINETUNE_LEARNING_RATE,
  PROBE_EVERY,
  PROBE_EVERY_LIMITS,
  type PretrainSettings,
  type PretrainStart,
} from './settings';
import type { FillReport, ProbeReport, ProbeSpec, StepReport } from './trainer';

export type PretrainStatus = 'idle' | 'training' | 'paused' | 'finished' | 'error';

/** One point of a loss curve: the loss (nats) after `step` steps. */
export interface LossPoint {
  step: number;
  loss: number;
}

/** The loss curves of one model of the run. */
export interface RunCurve {
  variant: Variant;
  train: LossPoint[];
  heldout: LossPoint[];
}

/** GLM's weights as the two model files, as the worker made them after `step` steps. */
export interface ModelFiles {
  step: number;
  manifest: Manifest;
  bytes: Uint8Array;
}

/** Where the probe's blanks come from: the panels' spans, a span the user picked, or (neither) the run's first held-out draw. */
export type ProbeSource = 'panels' | 'pick' | 'heldout';

/** What the user chose to probe (kept across runs, as the settings are). */
export interface ProbeChoice {
  mode: 'panels' | 'pick';
  /** The picked span, over the framed tokens of the text ([CLS] is 0); null: none yet. */
  pick: Span | null;
}

/** The blanks a run probes and where they came from. */
export interface ProbeTarget extends ProbeSpec {
  source: ProbeSource;
}

/**
 * Finds the blanks of `choice` in `text`: over `tokens` (the run's framed tokens) when known,
 * else over the app's own count of them; null when there are none (the worker then probes its
 * first held-out draw).
 */
export type ProbeResolver = (
  choice: ProbeChoice,
  text: string,
  tokens: readonly string[] | null,
) => ProbeTarget | null;

export interface PretrainState {
  status: PretrainStatus;
  /** The worker is building the run (libraries, tokenizer, weights); no step yet. */
  preparing: boolean;
  settings: PretrainSettings;
  /** Steps Start trains up to. */
  budget: number;
  /** The text the run trains on (kept when the app's text changes). */
  text: string | null;
  info: RunInfo | null;
  /** The training loss of every step. */
  train: LossPoint[];
  /** The held-out loss, at step 0 and every few steps. */
  heldout: LossPoint[];
  /** The last step's report (its draws, speed and counts). */
  last: StepReport | null;
  /** Tensors alive in the worker after the last step. */
  tensors: number | null;
  /** Why the run failed, as a message to translate. */
  error: Msg | null;
  /** The ablations' curves, when the run trains them (GLM's are `train` and `heldout`). */
  ablations: RunCurve[];
  /** The model files last asked for, and whether an ask is under way. */
  files: ModelFiles | null;
  filesPending: boolean;
  /** The blanks GLM's model last filled, whether a fill is under way, and why one failed. */
  fill: FillReport | null;
  fillPending: boolean;
  fillError: Msg | null;
  /** What to probe, and how often (steps). */
  probeChoice: ProbeChoice;
  probeEvery: number;
  /** The blanks the run probes (null until known). */
  probeTarget: ProbeTarget | null;
  /** The probe after step 0 and every `probeEvery` steps since, oldest first. */
  probes: ProbeReport[];
  /** Why the probe stopped. */
  probeError: Msg | null;
  /** The shipped model's config, from its manifest (read when a fine-tuning start is chosen). */
  shippedConfig: GlmConfig | null;
}

export const DEFAULT_BUDGET = 300;
export const BUDGET_LIMITS = [1, 5000] as const;

/** What a run leaves behind, cleared when a new one begins (and at the start). */
const NO_RUN = {
  info: null,
  train: [],
  heldout: [],
  last: null,
  tensors: null,
  error: null,
  ablations: [],
  files: null,
  filesPending: false,
  fill: null,
  fillPending: false,
  fillError: null,
  probeTarget: null,
  probes: [],
  probeError: null,
} satisfies Partial<PretrainState>;

const initial = (): PretrainState => ({
  status: 'idle',
  preparing: false,
  settings: DEFAULT_PRETRAIN,
  budget: DEFAULT_BUDGET,
  text: null,
  probeChoice: { mode: 'panels', pick: null },
  probeEvery: PROBE_EVERY,
  shippedConfig: null,
  ...NO_RUN,
});

export const pretrainStore = createStore<PretrainState>(initial);

export function usePretrain<T>(selector: (s: PretrainState) => T): T {
  return useStore(pretrainStore, selector);
}

const get = () => pretrainStore.getState();
const set = (patch: Partial<PretrainState>) => pretrainStore.setState(patch);

let client: PretrainClient | null = null;
let unsubscribe: (() => void) | null = null;

const defaultClient = () => {
  if (typeof Worker === 'undefined')
    throw new PretrainError('noWorkers', 'this browser cannot run Web Workers');
  return new PretrainClient();
};
let makeClient: () => PretrainClient = defaultClient;
let tokenizerUrl: () => string = defaultTokenizerUrl;
let modelUrl: () => string = defaultShippedModelUrl;
let resolver: ProbeResolver | null = null;
/** The blanks the worker was last asked to probe (null: its first held-out draw). */
let sentProbe: ProbeSpec | null = null;
/** When the latest hold was sent (typing first). */
let lastHold = -Infinity;

/** Reads the shipped model's manifest (default: fetch `modelUrl`). */
export type ManifestLoader = (url: string) => Promise<Pick<Manifest, 'config'>>;

const fetchManifest: ManifestLoader = async (url) => {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${res.status} fetching ${url}`);
  return (await res.json()) as Manifest;
};
let manifestLoader: ManifestLoader = fetchManifest;
let manifestAsked = false;

/** Replaces how the shipped model's manifest is read (tests, stories), or restores fetch with null. */
export function setManifestLoader(l: ManifestLoader | null): void {
  manifestLoader = l ?? fetchManifest;
  manifestAsked = false;
}

/**
 * Reads the shipped model's config from its manifest, once (again after a failure): its positions
 * limit the text a fine-tuning run takes. A failure leaves it unknown; the worker still refuses
 * a text too long, naming the limit.
 */
export function loadShippedConfig(): void {
  if (manifestAsked || get().shippedConfig) return;
  manifestAsked = true;
  manifestLoader(modelUrl()).then(
    (m) => {
      const c = m.config;
      if (c && Number.isInteger(c.maxPositions) && c.maxPositions > 0)
        set({ shippedConfig: { ...c } });
      else manifestAsked = false;
    },
    () => (manifestAsked = false),
  );
}

/** Sets how the probe's blanks are found (the panel's, which knows the app's spans). */
export function setProbeResolver(r: ProbeResolver | null): void {
  resolver = r;
}

function getClient(): PretrainClient {
  if (!client) {
    client = makeClient();
    unsubscribe = client.subscribe(receive);
  }
  return client;
}

/**
 * Replaces the worker client (tests, stories), or restores the real one with null; resets the
 * state. `url` replaces where the worker reads the tokenizer.
 */
export function setPretrainClient(
  factory: (() => PretrainClient) | null,
  url?: () => string,
  shippedUrl?: () => string,
): void {
  unsubscribe?.();
  client?.dispose();
  client = null;
  unsubscribe = null;
  makeClient = factory ?? defaultClient;
  tokenizerUrl = url ?? defaultTokenizerUrl;
  modelUrl = shippedUrl ?? defaultShippedModelUrl;
  sentProbe = null;
  manifestAsked = false;
  lastHold = -Infinity;
  dropProgress();
  pretrainStore.setState(initial(), true);
}

const sameSpec = (a: ProbeSpec | null, b: ProbeSpec | null) =>
  a === b ||
  (a !== null &&
    b !== null &&
    a.spans.length === b.spans.length &&
    a.spans.every((x, i) => x.start === b.spans[i]!.start && x.end === b.spans[i]!.end) &&
    a.order.length === b.order.length &&
    a.order.every((v, i) => v === b.order[i]));

const specOf = (t: ProbeTarget | null): ProbeSpec | null =>
  t && { spans: t.spans.map((x) => ({ ...x })), order: [...t.order] };

/** Where the worker reads the tokenizer (the file the saved model names). */
export function pretrainTokenizerUrl(): string {
  return tokenizerUrl();
}

/** Puts the store in a given state (stories), without a client. */
export function resetPretrainStore(state: Partial<PretrainState> = {}): void {
  setPretrainClient(null);
  pretrainStore.setState({ ...initial(), ...state }, true);
}

/**
 * Step reports arrive as fast as the worker trains (tens a second on a short text). Each one
 * applied at once re-renders the panel's charts on the main thread, and a keystroke in the text
 * then waits behind them. So they are applied in batches: the first at once, later ones at most
 * every PROGRESS_MS; any other reply but a probe's applies what is waiting first, so the order holds.
 */
export const PROGRESS_MS = 250;
let pendingProgress: Extract<PretrainReply, { type: 'progress' }>[] = [];
let progressTimer: ReturnType<typeof setTimeout> | null = null;
let lastProgressAt = -Infinity;

function dropProgress(): void {
  pendingProgress = [];
  if (progressTimer !== null) clearTimeout(progressTimer);
  progressTimer = null;
  lastProgressAt = -Infinity;
}

function flushProgress(): void {
  if (progressTimer !== null) clearTimeout(progressTimer);
  progressTimer = null;
  const batch = pendingProgress;
  pendingProgress = [];
  if (!batch.length) return;
  lastProgressAt = performance.now();
  const s = get();
  const train = [...s.train];
  const heldout = [...s.heldout];
  const ablations = s.ablations.map((c) => ({ variant: c.variant, train: [...c.train], heldout: [...c.heldout] }));
  for (const { report } of batch) {
    const step = report.step;
    train.push({ step, loss: report.loss });
    if (report.heldout !== null) heldout.push({ step, loss: report.heldout });
    for (const c of ablations) {
      const v = report.runs.find((x) => x.variant === c.variant);
      if (!v) continue;
      c.train.push({ step, loss: v.loss });
      if (v.heldout !== null) c.heldout.push({ step, loss: v.heldout });
    }
  }
  const last = batch[batch.length - 1]!;
  set({ train, heldout, ablations, last: last.report, tensors: last.tensors });
}

function receive(r: PretrainReply): void {
  if (r.type === 'progress') {
    pendingProgress.push(r);
    const wait = lastProgressAt + PROGRESS_MS - performance.now();
    if (wait <= 0) flushProgress();
    else progressTimer ??= setTimeout(flushProgress, wait);
    return;
  }
  // A probe's report stands apart from the curves; anything else (status, weights, fills,
  // errors) is about the run as it stands, so the steps before it are applied first.
  if (r.type !== 'probed') flushProgress();
  const s = get();
  switch (r.type) {
    case 'ready': {
      if (r.info.start === 'shipped' && !s.shippedConfig)
        set({ shippedConfig: { ...r.info.config } });
      // The run's own tokens now known: the probe's blanks found over them (the app counts them
      // the same way, so this is the probe the run was given, unless the tokenizers differ).
      const target =
        s.text === null ? null : (resolver?.(s.probeChoice, s.text, r.info.tokens) ?? null);
      if (!sameSpec(specOf(target), sentProbe)) {
        sentProbe = specOf(target);
        client?.probe(sentProbe, s.probeEvery);
        set({ probes: [] });
      }
      set({
        probeTarget: target,
        info: r.info,
        preparing: false,
        heldout: [{ step: 0, loss: r.info.heldoutStart }],
        ablations: r.info.variants.slice(1).map((variant, i) => ({
          variant,
          train: [],
          heldout: [{ step: 0, loss: r.info.heldoutStarts[i + 1]! }],
        })),
      });
      return;
    }
    case 'probed': {
      if (!r.report) {
        set({ probeError: pretrainErrorMsg(r.error ?? { message: 'the probe failed' }) });
        return;
      }
      const rep = r.report;
      // A report of blanks the run probed before the current ones.
      if (sentProbe === null ? !r.heldout : r.heldout || !sameSpec(rep, sentProbe)) return;
      const probes = s.probes.at(-1)?.step === rep.step ? s.probes.slice(0, -1) : s.probes;
      set({
        probeTarget: s.probeTarget ?? { spans: rep.spans, order: rep.order, source: 'heldout' },
        probes: [...probes, rep],
        probeError: null,
      });
      return;
    }
    case 'weights':
      set({
        files: { step: r.step, manifest: r.manifest, bytes: r.bytes },
        filesPending: false,
      });
      return;
    case 'filled':
      set({
        fill: r.fill,
        fillPending: false,
        fillError: r.error ? pretrainErrorMsg(r.error) : null,
      });
      return;
    case 'status':
      if (s.status === 'error') return;
      set({ status: r.status, preparing: r.status === 'idle' ? false : s.preparing });
      return;
    case 'error':
      set({ status: 'error', preparing: false, error: pretrainErrorMsg(r) });
      return;
  }
}

function setupOf(text: string): RunSetup {
  const s = get();
  return {
    text,
    tokenizerUrl: tokenizerUrl(),
    modelUrl: s.settings.start === 'shipped' ? modelUrl() : undefined,
    settings: s.settings,
    probe: specOf(s.probeTarget),
    probeEvery: s.probeEvery,
  };
}

/** A new run on `text`: the old one (if any) ends, the curve starts empty. */
function begin(text: string): PretrainClient | null {
  let c: PretrainClient;
  try {
    c = getClient();
  } catch (e) {
    set({ status: 'error', error: pretrainErrorMsg(e) });
    return null;
  }
  if (get().status !== 'idle') c.reset();
  dropProgress();
  lastHold = -Infinity;
  set({
    ...NO_RUN,
    text,
    preparing: true,
    probeTarget: resolver?.(get().probeChoice, text, null) ?? null,
  });
  sentProbe = specOf(get().probeTarget);
  return c;
}

/** Whether the run has steps left to take before its budget. */
const hasBudget = (s: PretrainState) => (s.last?.step ?? 0) < s.budget;

/**
 * Trains up to the budget: a new run on `text` when none is under way (idle, failed), else the
 * paused or finished run goes on with its own text.
 */
export function startPretraining(text: string): void {
  const s = get();
  if (s.status === 'training') return;
  if ((s.status === 'paused' || s.status === 'finished') && s.text !== null) {
    if (!hasBudget(s)) return;
    getClient().start(setupOf(s.text), s.budget);
    set({ status: 'training' });
    return;
  }
  const c = begin(text);
  if (!c) return;
  c.start(setupOf(text), s.budget);
  set({ status: 'training' });
}

/** How long a run waits after the user's latest edit before its next step (typing first). */
export const TYPING_HOLD_MS = 1000;
/** A hold is sent at most this often; each one reaches TYPING_HOLD_MS past its own time. */
const HOLD_RESEND_MS = 200;

/**
 * The user typed (or edited a control) somewhere on the page: a run that is training takes no
 * new step until TYPING_HOLD_MS after it. Its status stays "training"; a step under way ends.
 */
export function holdForTyping(now: number = performance.now()): void {
  if (!client || get().status !== 'training') return;
  if (now >= lastHold && now - lastHold < HOLD_RESEND_MS) return;
  lastHold = now;
  client.hold(TYPING_HOLD_MS);
}

/**
 * Pauses after the step under way. The step reports waiting for their batch are applied first, so
 * "Paused after step N" names the last step reported, and at most the step under way follows.
 */
export function pausePretraining(): void {
  if (get().status !== 'training') return;
  client?.pause();
  flushProgress();
  set({ status: 'paused' });
}

/** One step: of the run under way (pausing it), or of a new run on `text`. */
export function stepPretraining(text: string): void {
  const s = get();
  if (s.status === 'training') {
    client?.pause();
    flushProgress();
  }
  if (s.status === 'idle' || s.status === 'error' || s.text === null) {
    const c = begin(text);
    if (!c) return;
    c.step(setupOf(text), s.budget);
  } else {
    getClient().step(setupOf(s.text), s.budget);
  }
  set({ status: 'paused' });
}

/** Ends the run: the worker frees its tensors; the settings and the probe's choice stay. */
export function resetPretraining(): void {
  const { settings, budget, status, probeChoice, probeEvery, shippedConfig } = get();
  if (status !== 'idle') client?.reset();
  dropProgress();
  pretrainStore.setState(
    { ...initial(), settings, budget, probeChoice, probeEvery, shippedConfig },
    true,
  );
}

/** Every model's curves, GLM first. */
export function curvesOf(s: Pick<PretrainState, 'train' | 'heldout' | 'ablations'>): RunCurve[] {
  return [{ variant: 'glm', train: s.train, heldout: s.heldout }, ...s.ablations];
}

/** Whether the run has a built model to ask things of (a step taken, not reset, not failed). */
const hasModel = (s: PretrainState) =>
  client !== null && s.info !== null && s.status !== 'idle' && s.status !== 'error';

/** Asks the worker for GLM's weights as model files (`files` when they come). */
export function requestModelFiles(): void {
  const s = get();
  if (!hasModel(s) || s.filesPending) return;
  set({ filesPending: true });
  client!.weights();
}

/** Asks GLM's model to fill `spans` of the run's text (indices into its framed tokens). */
export function fillWithModel(spans: Span[], order?: number[]): void {
  const s = get();
  if (!hasModel(s) || s.fillPending || spans.length === 0) return;
  set({ fillPending: true, fillError: null });
  client!.fill(spans, order);
}

/** Changes settings (they apply to the next run: the panel locks them while one exists). */
export function setPretrainSettings(patch: Partial<PretrainSettings>): void {
  set({ settings: { ...get().settings, ...patch } });
}

/**
 * Where the next run's weights start. The learning rate follows when it is the other start's
 * default (fine-tuning takes smaller steps); a rate the user typed stays.
 */
export function setPretrainStart(start: PretrainStart): void {
  const { learningRate } = get().settings;
  const other = start === 'shipped' ? DEFAULT_PRETRAIN.learningRate : FINETUNE_LEARNING_RATE;
  const own = start === 'shipped' ? FINETUNE_LEARNING_RATE : DEFAULT_PRETRAIN.learningRate;
  setPretrainSettings({ start, learningRate: learningRate === other ? own : learningRate });
  if (start === 'shipped') loadShippedConfig();
}

/** Whether a run is built in the worker (it can be probed). */
const hasRun = (s: PretrainState) =>
  client !== null &&
  s.info !== null &&
  s.text !== null &&
  s.status !== 'idle' &&
  s.status !== 'error';

/**
 * What to probe. With a run under way, its probe changes at once: new blanks start a new
 * history (probed at the current step first); the old one is dropped.
 */
export function setProbeChoice(patch: Partial<ProbeChoice>): void {
  const s = get();
  const probeChoice = { ...s.probeChoice, ...patch };
  set({ probeChoice });
  if (!hasRun(s)) return;
  const target = resolver?.(probeChoice, s.text!, s.info!.tokens) ?? null;
  // Back to the held-out draw: its blanks are known once the worker has probed them.
  const next = target ?? (s.probeTarget?.source === 'heldout' ? s.probeTarget : null);
  if (sameSpec(specOf(target), sentProbe)) return;
  set({ probeTarget: next, probes: [], probeError: null });
  sentProbe = specOf(target);
  client!.probe(sentProbe, s.probeEvery);
}

/** Probe every `n` steps (from the next step on; the history stays). */
export function setProbeEvery(n: number): void {
  const every = Math.max(PROBE_EVERY_LIMITS[0], Math.min(PROBE_EVERY_LIMITS[1], Math.trunc(n)));
  const s = get();
  set({ probeEvery: every });
  if (hasRun(s)) client!.probe(sentProbe, every);
}

export function setPretrainBudget(budget: number): void {
  set({ budget: Math.max(BUDGET_LIMITS[0], Math.min(BUDGET_LIMITS[1], Math.trunc(budget))) });
}
