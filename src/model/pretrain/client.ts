/**
 * The page's typed handle on the pre-training worker (no React, no TensorFlow.js). It numbers the
 * runs: `start` and `step` belong to the current run, `reset` ends it, and replies of an ended
 * run never reach the listener. Creating a client starts nothing: the worker is made on the
 * first request.
 */
import type { Span } from '../../glm';
import type { PretrainReply, PretrainRequest, RunSetup } from './protocol';
import type { ProbeSpec } from './trainer';

/** What the client needs of a Worker (a fake in tests). */
export interface PretrainWorkerLike {
  postMessage(message: PretrainRequest): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<PretrainReply>) => void): void;
  addEventListener(type: 'error', listener: (e: ErrorEvent) => void): void;
  terminate(): void;
}

/** The worker of `pretrain.worker.ts` (Vite bundles it as its own chunk, with TensorFlow.js). */
export function createPretrainWorker(): PretrainWorkerLike {
  return new Worker(new URL('./pretrain.worker.ts', import.meta.url), {
    type: 'module',
    name: 'glm-pretrain',
  }) as unknown as PretrainWorkerLike;
}

/** The app's own tokenizer file, wherever the app is served from. */
export function defaultTokenizerUrl(): string {
  const base = typeof document !== 'undefined' ? document.baseURI : 'http://localhost/';
  return new URL(`${import.meta.env.BASE_URL}models/tokenizer.json`, base).href;
}

/** The shipped model's manifest (the Model panel's model), wherever the app is served from. */
export function defaultShippedModelUrl(): string {
  const base = typeof document !== 'undefined' ? document.baseURI : 'http://localhost/';
  return new URL(`${import.meta.env.BASE_URL}models/manifest.json`, base).href;
}

export class PretrainClient {
  private worker: PretrainWorkerLike | null = null;
  private run = 1;
  private readonly listeners = new Set<(r: PretrainReply) => void>();
  private readonly makeWorker: () => PretrainWorkerLike;

  constructor(makeWorker: () => PretrainWorkerLike = createPretrainWorker) {
    this.makeWorker = makeWorker;
  }

  /** The current run's number. */
  get currentRun(): number {
    return this.run;
  }

  /** Calls `listener` with every reply of the current run; returns the unsubscribe. */
  subscribe(listener: (r: PretrainReply) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(r: PretrainReply): void {
    if (r.run !== this.run) return;
    for (const l of this.listeners) l(r);
  }

  private ensure(): PretrainWorkerLike {
    if (this.worker) return this.worker;
    const w = this.makeWorker();
    w.addEventListener('message', (e: MessageEvent<PretrainReply>) => this.emit(e.data));
    w.addEventListener('error', (e: ErrorEvent) => {
      const detail = e.message || '';
      this.emit({
        type: 'error',
        run: this.run,
        message: detail || 'the training worker failed to start',
        code: 'workerFailed',
        params: { detail },
      });
      // A dead worker cannot be reused: the next request starts a fresh one.
      this.worker?.terminate();
      this.worker = null;
    });
    this.worker = w;
    return w;
  }

  /** Trains the current run (building it from `setup` if it has not started) up to `budget` steps. */
  start(setup: RunSetup, budget: number): void {
    this.ensure().postMessage({ type: 'start', run: this.run, setup, budget });
  }

  /** One step of the current run (building it if needed); the run is paused after it. */
  step(setup: RunSetup, budget: number): void {
    this.ensure().postMessage({ type: 'step', run: this.run, setup, budget });
  }

  /** Asks for the current run's GLM weights as model files (a `weights` reply). */
  weights(): void {
    this.worker?.postMessage({ type: 'weights', run: this.run });
  }

  /** Asks the current run's GLM model to fill `spans` of its text (a `filled` reply). */
  fill(spans: Span[], order?: number[]): void {
    this.worker?.postMessage({ type: 'fill', run: this.run, spans, order });
  }

  /** New blanks (null: the run's first held-out draw) or a new interval for the current run's probe. */
  probe(probe: ProbeSpec | null, every: number): void {
    this.worker?.postMessage({ type: 'probe', run: this.run, probe, every });
  }

  /** Stops the current run after the step under way. */
  pause(): void {
    this.worker?.postMessage({ type: 'pause', run: this.run });
  }

  /** Typing first: the current run takes no new step for `ms` milliseconds (the step under way ends). */
  hold(ms: number): void {
    this.worker?.postMessage({ type: 'hold', run: this.run, ms });
  }

  /** Ends the current run (the worker frees its tensors); the next start begins a new one. */
  reset(): void {
    this.worker?.postMessage({ type: 'reset', run: this.run });
    this.run++;
  }

  /** Stops the worker. */
  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.run++;
    this.listeners.clear();
  }
}
