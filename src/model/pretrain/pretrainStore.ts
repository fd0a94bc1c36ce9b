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
import type { PretrainReply, RunInfo, RunSetup } from './protocol';
import { DEFAULT_PRETRAIN, type PretrainSettings } from './settings';
import type { StepReport } from './trainer';

export type PretrainStatus = 'idle' | 'training' | 'paused' | 'finished' | 'error';

/** One point of a loss curve: the loss (nats) after `step` steps. */
export interface LossPoint {
  step: number;
  loss: number;
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
}

export const DEFAULT_BUDGET = 300;
export const BUDGET_LIMITS = [1, 5000] as const;

const initial = (): PretrainState => ({
  status: 'idle',
  preparing: false,
  settings: DEFAULT_PRETRAIN,
  budget: DEFAULT_BUDGET,
  text: null,
  info: null,
  train: [],
  heldout: [],
  last: null,
  tensors: null,
  error: null,
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

/** Puts the store in a given state (stories), without a client. */
export function resetPretrainStore(state: Partial<PretrainState> = {}): void {
  setPretrainClient(null);
  pretrainStore.setState({ ...initial(), ...state }, true);
}

function receive(r: PretrainReply): void {
  const s = get();
  switch (r.type) {
    case 'ready':
      set({ info: r.info, preparing: false, heldout: [{ step: 0, loss: r.info.heldoutStart }] });
      return;
    case 'progress': {
      const { report } = r;
      set({
        train: [...s.train, { step: report.step, loss: report.loss }],
        heldout:
          report.heldout === null
            ? s.heldout
            : [...s.heldout, { step: report.step, loss: report.heldout }],
        last: report,
        tensors: r.tensors,
      });
      return;
    }
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
  set({
    text,
    preparing: true,
    info: null,
    train: [],
    heldout: [],
    last: null,
    tensors: null,
    error: null,
  });
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

/** Changes settings (they apply to the next run: the panel locks them while one exists). */
export function setPretrainSettings(patch: Partial<PretrainSettings>): void {
  set({ settings: { ...get().settings, ...patch } });
}

export function setPretrainBudget(budget: number): void {
  set({ budget: Math.max(BUDGET_LIMITS[0], Math.min(BUDGET_LIMITS[1], Math.trunc(budget))) });
}
