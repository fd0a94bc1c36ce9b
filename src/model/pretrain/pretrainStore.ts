/**
 * The pre-training panel's state, apart from the app's store (which keeps only what the user
 * chose and is saved in the URL): the run's settings, where it stands, its loss curve and its last
 * step. Derived and asynchronous, so never persisted. Actions are plain functions over one worker
 * client; the panel calls them, nothing here touches the DOM or TensorFlow.js.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Msg } from '../../i18n/msg';
import { pretrainErrorMsg } from '../../i18n/pretrain';
import { PretrainError } from './errors';
import { defaultTokenizerUrl, PretrainClient } from './client';
import type { Span } from '../../glm';
import type { Manifest } from '../weights';
import type { Variant } from './examples';
import type { PretrainReply, RunInfo, RunSetup } from './protocol';
import { DEFAULT_PRETRAIN, type PretrainSettings } from './settings';
import type { FillReport, StepReport } from './trainer';

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
} satisfies Partial<PretrainState>;

const initial = (): PretrainState => ({
  status: 'idle',
  preparing: false,
  settings: DEFAULT_PRETRAIN,
  budget: DEFAULT_BUDGET,
  text: null,
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
): void {
  unsubscribe?.();
  client?.dispose();
  client = null;
  unsubscribe = null;
  makeClient = factory ?? defaultClient;
  tokenizerUrl = url ?? defaultTokenizerUrl;
  pretrainStore.setState(initial(), true);
}

/** Where the worker reads the tokenizer (the file the saved model names). */
export function pretrainTokenizerUrl(): string {
  return tokenizerUrl();
}

/** Puts the store in a given state (stories), without a client. */
export function resetPretrainStore(state: Partial<PretrainState> = {}): void {
  setPretrainClient(null);
  pretrainStore.setState({ ...initial(), ...state }, true);
}

function receive(r: PretrainReply): void {
  const s = get();
  switch (r.type) {
    case 'ready':
      set({
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
    case 'progress': {
      const { report } = r;
      const step = report.step;
      set({
        train: [...s.train, { step, loss: report.loss }],
        heldout:
          report.heldout === null ? s.heldout : [...s.heldout, { step, loss: report.heldout }],
        ablations: s.ablations.map((c) => {
          const v = report.runs.find((x) => x.variant === c.variant);
          if (!v) return c;
          return {
            variant: c.variant,
            train: [...c.train, { step, loss: v.loss }],
            heldout: v.heldout === null ? c.heldout : [...c.heldout, { step, loss: v.heldout }],
          };
        }),
        last: report,
        tensors: r.tensors,
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
  return { text, tokenizerUrl: tokenizerUrl(), settings: get().settings };
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
  set({ ...NO_RUN, text, preparing: true });
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

/** Pauses after the step under way. */
export function pausePretraining(): void {
  if (get().status !== 'training') return;
  client?.pause();
  set({ status: 'paused' });
}

/** One step: of the run under way (pausing it), or of a new run on `text`. */
export function stepPretraining(text: string): void {
  const s = get();
  if (s.status === 'training') client?.pause();
  if (s.status === 'idle' || s.status === 'error' || s.text === null) {
    const c = begin(text);
    if (!c) return;
    c.step(setupOf(text), s.budget);
  } else {
    getClient().step(setupOf(s.text), s.budget);
  }
  set({ status: 'paused' });
}

/** Ends the run: the worker frees its tensors; the settings stay. */
export function resetPretraining(): void {
  const { settings, budget, status } = get();
  if (status !== 'idle') client?.reset();
  pretrainStore.setState({ ...initial(), settings, budget }, true);
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

export function setPretrainBudget(budget: number): void {
  set({ budget: Math.max(BUDGET_LIMITS[0], Math.min(BUDGET_LIMITS[1], Math.trunc(budget))) });
}
