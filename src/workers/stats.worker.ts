/// <reference lib="webworker" />
/**
 * Monte Carlo draws of the span sampler off the main thread. Draws in slices of about 100 ms,
 * posting progress after each (ten updates a second keep the bar moving without keeping the page
 * busy re-rendering), and yields between slices so a `cancel` message gets through.
 *
 * in:  { type: 'run', id, request } | { type: 'cancel', id }
 * out: { type: 'progress', id, done, total } | { type: 'done', id, result } | { type: 'error', id, message }
 */
import { createRun } from './stats-core';
import { transferablesOf, type WorkerIn, type WorkerOut } from './stats-protocol';

const SLICE_MS = 100;
/** Draws between clock reads (a draw at L = 512 takes roughly 0.1 ms). */
const BATCH = 64;

let current = 0;

const scope = self as unknown as DedicatedWorkerGlobalScope;
/** The error's sentence and, for an engine InputError, its code and values. */
const errorFields = (err: unknown) => {
  const e = err as { message?: unknown; code?: unknown; params?: unknown };
  const message = err instanceof Error ? err.message : String(err);
  return typeof e?.code === 'string' && e.params && typeof e.params === 'object'
    ? { message, code: e.code, params: e.params as Record<string, unknown> }
    : { message };
};
const post = (msg: WorkerOut, transfer: Transferable[] = []) => scope.postMessage(msg, transfer);

scope.onmessage = (e: MessageEvent<WorkerIn>) => {
  const msg = e.data;
  if (msg.type === 'cancel') {
    if (msg.id === current) current = 0;
    return;
  }
  const { id, request } = msg;
  current = id;
  let run: ReturnType<typeof createRun>;
  try {
    run = createRun(request);
  } catch (err) {
    post({ type: 'error', id, ...errorFields(err) });
    return;
  }
  const slice = () => {
    if (current !== id) return;
    try {
      const t0 = performance.now();
      while (run.done < run.total && performance.now() - t0 < SLICE_MS) run.step(BATCH);
      post({ type: 'progress', id, done: run.done, total: run.total });
      if (run.done < run.total) {
        setTimeout(slice, 0);
        return;
      }
      const result = run.result();
      post({ type: 'done', id, result }, transferablesOf(result));
    } catch (err) {
      post({ type: 'error', id, ...errorFields(err) });
    }
  };
  slice();
};
