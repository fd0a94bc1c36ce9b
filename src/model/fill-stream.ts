/**
 * Blank filling one token at a time, for streaming: the same decoding as `fillPartA` in
 * `decode.ts` (KV cache, Part B order, each span seeing the spans generated before it, the same
 * sampler and seed stream), but as a generator that yields after every token, so a worker can
 * post each token as it comes and stop between two tokens when cancelled. One difference: a
 * span gets at least `minSpanLength` tokens (default 1), as every GLM training span has, so every
 * blank is filled; with `minSpanLength: 0` the tokens are exactly fillPartA's. With `beam`, each
 * span is found whole by beam search (beam.ts) when its turn comes, then yielded token by token.
 *
 * Call `dispose()` (or run the generator to the end) to free the cache's tensors.
 */
import { createRng, type Rng } from '../glm';
import { beamSpan, type BeamSpan } from './beam';
import type { GlmModel } from './decode';
import { KvCache } from './kv-cache';
import type { SamplingOptions, TokenEvent } from './worker-protocol';

/** Tokens the model may not emit (every special except the two enders `[E]` and `[EOS]`). */
const BANNED = ['[PAD]', '[UNK]', '[CLS]', '[MASK]', '[sMASK]', '[gMASK]', '[S]'];

/** Greedy (temperature 0) or temperature/top-k sampling; the same draws as decode.ts's `pick`. */
export function pickToken(
  lp: Float32Array,
  banned: readonly number[],
  o: SamplingOptions,
  rng: Rng,
): number {
  const l = Float64Array.from(lp);
  for (const b of banned) l[b] = -Infinity;
  const t = o.temperature ?? 0;
  if (t <= 0) {
    let best = 0;
    for (let i = 1; i < l.length; i++) if (l[i]! > l[best]!) best = i;
    return best;
  }
  let idx = Array.from(l.keys()).filter((i) => l[i]! > -Infinity);
  if (o.topK && o.topK > 0) idx = idx.sort((a, b) => l[b]! - l[a]!).slice(0, o.topK);
  let mx = -Infinity;
  for (const i of idx) if (l[i]! > mx) mx = l[i]!;
  const w = idx.map((i) => Math.exp((l[i]! - mx) / t));
  const sum = w.reduce((a, b) => a + b, 0);
  let u = rng.next() * sum;
  for (let j = 0; j < idx.length; j++) if ((u -= w[j]!) <= 0) return idx[j]!;
  return idx[idx.length - 1]!;
}

/** A running fill: step it token by token; `fills`/`probs` grow in text order of the blanks. */
export interface FillStream extends Iterator<TokenEvent, undefined> {
  /** Generated tokens per blank (text order), so far. */
  readonly fills: string[][];
  /** Probability of each generated token, per blank (text order), so far. */
  readonly probs: number[][];
  /** Frees the KV cache (idempotent; the stream ends). */
  dispose(): void;
}

/**
 * Starts filling: `partA` are Part A ids (one mask per blank), `masks` the blanks' sequence
 * indices in text order, `order[p]` the blank generated p-th. Each `next()` runs one decoding
 * step and returns the token (or the end of a span, `token: null`).
 */
export function startFill(
  m: GlmModel,
  partA: readonly number[],
  masks: readonly number[],
  order: readonly number[],
  o: SamplingOptions = {},
): FillStream {
  const tok = m.tokenizer;
  const S = tok.idOf('[S]');
  const E = tok.idOf('[E]');
  const enders = new Set([E, tok.idOf('[EOS]')]);
  const banned = BANNED.map((t) => tok.idOf(t));
  // A GLM span has at least one token: by default the enders may not come first.
  const bannedFirst = [...banned, ...enders];
  const minLen = o.minSpanLength ?? 1;
  const maxLen = o.maxSpanLength ?? 20;
  const rng = createRng(o.seed ?? 0);
  const fills: string[][] = masks.map(() => []);
  const probs: number[][] = masks.map(() => []);
  let cache: KvCache | null = order.length
    ? new KvCache(m, {
        ids: [...partA],
        positionIds: partA.map((_, i) => i),
        blockPositionIds: partA.map(() => 0),
        sep: partA.length,
      })
    : null;
  let place = 0;
  let j = 0;
  let input = S;
  /** With beam: the span of the blank at `place`, found whole, and how much of it was yielded. */
  let found: BeamSpan | null = null;
  const dispose = () => {
    cache?.dispose();
    cache = null;
  };
  return {
    fills,
    probs,
    dispose,
    next(): IteratorResult<TokenEvent, undefined> {
      if (!cache || place >= order.length) {
        dispose();
        return { done: true, value: undefined };
      }
      const blank = order[place]!;
      if (o.beam !== undefined) {
        if (!found) {
          const c = cache;
          cache = null; // beamSpan owns it now, and frees it unless it is the winner's
          found = beamSpan(c, masks[blank]!, {
            width: o.beam,
            minLength: minLen,
            maxLength: maxLen,
            banned,
            enders: [...enders],
            start: S,
          });
          cache = found.cache;
        }
        if (j < found.ids.length) {
          const token = tok.tokenOf(found.ids[j]!);
          const prob = found.probs[j]!;
          fills[blank]!.push(token);
          probs[blank]!.push(prob);
          j++;
          return { done: false, value: { place, blank, token, prob } };
        }
        const event: TokenEvent = { place, blank, token: null, prob: found.endProb };
        found = null;
        place++;
        j = 0;
        if (place >= order.length) dispose();
        return { done: false, value: event };
      }
      const lp = cache.step(input, masks[blank]!, j + 1);
      const next = j >= maxLen ? E : pickToken(lp, j < minLen ? bannedFirst : banned, o, rng);
      const event: TokenEvent = { place, blank, token: null, prob: Math.exp(lp[next]!) };
      if (enders.has(next)) {
        place++;
        j = 0;
        input = S;
        if (place >= order.length) dispose();
      } else {
        event.token = tok.tokenOf(next);
        fills[blank]!.push(event.token);
        probs[blank]!.push(event.prob);
        input = next;
        j++;
      }
      return { done: false, value: event };
    },
  };
}
