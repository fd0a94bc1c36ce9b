/** Messages between the statistics worker and its client. */
import type { StatsRequest, StatsResult } from './stats-core';

export type WorkerIn = { type: 'run'; id: number; request: StatsRequest } | { type: 'cancel'; id: number };

export type WorkerOut =
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'done'; id: number; result: StatsResult }
  /** `code` and `params` when the engine gave them (an InputError), so the page can translate it. */
  | { type: 'error'; id: number; message: string; code?: string; params?: Record<string, unknown> };

/** The result's typed-array buffers, moved (not copied) to the page. */
export function transferablesOf(r: StatsResult): Transferable[] {
  const { offsets, starts, lengths, ok } = r.raw;
  return [offsets.buffer, starts.buffer, lengths.buffer, ok.buffer] as Transferable[];
}
