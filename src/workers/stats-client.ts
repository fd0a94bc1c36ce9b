/**
 * A typed client for the statistics worker: `runStats(request, onProgress)` returns the result
 * promise and a `cancel()`. Without Worker support (jsdom, old browsers) it draws on the main
 * thread in slices with setTimeout, so the page still stays responsive.
 */
import { createRun, type StatsRequest, type StatsResult } from './stats-core';
import type { WorkerIn, WorkerOut } from './stats-protocol';

export type { StatsRequest, StatsResult } from './stats-core';

export interface StatsProgress {
  done: number;
  total: number;
}

export interface StatsJob {
  /** The result, or null when cancelled. Rejects with the worker's error message. */
  promise: Promise<StatsResult | null>;
  cancel(): void;
  /** Where the draws run. */
  where: 'worker' | 'main thread';
}

export interface RunOptions {
  /** Draw on the main thread even when workers exist (tests). */
  mainThread?: boolean;
  /** Main thread: milliseconds of drawing per slice before yielding (default 12). */
  sliceMs?: number;
}

let nextId = 1;

export function runStats(request: StatsRequest, onProgress: (p: StatsProgress) => void, options: RunOptions = {}): StatsJob {
  if (!options.mainThread && typeof Worker !== 'undefined') {
    try {
      return inWorker(request, onProgress);
    } catch {
      // A blocked or unsupported module worker: fall back to the main thread.
    }
  }
  return onMainThread(request, onProgress, options.sliceMs ?? 12);
}

function inWorker(request: StatsRequest, onProgress: (p: StatsProgress) => void): StatsJob {
  const worker = new Worker(new URL('./stats.worker.ts', import.meta.url), { type: 'module', name: 'glm-stats' });
  const id = nextId++;
  let settle: (r: StatsResult | null) => void = () => {};
  const promise = new Promise<StatsResult | null>((resolve, reject) => {
    settle = (r) => {
      worker.terminate();
      resolve(r);
    };
    worker.onmessage = (e: MessageEvent<WorkerOut>) => {
      const msg = e.data;
      if (msg.id !== id) return;
      if (msg.type === 'progress') onProgress({ done: msg.done, total: msg.total });
      else if (msg.type === 'done') settle(msg.result);
      else {
        worker.terminate();
        // Keep the engine's code and values so the panel can say it in the reader's language.
        reject(Object.assign(new Error(msg.message), msg.code ? { code: msg.code, params: msg.params } : {}));
      }
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(Object.assign(new Error(e.message || 'the statistics worker failed to start'), { code: 'statsWorkerFailed', params: { detail: e.message || '' } }));
    };
  });
  const msg: WorkerIn = { type: 'run', id, request };
  worker.postMessage(msg);
  return { promise, cancel: () => settle(null), where: 'worker' };
}

function onMainThread(request: StatsRequest, onProgress: (p: StatsProgress) => void, sliceMs: number): StatsJob {
  let cancelled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let settle: (r: StatsResult | null) => void = () => {};
  const promise = new Promise<StatsResult | null>((resolve, reject) => {
    settle = resolve;
    let run: ReturnType<typeof createRun>;
    try {
      run = createRun(request);
    } catch (err) {
      reject(err as Error);
      return;
    }
    const slice = () => {
      if (cancelled) return;
      try {
        const t0 = performance.now();
        while (run.done < run.total && performance.now() - t0 < sliceMs) run.step(32);
        onProgress({ done: run.done, total: run.total });
        if (run.done < run.total) timer = setTimeout(slice, 0);
        else resolve(run.result());
      } catch (err) {
        reject(err as Error);
      }
    };
    timer = setTimeout(slice, 0);
  });
  return {
    promise,
    cancel: () => {
      cancelled = true;
      clearTimeout(timer);
      settle(null);
    },
    where: 'main thread',
  };
}
