/**
 * Using the model: fill blanks autoregressively in Part B order (with or without a KV cache),
 * score a construction's targets, read attention weights.
 *
 * Every function takes a `GlmModel` (config + parameters + tokenizer) and plain arrays, and
 * disposes every tensor it makes (checked by a test on `tf.memory().numTensors`).
 */
import * as tf from '@tensorflow/tfjs-core';
import { construct, type Construction, type Objective, type Span, type Layout } from '../glm';
import { forward, type GlmConfig, type GlmParams } from './glm';
import { KvCache } from './kv-cache';
import { detokenize, type GlmTokenizer } from './tokenizer';
import { createRng } from '../glm';

export interface GlmModel {
  config: GlmConfig;
  params: GlmParams;
  tokenizer: GlmTokenizer;
}

/** A construction as model inputs (B = 1). */
export interface Encoded {
  ids: number[];
  positionIds: number[];
  blockPositionIds: number[];
  sep: number;
}

/** Ids of a construction (engine output) for this model. */
export function encodeConstruction(m: GlmModel, c: Pick<Construction, 'tokens' | 'positionIds' | 'blockPositionIds' | 'sep'>): Encoded {
  return {
    ids: c.tokens.map((t) => m.tokenizer.idOf(t)),
    positionIds: [...c.positionIds],
    blockPositionIds: [...c.blockPositionIds],
    sep: c.sep,
  };
}

/** Log-probabilities [rows][V] at sequence indices `at` (one forward pass). */
export function logProbsAt(m: GlmModel, e: Encoded, at: number[]): Float32Array[] {
  const out = tf.tidy(() => {
    const r = forward(m.params, m.config, { ids: [e.ids], positionIds: [e.positionIds], blockPositionIds: [e.blockPositionIds], sep: [e.sep] }, { positions: at });
    return tf.logSoftmax(r.logits!);
  });
  const data = out.dataSync() as Float32Array;
  out.dispose();
  const V = m.config.vocabSize;
  return at.map((_, i) => data.slice(i * V, (i + 1) * V));
}

export interface TargetScore {
  /** Sequence index of the input whose output predicts this target. */
  index: number;
  token: string;
  logprob: number;
  /** The 5 most probable tokens and their probabilities. */
  top: [string, number][];
}

function topK(lp: Float32Array, k: number, tok: GlmTokenizer): [string, number][] {
  const idx = Array.from(lp.keys()).sort((a, b) => lp[b] - lp[a]).slice(0, k);
  return idx.map((i) => [tok.tokenOf(i), Math.exp(lp[i])]);
}

/** For each Part B target (loss mask 1): its log-probability and the top 5 alternatives. */
export function scoreConstruction(m: GlmModel, c: Construction): TargetScore[] {
  const e = encodeConstruction(m, c);
  const at = c.lossMask.map((v, i) => (v ? i : -1)).filter((i) => i >= 0);
  const lps = logProbsAt(m, e, at);
  return at.map((index, j) => {
    const token = c.targets[index];
    return { index, token, logprob: lps[j][m.tokenizer.idOf(token)], top: topK(lps[j], 5, m.tokenizer) };
  });
}

/** Attention weights [T][T] of one layer and head (or their mean with head 'mean'). */
export function attentionWeights(m: GlmModel, e: Encoded, layer: number, head: number | 'mean'): number[][] {
  const T = e.ids.length;
  const w = tf.tidy(() => {
    const r = forward(m.params, m.config, { ids: [e.ids], positionIds: [e.positionIds], blockPositionIds: [e.blockPositionIds], sep: [e.sep] }, { attention: true, hiddenOnly: true });
    const heads = r.attention![layer];
    return head === 'mean' ? tf.div(tf.addN(heads), heads.length) : heads[head];
  });
  const data = w.dataSync();
  w.dispose();
  return Array.from({ length: T }, (_, q) => Array.from(data.slice(q * T, (q + 1) * T)));
}

export interface FillOptions {
  /** 0 (default): greedy. */
  temperature?: number;
  /** Sample among the k most probable tokens (0: all). */
  topK?: number;
  seed?: number;
  /** Longest generated span in tokens (default 20). */
  maxSpanLength?: number;
  /** Use the KV cache (default true). */
  cache?: boolean;
}

export interface FillResult {
  /** Generated tokens per blank, in Part B order. */
  fills: string[][];
  /** Part B order: order[k] is the index (in Part A order) of the blank filled k-th. */
  order: number[];
  /** The whole sequence fed to the model at the end (Part A then Part B inputs). */
  sequence: Encoded;
  /** Per generated token: its probability. */
  probs: number[][];
}

/** Tokens the model may emit: not the specials except the two enders. */
function bannedIds(tok: GlmTokenizer): number[] {
  return ['[PAD]', '[UNK]', '[CLS]', '[MASK]', '[sMASK]', '[gMASK]', '[S]'].map((t) => tok.idOf(t));
}

