/**
 * A `check` worker thread (check-pool.ts): checks each chunk of JSON Lines it is sent with
 * `lineReport`, as the main thread would, and sends the results back. In the built CLI this
 * module is part of the one file that is also the worker (bin.ts); in a checkout it is the
 * worker's entry. node:worker_threads is loaded only here, when the thread is a worker.
 */
import { lineReport } from './check';
import { CHECK_WORKER_FLAG, type CheckWorkerData, type FromWorker, type ToWorker } from './check-pool';
import { vocabularyOf } from './vocab';

/** Whether this thread was started as a check worker (the pool passes CHECK_WORKER_FLAG). */
export function isCheckWorker(): boolean {
  return process.argv.includes(CHECK_WORKER_FLAG);
}

/** Answers the main thread's chunks until it stops this thread. */
export function serveCheckWorker(): void {
  const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads');
  const data = workerData as Partial<CheckWorkerData> | null;
  if (!parentPort || data?.glmInfillLabCheck !== true) throw new Error(`${CHECK_WORKER_FLAG} is for the threads check starts`);
  const { options } = data as CheckWorkerData;
  const vocabulary = vocabularyOf(options);
  const port = parentPort;
  port.on('message', ({ seq, first, lines }: ToWorker) => {
    let reply: FromWorker;
    try {
      reply = { seq, results: lines.map((text, i) => lineReport(text, first + i, options, vocabulary)) };
    } catch (e) {
      reply = { seq, error: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(reply);
  });
}

// In a checkout this file is the worker's entry itself.
if (isCheckWorker() && /check-worker\.ts$/.test(new URL(import.meta.url).pathname)) serveCheckWorker();
