/**
 * The model benchmark's measurements, shared by Node (`model.ts`) and the browser bench page
 * (`browser/main.ts`), so both run exactly the same work:
 *
 * - forward pass at T = 128 and 512 (Part A + Part B, spans of 3 at ~15%, logits at the Part B
 *   rows as `score` computes them), forward() + logSoftmax + readback;
 * - decoding 20 tokens after a 100-token Part A, with the KV cache (the app's `startFill`) and
 *   without it (one full forward pass over the sequence so far per token, as decode.ts's
 *   uncached path does), as tokens per second;
 * - a 3-blank fill of a short sentence, greedy, the way the app fills (ms for the whole fill), and
 *   the same by beam search of width 5 (the panel's Beam).
 *
 * Every figure is the median of `runs` timed runs after WARMUP warm-up runs: the first calls run
 * tfjs's JavaScript before V8 has optimised it (a T 128 forward pass took 128, 34, 44, 39, 29 … ms
 * for its first runs in Node, settling near 20 to 28 ms), and a figure should say what a user sees
 * once the page has been used a little, not the first call after loading.
 */
import * as tf from '@tensorflow/tfjs-core';
import { construct, type Construction, type Span } from '../../src/glm';
import { logProbsAt, type Encoded, type GlmModel } from '../../src/model/decode';
import { startFill } from '../../src/model/fill-stream';
import { forward } from '../../src/model/glm';

export interface BenchRow {
  /** What was measured. */
  name: string;
  /** Median value. */
  value: number;
  unit: 'ms' | 'tok/s';
  /** Extra detail (sizes, counts). */
  note?: string;
}

const PARAGRAPH =
  'the congress of the united states shall have power to lay and collect taxes, to pay the debts and ' +
  'provide for the common defence and general welfare of the people. in the beginning god created the ' +
  'heaven and the earth, and the earth was without form, and void. we have met to consider the state of ' +
  'the union, and i am glad to report that the nation is strong and the future is bright. ';

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export const WARMUP = 5;
/** Warm-up lasts at least this long too: V8 moves hot wasm from its baseline to its optimising
 * compiler in the background, and on 2 busy cores that can take longer than 5 short runs. */
export const WARMUP_MS = 1500;

/** Median ms of `runs` runs of `fn` after `warmup` warm-up runs lasting at least WARMUP_MS. */
export async function timeIt(fn: () => unknown, runs: number, warmup = WARMUP): Promise<number> {
  const until = performance.now() + WARMUP_MS;
  for (let i = 0; i < warmup || performance.now() < until; i++) await fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    t.push(performance.now() - t0);
  }
  return median(t);
}

/** `n` framed tokens ([CLS] … [EOS]) of English text, from the model's own tokenizer. */
export function framedTokens(m: GlmModel, n: number): string[] {
  const words = m.tokenizer.encode(PARAGRAPH.repeat(Math.ceil(n / 60) + 1)).tokens;
  return ['[CLS]', ...words.slice(0, n - 2), '[EOS]'];
}

/** A construction of total length exactly T: k = floor(T/20) spans of 3 tokens, evenly spaced. */
export function constructionOfLength(m: GlmModel, T: number): Construction {
  const k = Math.floor(T / 20);
  const n = T - 2 * k;
  const gap = Math.floor((n - 2) / k);
  const spans: Span[] = Array.from({ length: k }, (_, i) => ({
    start: 1 + i * gap + 1,
    end: 1 + i * gap + 4,
  }));
  const c = construct(framedTokens(m, n), spans, { seed: 1 });
  if (c.tokens.length !== T) throw new Error(`bench: built ${c.tokens.length} tokens, wanted ${T}`);
  return c;
}

function encode(m: GlmModel, c: Construction): Encoded {
  return {
    ids: c.tokens.map((t) => m.tokenizer.idOf(t)),
    positionIds: c.positionIds,
    blockPositionIds: c.blockPositionIds,
    sep: c.sep,
  };
}

/** One forward pass with logits at the Part B rows, read back (what `score` does). */
export function forwardOnce(m: GlmModel, c: Construction): number {
  const e = encode(m, c);
  const at = c.lossMask.flatMap((v, i) => (v ? [i] : []));
  const out = tf.tidy(() => {
    const r = forward(
      m.params,
      m.config,
      {
        ids: [e.ids],
        positionIds: [e.positionIds],
        blockPositionIds: [e.blockPositionIds],
        sep: [e.sep],
      },
      { positions: at },
    );
    return tf.logSoftmax(r.logits!);
  });
  const v = (out.dataSync() as Float32Array)[0]!;
  out.dispose();
  return v;
}

