/**
 * Messages between the page (`client.ts`) and the model worker (`glm.worker.ts`). Every request
 * carries an `id`; the worker answers it with one `{ id, ok, result | error }` and, while loading,
 * `{ id, type: 'progress', fraction }` messages.
 */
import type { Objective, Span } from '../glm';
import type { BackendName } from './backend-browser';
import type { TargetScore } from './decode';

/** Framed tokens, spans over them, and optionally a Part B order and an objective. */
export interface SpansInput {
  tokens: string[];
  spans: Span[];
  order?: number[];
  objective?: Objective;
}

export type Request =
  | { id: number; type: 'load'; modelUrl: string; backends?: BackendName[] }
  | { id: number; type: 'fill'; input: SpansInput; temperature?: number; topK?: number; seed?: number; maxSpanLength?: number }
  | { id: number; type: 'score'; input: SpansInput }
  | { id: number; type: 'attention'; input: SpansInput; layer: number; head: number | 'mean' };

export type Response =
  | { id: number; type: 'progress'; fraction: number }
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; error: string };

export interface LoadResult {
  backend: BackendName;
  config: { dModel: number; layers: number; heads: number; vocabSize: number; maxPositions: number };
  ms: number;
}

export interface FillResultMsg {
  fills: string[][];
  order: number[];
  probs: number[][];
  ms: number;
}

export interface ScoreResultMsg {
  targets: TargetScore[];
  meanNll: number;
}

export interface AttentionResultMsg {
  tokens: string[];
  sep: number;
  weights: number[][];
}
