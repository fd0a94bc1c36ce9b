/**
 * The objective zoo: what BERT, GPT, a prefix LM (UniLM), T5, XLNet and GLM (with its ablations)
 * feed their model for the same tokens and spans: inputs, targets, positions and the attention
 * mask. Pure data; the interface explains each with one sentence.
 */
import { construct } from './construct';
import { attentionMatrix } from './mask';
import { createRng } from './rng';
import { sortSpans } from './spans';
import { MASK, type Span } from './types';

export type SchemeId =
  | 'bert'
  | 'gpt'
  | 'prefix-lm'
  | 't5'
  | 'xlnet'
  | 'glm'
  | 'glm-no-shuffle'
  | 'glm-no-2d'
  | 'glm-sentinel';

export interface Scheme {
  id: SchemeId;
  /** Input tokens, one per sequence position. */
  inputs: string[];
  /** Target per position, or null where there is no loss. */
  targets: (string | null)[];
  /** Position rows shown for the scheme (e.g. [positions] or [positions, block positions]). */
  positions: { name: string; values: number[] }[];
  /** Row-major 0/1 mask, shape [n, n]: 1 where query (row) may attend to key (column). */
  mask: Uint8Array;
  n: number;
  /** Index where a second part (decoder, Part B) starts, or null. */
  split: number | null;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

function fullMask(n: number, rule: (q: number, k: number) => boolean): Uint8Array {
  const m = new Uint8Array(n * n);
  for (let q = 0; q < n; q++) for (let k = 0; k < n; k++) m[q * n + k] = rule(q, k) ? 1 : 0;
  return m;
}

/** BERT: every span token becomes its own [MASK]; all tokens see all tokens; loss at the masks. */
function bert(tokens: readonly string[], spans: Span[]): Scheme {
  const masked = new Set(spans.flatMap((s) => range(s.end - s.start).map((j) => s.start + j)));
  const n = tokens.length;
  return {
    id: 'bert',
    inputs: tokens.map((t, i) => (masked.has(i) ? MASK : t)),
    targets: tokens.map((t, i) => (masked.has(i) ? t : null)),
    positions: [{ name: 'position', values: range(n) }],
    mask: fullMask(n, () => true),
    n,
    split: null,
  };
}

/** GPT: left to right, every next token is a target. */
function gpt(tokens: readonly string[]): Scheme {
  const n = tokens.length;
  return {
    id: 'gpt',
    inputs: [...tokens],
    targets: tokens.map((_, i) => tokens[i + 1] ?? null),
    positions: [{ name: 'position', values: range(n) }],
    mask: fullMask(n, (q, k) => k <= q),
    n,
    split: null,
  };
}

/** Prefix LM (UniLM's seq-to-seq mask): the text before the first span is a bidirectional prefix. */
function prefixLm(tokens: readonly string[], spans: Span[]): Scheme {
  const n = tokens.length;
  const p = spans.length ? spans[0]!.start : n;
  return {
    id: 'prefix-lm',
    inputs: [...tokens],
    targets: tokens.map((_, i) => (i >= p - 1 && i + 1 < n ? tokens[i + 1]! : null)),
    positions: [{ name: 'position', values: range(n) }],
    mask: fullMask(n, (q, k) => k < p || k <= q),
    n,
    split: p,
  };
}

/** T5: spans become sentinels in text order; the decoder writes `<X_i> span` causally. */
function t5(tokens: readonly string[], spans: Span[]): Scheme {
  const enc: string[] = [];
  let cursor = 0;
  spans.forEach((s, i) => {
    enc.push(...tokens.slice(cursor, s.start), `<X_${i}>`);
    cursor = s.end;
  });
  enc.push(...tokens.slice(cursor));
  const dec: string[] = [];
  const decTargets: string[] = [];
  spans.forEach((s, i) => {
    const body = tokens.slice(s.start, s.end);
    dec.push(`<X_${i}>`, ...body);
    decTargets.push(...body, i + 1 < spans.length ? `<X_${i + 1}>` : '</s>');
  });
  const a = enc.length;
  const n = a + dec.length;
  return {
    id: 't5',
    inputs: [...enc, ...dec],
    targets: [...enc.map(() => null), ...decTargets],
    // T5 uses relative position buckets; the absolute indices of each stack are shown.
    positions: [{ name: 'position', values: [...range(a), ...range(dec.length)] }],
    mask: fullMask(n, (q, k) => k < a || (q >= a && k <= q)),
    n,
    split: a,
  };
}

/**
 * XLNet (query stream): a factorisation order puts the context first and the span tokens last
 * (partial prediction); a token sees the content of tokens earlier in that order, never its own.
 */
function xlnet(tokens: readonly string[], spans: Span[], seed: number): Scheme {
  const n = tokens.length;
  const targetSet = new Set(spans.flatMap((s) => range(s.end - s.start).map((j) => s.start + j)));
  const rng = createRng(seed);
  const context = rng.shuffle(range(n).filter((i) => !targetSet.has(i)));
  const targets = rng.shuffle(range(n).filter((i) => targetSet.has(i)));
  const rank = new Array<number>(n);
  [...context, ...targets].forEach((i, r) => (rank[i] = r));
  return {
    id: 'xlnet',
    inputs: [...tokens],
    targets: tokens.map((t, i) => (targetSet.has(i) ? t : null)),
    positions: [
      { name: 'position', values: range(n) },
      { name: 'factorisation rank', values: rank },
    ],
    mask: fullMask(n, (q, k) => (targetSet.has(q) ? rank[k]! < rank[q]! : rank[k]! <= rank[q]!)),
    n,
    split: null,
  };
}

function glm(id: SchemeId, tokens: readonly string[], spans: Span[], order: number[], opts: Parameters<typeof construct>[2]): Scheme {
  const c = construct(tokens, spans, { order, ...opts });
  const n = c.tokens.length;
  return {
    id,
    inputs: c.tokens,
    targets: c.targets.map((t, i) => (c.lossMask[i] ? t : null)),
    positions: [
      { name: 'position', values: c.positionIds },
      { name: 'block position', values: c.blockPositionIds },
    ],
    mask: attentionMatrix(c.sep, n),
    n,
    split: c.sep,
  };
}

export const SCHEME_IDS: readonly SchemeId[] = ['bert', 'gpt', 'prefix-lm', 't5', 'xlnet', 'glm', 'glm-no-shuffle', 'glm-no-2d', 'glm-sentinel'];

/** Every scheme for the same tokens, spans and Part B order. */
export function objectiveZoo(tokens: readonly string[], spansIn: readonly Span[], order: readonly number[], seed = 0): Scheme[] {
  const spans = sortSpans(spansIn);
  const o = [...order];
  return [
    bert(tokens, spans),
    gpt(tokens),
    prefixLm(tokens, spans),
    t5(tokens, spans),
    xlnet(tokens, spans, seed),
    glm('glm', tokens, spans, o, {}),
    glm('glm-no-shuffle', tokens, spans, range(spans.length), {}),
    glm('glm-no-2d', tokens, spans, o, { blockPositions: false }),
    glm('glm-sentinel', tokens, spans, o, { sentinel: true, sentinelPosition: tokens.length }),
  ];
}

/** Which spans each span can see under a Part B order: sees[i] = spans placed before span i. */
export function spansSeen(order: readonly number[]): number[][] {
  const sees: number[][] = order.map(() => []);
  order.forEach((span, place) => {
    sees[span] = order.slice(0, place).slice().sort((a, b) => a - b);
  });
  return sees;
}

/** All orders of k spans (k! of them), in lexicographic order; k at most 6. */
export function allOrders(k: number): number[][] {
  if (k > 6) throw new RangeError(`allOrders lists k! orders; k = ${k} is too many to show`);
  const out: number[][] = [];
  const walk = (prefix: number[], rest: number[]) => {
    if (rest.length === 0) out.push(prefix);
    rest.forEach((x, i) => walk([...prefix, x], [...rest.slice(0, i), ...rest.slice(i + 1)]));
  };
  walk([], range(k));
  return out;
}
