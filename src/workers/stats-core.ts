/**
 * The Monte Carlo run behind the statistics panel, as plain data that steps in chunks: the worker
 * (stats.worker.ts) and the main-thread fallback (stats-client.ts) both drive it. It fills the
 * engine's Accumulator exactly as `drawInto` does, and also keeps every draw's spans so the raw
 * draws can be exported.
 */
import {
  CLS,
  EOS,
  createAccumulator,
  createRng,
  maskableRange,
  sampleSpans,
  summarize,
  type Accumulator,
  type Coded,
  type Rng,
  type SampleOptions,
  type Summary,
} from '../glm';

/** What to draw. */
export interface StatsRequest {
  /** The text the sampler sees (its length is L; [CLS]/[EOS] at the ends frame it). */
  tokens: string[];
  options: SampleOptions;
  /** Number of draws (1,000 to 100,000 in the panel). */
  draws: number;
  seed: number;
}

/** Every draw, flat: draw d's spans are starts/lengths[offsets[d] .. offsets[d + 1]). */
export interface RawDraws {
  /** Shape [draws + 1]. */
  offsets: Uint32Array;
  /** Shape [total spans]: text index of each span's first token. */
  starts: Uint32Array;
  /** Shape [total spans]. */
  lengths: Uint32Array;
  /** Shape [draws]: 1 when the sampler returned spans, 0 when it refused the draw. */
  ok: Uint8Array;
}

export interface StatsResult {
  /** L, the sampler's text length. */
  length: number;
  /** Whether the text starts with [CLS] and ends with [EOS] (never masked). */
  framed: boolean;
  /** The stretch the sampler may mask, [lo, hi) in text indices. */
  maskable: { lo: number; hi: number };
  options: SampleOptions;
  seed: number;
  summary: Summary;
  raw: RawDraws;
  /** Why the sampler refused its last refused draw (null when it refused none). */
  lastFailure: string | null;
  /** The same as a code and values, to translate when shown (absent in results made before codes). */
  lastFailureCode?: Coded | null;
  /** Wall time of the drawing alone, in milliseconds. */
  elapsedMs: number;
}

/** A run in progress: `step(n)` draws up to n more; `result()` once `done === total`. */
export interface StatsRun {
  readonly total: number;
  readonly done: number;
  step(count: number): void;
  result(): StatsResult;
}

const isFramed = (tokens: readonly string[]) => tokens.length >= 2 && tokens[0] === CLS && tokens[tokens.length - 1] === EOS;

export function createRun(req: StatsRequest): StatsRun {
  const framed = isFramed(req.tokens);
  const maskable = maskableRange(req.tokens);
  const acc: Accumulator = createAccumulator(req.tokens.length, framed);
  const rng: Rng = createRng(req.seed);
  const offsets = new Uint32Array(req.draws + 1);
  const ok = new Uint8Array(req.draws);
  let starts: number[] = [];
  let lengths: number[] = [];
  let done = 0;
  let elapsed = 0;
  let cached: StatsResult | null = null;
  return {
    total: req.draws,
    get done() {
      return done;
    },
    step(count) {
      const t0 = performance.now();
      const stop = Math.min(req.draws, done + count);
      for (; done < stop; done++) {
        const r = sampleSpans(req.tokens, req.options, rng);
        acc.draws++;
        if (!r.ok) {
          acc.failures++;
          acc.lastFailure = r.reason;
          acc.lastFailureCode = { code: r.code, params: r.params };
          offsets[done + 1] = starts.length;
          continue;
        }
        ok[done] = 1;
        let masked = 0;
        for (const s of r.spans) {
          const len = s.end - s.start;
          masked += len;
          acc.spanLengths[len] = (acc.spanLengths[len] ?? 0) + 1;
          for (let i = s.start; i < s.end; i++) acc.maskCount[i]!++;
          starts.push(s.start);
          lengths.push(len);
        }
        acc.maskedFractions.push(masked / acc.length);
        acc.spansPerDraw.push(r.spans.length);
        offsets[done + 1] = starts.length;
      }
      elapsed += performance.now() - t0;
    },
    result() {
      if (!cached) {
        const raw: RawDraws = { offsets, starts: Uint32Array.from(starts), lengths: Uint32Array.from(lengths), ok };
        starts = [];
        lengths = [];
        const summary = summarize(acc);
        // The first and last maskable positions, wherever the framing puts them.
        const { lo, hi } = maskable;
        if (hi > lo) summary.edgeMaskRate = (summary.maskRate[lo]! + summary.maskRate[hi - 1]!) / 2;
        cached = { length: acc.length, framed, maskable, options: req.options, seed: req.seed, summary, raw, lastFailure: acc.lastFailure, lastFailureCode: acc.lastFailureCode, elapsedMs: elapsed };
      }
      return cached;
    },
  };
}

/** Draws in one go (tests, stories): the same numbers as the worker gives for the same request. */
export function runAll(req: StatsRequest): StatsResult {
  const run = createRun(req);
  run.step(req.draws);
  return run.result();
}