const DECODE_TOKENS = 20;

/** Part A of 100 tokens with one blank in the middle. */
function decodeFixture(m: GlmModel): { partA: number[]; mask: number } {
  const tokens = framedTokens(m, 100);
  tokens[50] = '[MASK]';
  return { partA: tokens.map((t) => m.tokenizer.idOf(t)), mask: 50 };
}

/** 20 tokens with the KV cache (the app's decoder, forced to exactly 20 tokens). */
export function decodeCached(m: GlmModel): number {
  const { partA, mask } = decodeFixture(m);
  const s = startFill(m, partA, [mask], [0], {
    minSpanLength: DECODE_TOKENS,
    maxSpanLength: DECODE_TOKENS,
  });
  while (!s.next().done);
  return s.fills[0]!.length;
}

/** 20 tokens without a cache: the whole sequence so far through the model for every token. */
export function decodeUncached(m: GlmModel): number {
  const { partA, mask } = decodeFixture(m);
  const seq: Encoded = {
    ids: [...partA],
    positionIds: partA.map((_, i) => i),
    blockPositionIds: partA.map(() => 0),
    sep: partA.length,
  };
  let input = m.tokenizer.idOf('[S]');
  const E = m.tokenizer.idOf('[E]');
  for (let j = 0; j <= DECODE_TOKENS; j++) {
    seq.ids.push(input);
    seq.positionIds.push(mask);
    seq.blockPositionIds.push(j + 1);
    const lp = logProbsAt(m, seq, [seq.ids.length - 1])[0]!;
    lp[E] = -Infinity; // keep going, as the cached run does
    let best = 0;
    for (let i = 1; i < lp.length; i++) if (lp[i]! > lp[best]!) best = i;
    input = best;
  }
  return DECODE_TOKENS;
}

const SENTENCE =
  'the president said that the congress would meet in the new city next year to pass the law.';

/**
 * The app's 3-blank fill of a short sentence (greedy, or beam search of width `beam`); returns the
 * number of tokens generated.
 */
export function fillThreeBlanks(m: GlmModel, beam?: number): number {
  const tokens = ['[CLS]', ...m.tokenizer.encode(SENTENCE).tokens, '[EOS]'];
  const c = construct(
    tokens,
    [
      { start: 2, end: 3 },
      { start: 7, end: 8 },
      { start: 12, end: 14 },
    ],
    { order: [1, 2, 0] },
  );
  const s = startFill(
    m,
    c.tokens.slice(0, c.sep).map((t) => m.tokenizer.idOf(t)),
    c.maskIndex,
    c.order,
    beam === undefined ? {} : { beam },
  );
  while (!s.next().done);
  return s.fills.flat().length;
}

/** Runs every case on a loaded model. */
export async function runCases(
  m: GlmModel,
  runs: number,
  log: (s: string) => void = () => {},
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const T of [128, 512]) {
    const c = constructionOfLength(m, T);
    log(`forward T=${T}`);
    rows.push({
      name: `forward pass, T = ${T}`,
      value: await timeIt(() => forwardOnce(m, c), runs),
      unit: 'ms',
      note: `sep ${c.sep}, ${c.lossMask.filter(Boolean).length} Part B rows`,
    });
  }
  log('decoding with the KV cache');
  const cached = await timeIt(() => decodeCached(m), runs);
  rows.push({
    name: 'decoding with KV cache',
    value: (DECODE_TOKENS / cached) * 1000,
    unit: 'tok/s',
    note: `${DECODE_TOKENS} tokens after 100 in ${cached.toFixed(0)} ms`,
  });
  log('decoding without a cache');
  const plain = await timeIt(() => decodeUncached(m), runs);
  rows.push({
    name: 'decoding without cache',
    value: (DECODE_TOKENS / plain) * 1000,
    unit: 'tok/s',
    note: `${DECODE_TOKENS} tokens after 100 in ${plain.toFixed(0)} ms`,
  });
  log('3-blank fill');
  let count = 0;
  const fill = await timeIt(() => (count = fillThreeBlanks(m)), runs);
  rows.push({
    name: '3-blank fill (greedy, KV cache)',
    value: fill,
    unit: 'ms',
    note: `${count} tokens generated, ${m.tokenizer.encode(SENTENCE).tokens.length + 2}-token text`,
  });
  log('3-blank fill, beam 5');
  const beam = await timeIt(() => (count = fillThreeBlanks(m, 5)), runs);
  rows.push({
    name: '3-blank fill (beam 5, KV cache forks)',
    value: beam,
    unit: 'ms',
    note: `${count} tokens generated; greedy in the row above is its baseline`,
  });
  return rows;
}