function pick(lp: Float32Array, banned: number[], o: FillOptions, rng: ReturnType<typeof createRng>): number {
  const l = Float64Array.from(lp);
  for (const b of banned) l[b] = -Infinity;
  const t = o.temperature ?? 0;
  if (t <= 0) {
    let best = 0;
    for (let i = 1; i < l.length; i++) if (l[i] > l[best]) best = i;
    return best;
  }
  let idx = Array.from(l.keys()).filter((i) => l[i] > -Infinity);
  if (o.topK && o.topK > 0) idx = idx.sort((a, b) => l[b] - l[a]).slice(0, o.topK);
  const mx = Math.max(...idx.map((i) => l[i]));
  const w = idx.map((i) => Math.exp((l[i] - mx) / t));
  const sum = w.reduce((a, b) => a + b, 0);
  let u = rng.next() * sum;
  for (let j = 0; j < idx.length; j++) if ((u -= w[j]) <= 0) return idx[j];
  return idx[idx.length - 1];
}

/**
 * Fills the blanks of a Part A autoregressively in Part B order, as GLM does: span z_k is
 * generated after `[S]` (position = its mask's index, block positions 1, 2, ...) until `[E]`
 * (or `[EOS]`), seeing Part A and every token generated before it.
 *
 * @param partA Part A ids (the corrupted text, with one mask token per blank).
 * @param masks Sequence indices of the blanks' mask tokens in Part A, in text order.
 * @param order Part B order over `masks` (default text order).
 */
export function fillPartA(m: GlmModel, partA: number[], masks: number[], order: number[] = masks.map((_, i) => i), o: FillOptions = {}): FillResult {
  const tok = m.tokenizer;
  const S = tok.idOf('[S]');
  const enders = new Set([tok.idOf('[E]'), tok.idOf('[EOS]')]);
  const banned = bannedIds(tok);
  const maxLen = o.maxSpanLength ?? 20;
  const rng = createRng(o.seed ?? 0);
  const useCache = o.cache ?? true;
  const seq: Encoded = { ids: [...partA], positionIds: partA.map((_, i) => i), blockPositionIds: partA.map(() => 0), sep: partA.length };
  const fills: string[][] = [];
  const probs: number[][] = [];
  const cache = useCache ? new KvCache(m, seq) : null;
  try {
    for (const mi of order) {
      const pos = masks[mi];
      const fill: string[] = [];
      const pr: number[] = [];
      let input = S;
      for (let j = 0; ; j++) {
        seq.ids.push(input);
        seq.positionIds.push(pos);
        seq.blockPositionIds.push(j + 1);
        const lp = cache ? cache.step(input, pos, j + 1) : logProbsAt(m, seq, [seq.ids.length - 1])[0];
        const next = j >= maxLen ? tok.idOf('[E]') : pick(lp, banned, o, rng);
        if (enders.has(next)) break;
        fill.push(tok.tokenOf(next));
        pr.push(Math.exp(lp[next]));
        input = next;
      }
      fills.push(fill);
      probs.push(pr);
    }
  } finally {
    cache?.dispose();
  }
  return { fills, order, sequence: seq, probs };
}

/** Fills `spans` of a framed token list (their content is ignored), via the engine's Part A. */
export function fillSpans(
  m: GlmModel,
  tokens: string[],
  spans: Span[],
  opts: FillOptions & { order?: number[]; objective?: Objective; layout?: Layout } = {},
): FillResult & { construction: Construction } {
  const c = construct(tokens, spans, { objective: opts.objective ?? 'span', order: opts.order, shuffle: false, layout: opts.layout });
  const partA = c.tokens.slice(0, c.sep).map((t) => m.tokenizer.idOf(t));
  const res = fillPartA(m, partA, c.maskIndex, c.order, opts);
  return { ...res, construction: c };
}

/**
 * Fills the `[MASK]`/`[sMASK]`/`[gMASK]` typed in a text, blanks in text order (or `order`), and
 * splices the generated words back into the original text.
 */
export function fillText(m: GlmModel, text: string, opts: FillOptions & { order?: number[] } = {}): FillResult & { text: string; tokens: string[] } {
  const e = m.tokenizer.encode(text);
  const tokens = ['[CLS]', ...e.tokens, '[EOS]'];
  const isMask = (t: string) => t === '[MASK]' || t === '[sMASK]' || t === '[gMASK]';
  const masks = tokens.map((t, i) => (isMask(t) ? i : -1)).filter((i) => i >= 0);
  const partA = tokens.map((t) => m.tokenizer.idOf(t));
  const res = fillPartA(m, partA, masks, opts.order, opts);
  // Splice: blank k-th in Part B order is masks[res.order[k]].
  const byMask = new Map<number, string[]>();
  res.order.forEach((mi, k) => byMask.set(mi, res.fills[k]));
  let out = '';
  let last = 0;
  masks.forEach((seqIdx, mi) => {
    const [a, b] = e.offsets[seqIdx - 1];
    const words = detokenize(byMask.get(mi) ?? []);
    out += text.slice(last, a) + words;
    last = b;
  });
  out += text.slice(last);
  return { ...res, text: out, tokens };
}
