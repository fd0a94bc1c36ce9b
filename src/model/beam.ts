/**
 * Beam search over one blank: the most probable whole span, ended by `[E]` (or `[EOS]`).
 *
 * A greedy fill takes the likeliest first piece, and a blank whose answer is one word must then
 * also be followed by `[E]`; a function word that starts many spans ("the", "，") wins the first
 * step. Beam search scores whole spans instead: log p(z_1 … z_n, [E] | context), keeping the
 * `width` best unfinished spans at each step (docs/model.md, "Decoding"). Spans are ranked by their
 * total log-probability (no length normalisation), which favours short spans; since extending a
 * span can only lower it, the search stops as soon as no unfinished span beats the best finished
 * one, and with a width at least the number of possible spans it is exact (test/model/beam.test.ts).
 *
 * The cache holds Part A and every span generated before this one; each hypothesis carries its
 * own fork of it (forks share the tensors' data until a step appends to them).
 */
import type { KvCache } from './kv-cache';

export interface BeamOptions {
  /** Unfinished spans kept per step (≥ 1). */
  width: number;
  /** The span may not end before this many tokens. */
  minLength: number;
  /** The span ends after this many tokens. */
  maxLength: number;
  /** Ids never emitted (specials). */
  banned: readonly number[];
  /** Ids that end a span (`[E]`, `[EOS]`). */
  enders: readonly number[];
  /** `[S]`, the input that starts a span. */
  start: number;
}

export interface BeamSpan {
  /** The span's tokens (without the ender). */
  ids: number[];
  /** p of each token at its step. */
  probs: number[];
  /** p of the ender after the last token. */
  endProb: number;
  /** Total log-probability of the tokens and the ender. */
  logp: number;
  /** The cache after `[S]` and the span's tokens were fed: the context for the next blank. */
  cache: KvCache;
}

interface Hyp {
  ids: number[];
  probs: number[];
  logp: number;
  cache: KvCache;
  /** The token fed at the next step. */
  input: number;
}

/** Indices of the `k` largest entries of `lp` outside `skip` (unordered). */
function topIds(lp: Float32Array, k: number, skip: Set<number>): number[] {
  const best: number[] = [];
  for (let i = 0; i < lp.length; i++) {
    if (skip.has(i)) continue;
    if (best.length < k) {
      best.push(i);
      if (best.length === k) best.sort((a, b) => lp[b]! - lp[a]!);
    } else if (lp[i]! > lp[best[k - 1]!]!) {
      let j = k - 1;
      while (j > 0 && lp[i]! > lp[best[j - 1]!]!) {
        best[j] = best[j - 1]!;
        j--;
      }
      best[j] = i;
    }
  }
  return best;
}

/**
 * Fills one blank (its mask at sequence index `pos`) by beam search. Takes ownership of `cache`:
 * every cache but the returned one is disposed, `cache` included when it is not the winner's.
 */
export function beamSpan(cache: KvCache, pos: number, o: BeamOptions): BeamSpan {
  const width = Math.max(1, Math.floor(o.width));
  const skip = new Set([...o.banned, ...o.enders]);
  let live: Hyp[] = [{ ids: [], probs: [], logp: 0, cache, input: o.start }];
  let best: BeamSpan | null = null;
  try {
    for (let j = 0; live.length > 0; j++) {
      const cands: { parent: Hyp; id: number; logp: number; p: number }[] = [];
      for (const h of live) {
        const lp = h.cache.step(h.input, pos, j + 1);
        if (j >= o.minLength || j >= o.maxLength) {
          let e = o.enders[0]!;
          for (const x of o.enders) if (lp[x]! > lp[e]!) e = x;
          const total = h.logp + lp[e]!;
          if (!best || total > best.logp) {
            best?.cache.dispose();
            best = {
              ids: h.ids,
              probs: h.probs,
              endProb: Math.exp(lp[e]!),
              logp: total,
              cache: h.cache.fork(),
            };
          }
        }
        if (j >= o.maxLength) continue;
        for (const id of topIds(lp, width, skip))
          cands.push({ parent: h, id, logp: h.logp + lp[id]!, p: Math.exp(lp[id]!) });
      }
      const bar = best?.logp ?? -Infinity;
      const kept = cands
        .sort((a, b) => b.logp - a.logp)
        .slice(0, width)
        .filter((c) => c.logp > bar);
      // A parent's first child takes its cache, the others a fork; childless parents are freed.
      const taken = new Set<Hyp>();
      const next: Hyp[] = kept.map((c) => {
        const own = !taken.has(c.parent);
        taken.add(c.parent);
        return {
          ids: [...c.parent.ids, c.id],
          probs: [...c.parent.probs, c.p],
          logp: c.logp,
          cache: own ? c.parent.cache : c.parent.cache.fork(),
          input: c.id,
        };
      });
      for (const h of live) if (!taken.has(h)) h.cache.dispose();
      live = next;
    }
  } catch (e) {
    for (const h of live) h.cache.dispose();
    best?.cache.dispose();
    throw e;
  }
  // The loop ends only after every live span finished (at maxLength at the latest): best is set.
  return best!;
}
