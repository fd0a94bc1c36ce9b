/**
 * The model's state in the page, apart from the app's store (which keeps only what the user
 * chose and is saved in the URL): load status and progress, the sampling settings, and the latest
 * fill, scores and attention weights with the sequence they belong to. Derived and asynchronous,
 * so it is never persisted. Actions are plain functions over one worker client; the panel calls
 * them, nothing here touches the DOM or TensorFlow.js.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { Batch, Construction } from '../glm';
import type { Msg } from '../i18n/msg';
import { modelErrorMsg } from '../i18n/model';
import { ModelError } from './errors';
import { ModelClient } from './worker-client';
import type { AttentionChoice, LoadPhase, ModelInfo, SamplingOptions, TargetScore } from './worker-protocol';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface Sampling {
  /**
   * Greedy (most probable token), sampling with temperature and top-k, or beam search for the
   * most probable whole span (beam.ts).
   */
  mode: 'greedy' | 'sample' | 'beam';
  temperature: number;
  topK: number;
  seed: number;
  /** Spans kept per step in beam mode. */
  beamWidth: number;
  maxSpanLength: number;
}

export interface FillView {
  /** The sequence this fill belongs to (`sequenceKey`). */
  key: string;
  running: boolean;
  /** Part B order of the blanks. */
  order: number[];
  /** Generated tokens per blank (text order), growing while running. */
  fills: string[][];
  /** Probability of each generated token, per blank. */
  probs: number[][];
  /** The blank being generated now, or null. */
  current: number | null;
  /** Milliseconds the worker spent generating (when done). */
  ms: number | null;
  /** Why the fill stopped early (translated when shown). */
  error: Msg | null;
}

export interface ModelState {
  status: LoadStatus;
  phase: LoadPhase | null;
  /** Overall load progress 0..1, or null while a phase's progress is unknown. */
  progress: number | null;
  info: ModelInfo | null;
  /** Why loading failed, as a message to translate (see src/i18n/model.ts). */
  error: Msg | null;
  sampling: Sampling;
  fill: FillView | null;
  scores: { key: string; targets: TargetScore[] } | null;
  scoring: boolean;
  scoreError: Msg | null;
  /** Which weights to draw on the mask; null: none. */
  attentionChoice: AttentionChoice | null;
  attention: { key: string; choice: AttentionChoice; weights: Float32Array } | null;
  attentionError: Msg | null;
}

export const DEFAULT_SAMPLING: Sampling = {
  mode: 'greedy',
  temperature: 0.8,
  topK: 40,
  seed: 1,
  beamWidth: 5,
  maxSpanLength: 12,
};

/** The decoder's options for the chosen settings (what the worker's fill takes). */
export function samplingOptions(s: Sampling): SamplingOptions {
  const base = { maxSpanLength: s.maxSpanLength };
  if (s.mode === 'sample') return { ...base, temperature: s.temperature, topK: s.topK, seed: s.seed };
  if (s.mode === 'beam') return { ...base, temperature: 0, beam: s.beamWidth };
  return { ...base, temperature: 0 };
}

const initial = (): ModelState => ({
  status: 'idle',
  phase: null,
  progress: null,
  info: null,
  error: null,
  sampling: DEFAULT_SAMPLING,
  fill: null,
  scores: null,
  scoring: false,
  scoreError: null,
  attentionChoice: null,
  attention: null,
  attentionError: null,
});

export const modelStore = createStore<ModelState>(initial);

export function useModel<T>(selector: (s: ModelState) => T): T {
  return useStore(modelStore, selector);
}

const get = () => modelStore.getState();
const set = (patch: Partial<ModelState>) => modelStore.setState(patch);

/** Identifies a sequence: results for another sequence are stale. */
export function sequenceKey(
  c: Pick<Batch, 'tokens' | 'positionIds' | 'blockPositionIds' | 'sep'>,
): string {
  return `${c.sep}|${c.tokens.join('\u0001')}|${c.positionIds.join(',')}|${c.blockPositionIds.join(',')}`;
}

let client: ModelClient | null = null;
let customClient = false;
const defaultClient = () => {
  if (typeof Worker === 'undefined') {
    throw new ModelError('noWorkers', 'this browser cannot run Web Workers');
  }
  return new ModelClient();
};

let makeClient = defaultClient;

/** Replaces the worker client (tests, stories), or restores the real one with null; resets the state. */
export function setModelClient(factory: (() => ModelClient) | null): void {
  client?.dispose();
  client = null;
  makeClient = factory ?? defaultClient;
  customClient = factory !== null;
  modelStore.setState(initial(), true);
}

/**
 * Whether loading can start on its own: in a browser with Web Workers, or with a client set by
 * `setModelClient`. Elsewhere (jsdom tests, server rendering) the panel waits for a click.
 */
export function canAutoLoad(): boolean {
  return customClient || typeof Worker !== 'undefined';
}

function getClient(): ModelClient {
  client ??= makeClient();
  return client;
}

/** The worker client the model was (or will be) loaded in, for panels with their own requests. */
export function modelClient(): ModelClient {
  return getClient();
}

const isAbort = (e: unknown) => e instanceof Error && e.name === 'AbortError';

/** Where each phase sits in the overall bar (the weights download is most of the wait). */
const PHASE_SPAN: Record<LoadPhase, [number, number]> = {
  library: [0, 0.15],
  backend: [0.15, 0.25],
  weights: [0.25, 0.95],
  warmup: [0.95, 1],
};

