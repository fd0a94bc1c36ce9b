/**
 * The page's handle on the model worker: promises in, plain data out. Creating the client does
 * not load anything; `load()` starts the worker's lazy import of tfjs and the weights.
 */
import type { BackendName } from './backend-browser';
import type { AttentionResultMsg, FillResultMsg, LoadResult, Request, Response, ScoreResultMsg, SpansInput } from './protocol';

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void; onProgress?: (f: number) => void };
type Body<T extends Request['type']> = Omit<Extract<Request, { type: T }>, 'id' | 'type'>;

export interface ModelClient {
  load(opts?: { modelUrl?: string; backends?: BackendName[]; onProgress?: (fraction: number) => void }): Promise<LoadResult>;
  fill(input: SpansInput, opts?: Omit<Body<'fill'>, 'input'>): Promise<FillResultMsg>;
  score(input: SpansInput): Promise<ScoreResultMsg>;
  attention(input: SpansInput, layer: number, head: number | 'mean'): Promise<AttentionResultMsg>;
  dispose(): void;
}

/** Default model location: `public/models/manifest.json`, served from the app's own base URL. */
export const DEFAULT_MODEL_URL = `${import.meta.env.BASE_URL ?? '/'}models/manifest.json`;

export function createModelClient(makeWorker: () => Worker = () => new Worker(new URL('./glm.worker.ts', import.meta.url), { type: 'module' })): ModelClient {
  let worker: Worker | null = null;
  let next = 1;
  const pending = new Map<number, Pending>();
  const ensure = () => {
    if (worker) return worker;
    worker = makeWorker();
    worker.onmessage = (e: MessageEvent<Response>) => {
      const m = e.data;
      const p = pending.get(m.id);
      if (!p) return;
      if ('type' in m) {
        if (m.type === 'progress') p.onProgress?.(m.fraction);
        return;
      }
      pending.delete(m.id);
      if (m.ok) p.resolve(m.result);
      else p.reject(new Error(m.error));
    };
    worker.onerror = (e) => {
      for (const p of pending.values()) p.reject(new Error(e.message || 'model worker failed'));
      pending.clear();
    };
    return worker;
  };
  const call = <T>(msg: Record<string, unknown> & { type: Request['type'] }, onProgress?: (f: number) => void): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject, onProgress });
      ensure().postMessage({ ...msg, id });
    });
  return {
    load: (o = {}) => call<LoadResult>({ type: 'load', modelUrl: o.modelUrl ?? DEFAULT_MODEL_URL, backends: o.backends }, o.onProgress),
    fill: (input, o = {}) => call<FillResultMsg>({ type: 'fill', input, ...o }),
    score: (input) => call<ScoreResultMsg>({ type: 'score', input }),
    attention: (input, layer, head) => call<AttentionResultMsg>({ type: 'attention', input, layer, head }),
    dispose: () => {
      worker?.terminate();
      worker = null;
      for (const p of pending.values()) p.reject(new Error('model client disposed'));
      pending.clear();
    },
  };
}
