/**
 * The messages between the app and the model's Web Worker (`worker.ts`, served by `serve.ts`).
 *
 * Every request carries an `id` chosen by the client; every reply names the request it answers.
 * A request ends with exactly one final reply (`loaded`, `filled`, `scored`, `attention`,
 * `cancelled` or `error`); `progress` and `token` replies may come before it. Types only: no
 * TensorFlow.js, no DOM, so both sides (and Node tests) import it freely.
 */

import type { ModelCard } from './card';
import type { ErrorInfo } from './errors';

/** TensorFlow.js backends the worker may use, in the order it tries them by default. */
export type BackendName = 'wasm' | 'webgl' | 'cpu';
export const DEFAULT_BACKENDS: readonly BackendName[] = ['wasm', 'webgl', 'cpu'];

/** A sequence as the model reads it (the reference fields of a construction). */
export interface SequenceInput {
  /** Input tokens, Part A then Part B, shape [T]. */
  tokens: string[];
  /** Position ids, shape [T]. */
  positionIds: number[];
  /** Block position ids, shape [T]. */
  blockPositionIds: number[];
  /** len(Part A): query q sees key k iff k < sep or k <= q. */
  sep: number;
}

/** A sequence with its targets, for scoring. */
export interface ScoreInput extends SequenceInput {
  /** Targets, shape [T]. */
  targets: string[];
  /** 1 where a target is scored (Part B), shape [T]. */
  lossMask: number[];
}

/** What to fill: a Part A with one mask token per blank. */
export interface FillInput {
  /** Part A tokens (the corrupted text, `[CLS]` … `[EOS]` framing included), shape [sep]. */
  partA: string[];
  /** Sequence indices of the blanks' mask tokens in Part A, in text order, shape [k]. */
  masks: number[];
  /** Part B order: order[p] is the blank (index into `masks`) generated p-th, shape [k]. */
  order: number[];
}

export interface SamplingOptions {
  /** 0: greedy (default); above 0, sample with this temperature. */
  temperature?: number;
  /** With sampling: only among the k most probable tokens (0: all). */
  topK?: number;
  /** Seed of the sampler (32-bit). */
  seed?: number;
  /** Longest generated span in tokens (default 20). */
  maxSpanLength?: number;
  /** Shortest generated span: the span may not end before this many tokens (default 1). */
  minSpanLength?: number;
  /**
   * Beam width: when set (≥ 1), each span is the most probable whole span ending on `[E]` found
   * by a beam search of this width (beam.ts); temperature, top-k and seed are then not used.
   */
  beam?: number;
}

/** Which attention weights: a layer (0-based) and a head (0-based) or the mean over heads. */
export interface AttentionChoice {
  layer: number;
  head: number | 'mean';
}

export type Request =
  | { type: 'load'; id: number; modelUrl: string; backends?: BackendName[] }
  | { type: 'fill'; id: number; input: FillInput; options?: SamplingOptions }
  | { type: 'score'; id: number; input: ScoreInput }
  | { type: 'attention'; id: number; input: SequenceInput; choice: AttentionChoice }
  /** Stops request `target` (a fill between two tokens; others before they start). */
  | { type: 'cancel'; id: number; target: number };

/** Loading happens in phases; `fraction` is the phase's progress 0..1 (null when unknown). */
export type LoadPhase = 'library' | 'backend' | 'weights' | 'warmup';

/** What the loaded model is. */
export interface ModelInfo {
  /** The backend in use. */
  backend: BackendName;
  /** Backends tried before it that failed, with why. */
  skipped: { backend: BackendName; reason: string }[];
  layers: number;
  heads: number;
  dModel: number;
  vocabSize: number;
  maxPositions: number;
  /** Number of parameters. */
  parameters: number;
  /** Milliseconds from the load request to ready. */
  loadMs: number;
  /** What the model is and how well it does, from the manifest (src/model/card.ts). */
  card?: ModelCard;
}

/** The score of one Part B target. */
export interface TargetScore {
  /** Sequence index of the input whose output predicts the target. */
  index: number;
  token: string;
  /** Natural log of p(token). */
  logprob: number;
  /** The 5 most probable tokens with their probabilities, most probable first. */
  top: [string, number][];
}

/** One generated token (or the end of a span: `token` null). */
export interface TokenEvent {
  /** Part B place of the span being generated (0 = generated first). */
  place: number;
  /** The blank being filled (index into `masks`, text order). */
  blank: number;
  /** The token, or null when the span ended (`[E]`, `[EOS]` or the length limit). */
  token: string | null;
  /** Its probability under the model (of the ender when `token` is null). */
  prob: number;
}

export interface FillResult {
  /** Generated tokens per blank, in text order (fills[i] fills masks[i]). */
  fills: string[][];
  /** Probability of each generated token, per blank in text order. */
  probs: number[][];
  order: number[];
  /** Milliseconds spent generating. */
  ms: number;
}

export type Reply =
  | { type: 'progress'; id: number; phase: LoadPhase; fraction: number | null }
  | { type: 'loaded'; id: number; info: ModelInfo }
  | ({ type: 'token'; id: number } & TokenEvent)
  | { type: 'filled'; id: number; result: FillResult }
  | { type: 'scored'; id: number; targets: TargetScore[] }
  /** Row-major [n*n] weights (row = query), transferred. */
  | { type: 'attention'; id: number; n: number; weights: Float32Array }
  | { type: 'cancelled'; id: number }
  /** `code` and `params` when the error has them (see errors.ts), so the page can translate it. */
  | ({ type: 'error'; id: number } & ErrorInfo);

/** The replies that end a request. */
export type FinalReply = Exclude<Reply, { type: 'progress' } | { type: 'token' }>;

export function isFinal(r: Reply): r is FinalReply {
  return r.type !== 'progress' && r.type !== 'token';
}
