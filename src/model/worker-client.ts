/**
 * The page's typed handle on the model worker (no React): each call posts one request with a
 * fresh id and returns a promise of its final reply; `fill` also streams tokens to a callback.
 * An AbortSignal cancels a request (the worker stops a fill between two tokens) and rejects its
 * promise with an `AbortError`. Creating a client starts nothing: the worker is made on the
 * first request.
 */
import type {
  AttentionChoice,
  BackendName,
  FillInput,
  FillResult,
  FinalReply,
  LoadPhase,
  ModelInfo,
  Reply,
  Request,
  SamplingOptions,
  ScoreInput,
  SequenceInput,
  TargetScore,
  TokenEvent,
} from './worker-protocol';
import { isFinal } from './worker-protocol';
import { fromInfo, ModelError } from './errors';

/** What the client needs of a Worker (a fake in tests). */
export interface WorkerLike {
  postMessage(message: Request): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<Reply>) => void): void;
  addEventListener(type: 'error', listener: (e: ErrorEvent) => void): void;
  terminate(): void;
}

/** The app's own model files, wherever the app is served from. */
export function defaultModelUrl(): string {
  const base = typeof document !== 'undefined' ? document.baseURI : 'http://localhost/';
  return new URL(`${import.meta.env.BASE_URL}models/manifest.json`, base).href;
}

/** The worker of `worker.ts` (Vite bundles it as its own chunk, with TensorFlow.js inside). */
export function createModelWorker(): WorkerLike {
  return new Worker(new URL('./worker.ts', import.meta.url), {
    type: 'module',
  }) as unknown as WorkerLike;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface LoadOptions extends CallOptions {
  /** `manifest.json` of the model (default: the app's `models/manifest.json`). */
  modelUrl?: string;
  /** Backends to try in order (default wasm, webgl, cpu). */
  backends?: BackendName[];
  onProgress?: (phase: LoadPhase, fraction: number | null) => void;
}

export interface FillCallOptions extends CallOptions, SamplingOptions {
  /** Each generated token (and each span's end, `token: null`), as it comes. */
  onToken?: (e: TokenEvent) => void;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A request without its id (the client assigns ids). */
type RequestBody = DistributiveOmit<Request, 'id'>;

interface Pending {
  resolve: (r: FinalReply) => void;
  reject: (e: Error) => void;
  onReply?: (r: Reply) => void;
}

function abortError(): Error {
  const e = new Error('cancelled');
  e.name = 'AbortError';
  return e;
}

export class ModelClient {
  private worker: WorkerLike | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly makeWorker: () => WorkerLike;

  constructor(makeWorker: () => WorkerLike = createModelWorker) {
    this.makeWorker = makeWorker;
  }

  private ensure(): WorkerLike {
    if (this.worker) return this.worker;
    const w = this.makeWorker();
    w.addEventListener('message', (e: MessageEvent<Reply>) => this.receive(e.data));
    w.addEventListener('error', (e: ErrorEvent) => {
      // The browser's own words, if it gave any, go with the code as a detail.
      const err = new ModelError('workerFailed', e.message || 'the model worker failed to start', {
        detail: e.message || '',
      });
      this.failAll(err);
    });
    this.worker = w;
    return w;
  }

  private receive(r: Reply): void {
    const p = this.pending.get(r.id);
    if (!p) return;
    if (!isFinal(r)) {
      p.onReply?.(r);
      return;
    }
    this.pending.delete(r.id);
    if (r.type === 'error') p.reject(fromInfo(r));
    else if (r.type === 'cancelled') p.reject(abortError());
    else p.resolve(r);
  }

  private failAll(e: Error): void {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  /** Posts a request; resolves with its final reply of type `T`. */
  private call<T extends FinalReply['type']>(
    body: RequestBody,
    expect: T,
    opts: CallOptions & { onReply?: (r: Reply) => void } = {},
  ): Promise<Extract<FinalReply, { type: T }>> {
    return new Promise((resolve, reject) => {
      if (opts.signal?.aborted) return reject(abortError());
      const id = this.nextId++;
      const onAbort = () => {
        if (!this.pending.has(id)) return;
        this.worker?.postMessage({ type: 'cancel', id: this.nextId++, target: id });
      };
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        resolve: (r) => {
          opts.signal?.removeEventListener('abort', onAbort);
          if (r.type === expect) resolve(r as Extract<FinalReply, { type: T }>);
          else reject(new Error(`model worker: expected ${expect}, got ${r.type}`));
        },
        reject: (e) => {
          opts.signal?.removeEventListener('abort', onAbort);
          reject(e);
        },
        onReply: opts.onReply,
      });
      this.ensure().postMessage({ ...body, id } as Request);
    });
  }

  /** Starts the worker, picks a backend and loads the weights. */
  async load(opts: LoadOptions = {}): Promise<ModelInfo> {
    const r = await this.call(
      { type: 'load', modelUrl: opts.modelUrl ?? defaultModelUrl(), backends: opts.backends },
      'loaded',
      {
        signal: opts.signal,
        onReply: (m) => m.type === 'progress' && opts.onProgress?.(m.phase, m.fraction),
      },
    );
    return r.info;
  }

  /** Fills the blanks in Part B order, streaming tokens to `onToken`. */
  async fill(input: FillInput, opts: FillCallOptions = {}): Promise<FillResult> {
    const { signal, onToken, ...options } = opts;
    const r = await this.call({ type: 'fill', input, options }, 'filled', {
      signal,
      onReply: (m) => {
        if (m.type === 'token') {
          const { type: _t, id: _i, ...event } = m;
          onToken?.(event);
        }
      },
    });
    return r.result;
  }

  /** Scores every Part B target: log p(true token) and the top 5. */
  async score(input: ScoreInput, opts: CallOptions = {}): Promise<TargetScore[]> {
    return (await this.call({ type: 'score', input }, 'scored', opts)).targets;
  }

  /** Attention weights [n*n] (row = query) of a layer and head, or their mean. */
  async attention(
    input: SequenceInput,
    choice: AttentionChoice,
    opts: CallOptions = {},
  ): Promise<{ n: number; weights: Float32Array }> {
    const r = await this.call({ type: 'attention', input, choice }, 'attention', opts);
    return { n: r.n, weights: r.weights };
  }

  /** Stops the worker; pending requests reject. */
  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.failAll(new Error('the model client was disposed'));
  }
}
