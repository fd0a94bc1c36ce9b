/**
 * One Monte Carlo run at a time: start (cancelling any run in progress), cancel, and the state the
 * panel shows (progress, the last result, an error). The result is derived data computed off the
 * main thread, so it lives here and not in the store.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMsg, type Msg } from '../../i18n';
import {
  runStats,
  type StatsJob,
  type StatsRequest,
  type StatsResult,
} from '../../workers/stats-client';

export interface RunState {
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  done: number;
  total: number;
  result: StatsResult | null;
  /** What the shown result was drawn for (a key comparable with the current settings). */
  resultKey: string | null;
  /** Why the run failed, to translate. */
  error: Msg | null;
  where: StatsJob['where'] | null;
}

const IDLE: RunState = {
  status: 'idle',
  done: 0,
  total: 0,
  result: null,
  resultKey: null,
  error: null,
  where: null,
};

const workerFailed = (detail: string): Msg =>
  detail ? { key: 'stats.workerFailedWith', vars: { detail } } : { key: 'stats.workerFailed' };

export function useStatsRun(initial: Pick<RunState, 'result' | 'resultKey'> | null = null) {
  const [state, setState] = useState<RunState>(() =>
    initial ? { ...IDLE, ...initial, status: 'done' } : IDLE,
  );
  const job = useRef<StatsJob | null>(null);

  /** Stops the run in progress (its result, if any, is dropped). */
  const stop = useCallback(() => {
    const j = job.current;
    job.current = null;
    j?.cancel();
    return j !== null;
  }, []);

  const cancel = useCallback(() => {
    if (stop()) setState((s) => ({ ...s, status: 'cancelled' }));
  }, [stop]);

  const start = useCallback(
    (request: StatsRequest, key: string) => {
      stop();
      const j = runStats(request, (p) => {
        if (job.current === j) setState((s) => ({ ...s, done: p.done, total: p.total }));
      });
      job.current = j;
      setState((s) => ({
        ...s,
        status: 'running',
        done: 0,
        total: request.draws,
        error: null,
        where: j.where,
      }));
      j.promise.then(
        (result) => {
          if (job.current !== j || result === null) return;
          job.current = null;
          setState((s) => ({ ...s, status: 'done', result, resultKey: key, done: request.draws }));
        },
        (err: unknown) => {
          if (job.current !== j) return;
          job.current = null;
          setState((s) => ({
            ...s,
            status: 'error',
            error:
              (err as { code?: unknown }).code === 'statsWorkerFailed'
                ? workerFailed(String((err as { params: { detail: string } }).params.detail))
                : errorMsg(err),
          }));
        },
      );
    },
    [stop],
  );

  useEffect(() => () => void stop(), [stop]);
  return { state, start, cancel };
}
