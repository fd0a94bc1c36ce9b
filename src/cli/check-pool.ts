/**
 * Worker threads for `check` over JSON Lines: each checks the chunks of lines it is sent with
 * the same `lineReport` as the main thread (check-worker.ts), and sends back each line's report.
 * The worker is the built CLI itself (bin.ts says so with `setCheckWorkerEntry`), or, in a
 * checkout, check-worker.ts run through tsx. node:worker_threads is loaded only when a pool starts.
 */
import type { Worker } from 'node:worker_threads';
import type { VocabOptions } from './vocab';
import type { CheckOptions, LineResult } from './check';

/** What a worker needs to check lines as the main thread would. */
export interface WorkerOptions extends VocabOptions {
  accept: CheckOptions['accept'];
}

/** `workerData` of a check worker. */
export interface CheckWorkerData {
  glmInfillLabCheck: true;
  options: WorkerOptions;
}

export type ToWorker = { seq: number; first: number; lines: string[] };
export type FromWorker = { seq: number; results: (LineResult | null)[] } | { seq: number; error: string };

/** The argument that tells a thread of the built CLI it is a check worker (bin.ts). */
export const CHECK_WORKER_FLAG = '--glm-infill-lab-check-worker';

let entry = new URL('./check-worker.ts', import.meta.url);

/** The module a worker runs: the built CLI sets itself (one file, no second entry). */
export function setCheckWorkerEntry(url: string | URL): void {
  entry = new URL(url);
}

export interface CheckPool {
  /** Worker threads. */
  readonly size: number;
  /** Checks `lines`, numbered from `first`: one result per line (null for a blank one). */
  check(first: number, lines: string[]): Promise<(LineResult | null)[]>;
  /** Stops the workers. */
  close(): Promise<void>;
}

interface Pending {
  resolve: (r: (LineResult | null)[]) => void;
  reject: (e: Error) => void;
}

export async function startPool(size: number, options: WorkerOptions): Promise<CheckPool> {
  // Loaded only when a pool starts (not at the CLI's start-up).
  const { Worker } = process.getBuiltinModule('node:worker_threads');
  const { createRequire } = process.getBuiltinModule('node:module');
  const { pathToFileURL } = process.getBuiltinModule('node:url');
  const workerData: CheckWorkerData = { glmInfillLabCheck: true, options };
  const argv = [CHECK_WORKER_FLAG];
  const spawn = (): Worker => {
    if (entry.pathname.endsWith('.ts')) {
      // A checkout (npm run cli, tests): the worker loads TypeScript through tsx, as the main thread does.
      // tsx's ESM API (its package exports give `require` the .cjs twin, whose register() fails in an eval'd worker).
      const api = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
      const code = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); });`;
      return new Worker(code, { eval: true, workerData, argv });
    }
    return new Worker(entry, { workerData, argv });
  };
  let failure: Error | null = null;
  let seq = 0;
  const workers = Array.from({ length: size }, () => {
    const worker = spawn();
    const pending = new Map<number, Pending>();
    const fail = (e: Error) => {
      failure ??= e;
      for (const p of pending.values()) p.reject(e);
      pending.clear();
    };
    worker.on('message', (m: FromWorker) => {
      const p = pending.get(m.seq);
      if (!p) return;
      pending.delete(m.seq);
      if ('error' in m) fail(new Error(m.error));
      else p.resolve(m.results);
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (pending.size > 0) fail(new Error(`a check worker stopped (exit code ${code}) before it answered`));
    });
    return { worker, pending };
  });
  let closed = false;
  return {
    size,
    check(first, lines) {
      if (failure) return Promise.reject(failure);
      if (closed) return Promise.reject(new Error('the check workers are closed'));
      // The least busy worker (the first of them on a tie).
      const w = workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const message: ToWorker = { seq: seq++, first, lines };
      return new Promise((resolve, reject) => {
        w.pending.set(message.seq, { resolve, reject });
        w.worker.postMessage(message);
      });
    },
    async close() {
      closed = true;
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  };
}