/** Loads the model once (again after a failure). */
export async function loadModel(opts: { modelUrl?: string } = {}): Promise<void> {
  if (get().status === 'loading' || get().status === 'ready') return;
  set({ status: 'loading', phase: null, progress: 0, error: null });
  try {
    const info = await getClient().load({
      modelUrl: opts.modelUrl,
      onProgress: (phase, fraction) => {
        const [a, b] = PHASE_SPAN[phase];
        set({ phase, progress: fraction === null ? a : a + (b - a) * fraction });
      },
    });
    set({ status: 'ready', info, phase: null, progress: 1 });
  } catch (e) {
    // A dead worker cannot be reused: the next attempt starts a fresh one.
    client?.dispose();
    client = null;
    set({ status: 'error', error: modelErrorMsg(e), phase: null, progress: null });
  }
}

export function setSampling(patch: Partial<Sampling>): void {
  set({ sampling: { ...get().sampling, ...patch } });
}

let fillAbort: AbortController | null = null;

/** Fills the construction's blanks in its Part B order, streaming tokens into `fill`. */
export async function fillBlanks(c: Construction): Promise<void> {
  if (get().status !== 'ready' || c.spans.length === 0) return;
  fillAbort?.abort();
  const ac = new AbortController();
  fillAbort = ac;
  const k = c.spans.length;
  const key = sequenceKey(c);
  const s = get().sampling;
  set({
    fill: {
      key,
      running: true,
      order: c.order,
      fills: Array.from({ length: k }, () => []),
      probs: Array.from({ length: k }, () => []),
      current: c.order[0] ?? null,
      ms: null,
      error: null,
    },
  });
  const update = (patch: Partial<FillView>) => {
    const f = get().fill;
    if (fillAbort === ac && f) set({ fill: { ...f, ...patch } });
  };
  try {
    const r = await getClient().fill(
      { partA: c.tokens.slice(0, c.sep), masks: c.maskIndex, order: c.order },
      {
        signal: ac.signal,
        ...samplingOptions(s),
        onToken: (e) => {
          const f = get().fill;
          if (fillAbort !== ac || !f) return;
          if (e.token === null) {
            update({ current: c.order[e.place + 1] ?? null });
            return;
          }
          const fills = f.fills.map((x, i) => (i === e.blank ? [...x, e.token!] : x));
          const probs = f.probs.map((x, i) => (i === e.blank ? [...x, e.prob] : x));
          update({ fills, probs, current: e.blank });
        },
      },
    );
    update({ running: false, current: null, fills: r.fills, probs: r.probs, ms: r.ms });
  } catch (e) {
    update({ running: false, current: null, error: isAbort(e) ? null : modelErrorMsg(e) });
  } finally {
    if (fillAbort === ac) fillAbort = null;
  }
}

/** Stops a running fill (the tokens so far stay). */
export function stopFill(): void {
  fillAbort?.abort();
}

let scoreAbort: AbortController | null = null;

/** Scores every Part B target of the construction. */
export async function scoreTargets(c: Construction): Promise<void> {
  if (get().status !== 'ready') return;
  scoreAbort?.abort();
  const ac = new AbortController();
  scoreAbort = ac;
  set({ scoring: true, scoreError: null });
  try {
    const targets = await getClient().score(
      {
        tokens: c.tokens,
        targets: c.targets,
        lossMask: c.lossMask,
        positionIds: c.positionIds,
        blockPositionIds: c.blockPositionIds,
        sep: c.sep,
      },
      { signal: ac.signal },
    );
    if (scoreAbort === ac) set({ scores: { key: sequenceKey(c), targets }, scoring: false });
  } catch (e) {
    if (scoreAbort === ac) set({ scoring: false, scoreError: isAbort(e) ? null : modelErrorMsg(e) });
  }
}

export function setAttentionChoice(choice: AttentionChoice | null): void {
  set({ attentionChoice: choice, attentionError: null });
}

let attentionAbort: AbortController | null = null;

/** Computes the chosen attention weights for the construction (skips work already done). */
export async function refreshAttention(c: Construction | null): Promise<void> {
  const { status, attentionChoice: choice, attention } = get();
  if (status !== 'ready' || !choice || !c) return;
  const key = sequenceKey(c);
  if (
    attention &&
    attention.key === key &&
    attention.choice.layer === choice.layer &&
    attention.choice.head === choice.head
  )
    return;
  attentionAbort?.abort();
  const ac = new AbortController();
  attentionAbort = ac;
  try {
    const { weights } = await getClient().attention(
      {
        tokens: c.tokens,
        positionIds: c.positionIds,
        blockPositionIds: c.blockPositionIds,
        sep: c.sep,
      },
      choice,
      { signal: ac.signal },
    );
    if (attentionAbort === ac) set({ attention: { key, choice, weights }, attentionError: null });
  } catch (e) {
    if (attentionAbort === ac && !isAbort(e)) set({ attentionError: modelErrorMsg(e) });
  }
}

/**
 * The weights to draw on the mask for `c`: the chosen layer/head's, or undefined when none is
 * chosen, the model is not ready, or they belong to another sequence.
 */
export function attentionFor(
  s: ModelState,
  c: Pick<Batch, 'tokens' | 'positionIds' | 'blockPositionIds' | 'sep'> | null,
): Float32Array | undefined {
  const a = s.attention;
  const ch = s.attentionChoice;
  if (!a || !ch || !c || a.choice.layer !== ch.layer || a.choice.head !== ch.head) return undefined;
  return a.key === sequenceKey(c) ? a.weights : undefined;
}
