/**
 * A tiny GLM (Du et al. 2022) in TensorFlow.js ops: the architecture of the spec, section 4.
 *
 * - word + position + block-position embeddings, summed (no scaling);
 * - pre-LayerNorm blocks: x + Attn(LN(x)), then x + MLP(LN(x)); MLP 4d with GeLU (tanh);
 * - attention scores / sqrt(d_head); query q sees key k iff k < sep or k <= q; masked scores are
 *   set to -1e9 before the softmax AND the softmax is multiplied by the 0/1 mask, so masked
 *   weights are exactly 0;
 * - final LayerNorm (eps 1e-5); logits = h · wte^T (tied, no bias).
 *
 * Two wasm pitfalls (see docs/model.md): `gather`'s gradient needs a kernel wasm lacks, so row
 * gathers use a custom gradient with `scatterND`; wasm matMul is fast only for plain 2-D
 * products, so `mm` transposes explicitly in its gradient and attention runs per (sample, head)
 * as 2-D products.
 *
 * Imports only `@tensorflow/tfjs-core`: the caller registers a backend (and, to train, the
 * gradients: `import '@tensorflow/tfjs'` in Node).
 */
import * as tf from '@tensorflow/tfjs-core';

/** Model hyper-parameters, stored in the manifest. */
export interface GlmConfig {
  /** Vocabulary size (tokenizer pieces incl. specials). */
  vocabSize: number;
  /** Hidden size d. */
  dModel: number;
  /** Number of Transformer blocks. */
  layers: number;
  /** Attention heads (d_head = dModel / heads). */
  heads: number;
  /** Rows of the position and block-position tables. */
  maxPositions: number;
  /** LayerNorm epsilon. */
  lnEps: number;
  /** Dropout in training. */
  dropout: number;
}

/** The model's parameters, by name (names are stable: they key the weight file). */
export type GlmParams = Record<string, tf.Variable>;

/** Parameter names and shapes, in storage order. */
export function paramShapes(c: GlmConfig): [string, number[]][] {
  const d = c.dModel;
  const out: [string, number[]][] = [
    ['wte', [c.vocabSize, d]],
    ['wpe', [c.maxPositions, d]],
    ['wbpe', [c.maxPositions, d]],
  ];
  for (let l = 0; l < c.layers; l++) {
    out.push(
      [`h${l}.ln1.g`, [d]],
      [`h${l}.ln1.b`, [d]],
      [`h${l}.attn.wqkv`, [d, 3 * d]],
      [`h${l}.attn.bqkv`, [3 * d]],
      [`h${l}.attn.wo`, [d, d]],
      [`h${l}.attn.bo`, [d]],
      [`h${l}.ln2.g`, [d]],
      [`h${l}.ln2.b`, [d]],
      [`h${l}.mlp.w1`, [d, 4 * d]],
      [`h${l}.mlp.b1`, [4 * d]],
      [`h${l}.mlp.w2`, [4 * d, d]],
      [`h${l}.mlp.b2`, [d]],
    );
  }
  out.push(['lnf.g', [d]], ['lnf.b', [d]]);
  return out;
}

let nextId = 0;

/** N(0, 0.02) weights, N(0, 0.02/sqrt(2L)) output projections, zero biases, unit LN gains. */
export function initParams(c: GlmConfig, seed: number): GlmParams {
  const params: GlmParams = {};
  let s = seed;
  for (const [name, shape] of paramShapes(c)) {
    let t: tf.Tensor;
    if (name.endsWith('.g')) t = tf.ones(shape);
    else if (shape.length === 1) t = tf.zeros(shape);
    else {
      const std = name.endsWith('attn.wo') || name.endsWith('mlp.w2') ? 0.02 / Math.sqrt(2 * c.layers) : 0.02;
      t = tf.randomNormal(shape, 0, std, 'float32', s++);
    }
    params[name] = tf.variable(t, true, `${name}#${nextId++}`);
    t.dispose();
  }
  return params;
}

/** 2-D matMul whose gradient uses explicit transposes (fast plain products on wasm). */
export const mm = tf.customGrad(((a: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => {
  save([a, b]);
  return {
    value: tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sa, sb] = saved as tf.Tensor2D[];
      return [tf.matMul(dy as tf.Tensor2D, tf.transpose(sb)), tf.matMul(tf.transpose(sa), dy as tf.Tensor2D)];
    },
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D;

/** Rows `idx` of a 2-D table; the gradient scatters back with scatterND (wasm has no segment sum). */
export function gatherRows(table: tf.Tensor, idx: tf.Tensor1D): tf.Tensor2D {
  const f = tf.customGrad(((t: tf.Tensor, save: tf.GradSaveFunc) => {
    save([idx]);
    return {
      value: tf.gather(t, idx),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.scatterND(tf.expandDims(saved[0], 1), dy, t.shape),
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (t: tf.Tensor) => tf.Tensor2D;
  return f(table);
}

/**
 * Layer norm over the last axis. The same arithmetic as tf.moments (the variance is the mean of the
 * squared deviations), written out so the deviations are computed once and no Cast is made: on
 * wasm, moments copied x on every call.
 */
export function layerNorm(x: tf.Tensor2D, g: tf.Tensor, b: tf.Tensor, eps: number): tf.Tensor2D {
  const xc = tf.sub(x, tf.mean(x, -1, true));
  const variance = tf.mean(tf.square(xc), -1, true);
  return tf.add(tf.mul(tf.mul(xc, tf.rsqrt(tf.add(variance, eps))), g), b) as tf.Tensor2D;
}

/**
 * GeLU, tanh approximation: 0.5·x·(1 + tanh(c·(x + 0.044715·x³))), c = √(2/π). Computed through
 * the identity 0.5·(1 + tanh(z)) = sigmoid(2z), as x·sigmoid(x·(2c + 2c·0.044715·x²)): the same
 * function (within 1e-6), but wasm's sigmoid is vectorised and its tanh is not (3 GeLUs at
 * T 128 took 10.7 ms of CPU with tanh, 2.2 ms with sigmoid).
 */
export function gelu(x: tf.Tensor): tf.Tensor {
  const c2 = 2 * Math.sqrt(2 / Math.PI);
  return tf.mul(x, tf.sigmoid(tf.mul(x, tf.add(tf.mul(tf.square(x), c2 * 0.044715), c2))));
}

export function linear(x: tf.Tensor2D, w: tf.Tensor, b: tf.Tensor): tf.Tensor2D {
  return tf.add(mm(x, w as tf.Tensor2D), b) as tf.Tensor2D;
}

/** 0/1 mask [T, T]: q sees k iff k < sep or k <= q. */
export function maskMatrix(sep: number, length: number): Float32Array {
  const m = new Float32Array(length * length);
  for (let q = 0; q < length; q++) for (let k = 0; k < length; k++) if (k < sep || k <= q) m[q * length + k] = 1;
  return m;
}

/** Inputs of one forward pass: B sequences of the same (padded) length T. */
export interface GlmInput {
  /** Token ids, shape [B][T]. */
  ids: number[][];
  /** Position ids, shape [B][T]. */
  positionIds: number[][];
  /** Block position ids, shape [B][T]. */
  blockPositionIds: number[][];
  /** len(Part A) per sample, shape [B]. */
  sep: number[];
}

export interface ForwardOptions {
  /** Dropout on (training only). */
  training?: boolean;
  /** Flat row indices (b*T + t) where logits are wanted; default all B*T rows. */
  positions?: number[];
  /** Return attention weights per layer: [layer][b*heads + h] -> [T, T] tensors. */
  attention?: boolean;
  /** Skip the output projection (return hidden states only). */
  hiddenOnly?: boolean;
  /** Return each layer's keys and values per head (B = 1, inference only), for a KV cache. */
  kv?: boolean;
}

export interface ForwardResult {
  /** Logits, shape [rows, V] (rows = positions.length or B*T). */
  logits?: tf.Tensor2D;
  /**
   * Final hidden states after the last LayerNorm, shape [B*T, d]; at inference with `positions`
   * (and no attention, kv or hiddenOnly), only those rows: [positions.length, d].
   */
  hidden: tf.Tensor2D;
  /** Attention weights, [layer][b * heads + h] -> [T, T]. */
  attention?: tf.Tensor2D[][];
  /** Per layer and head, keys and values, each [T, d_head] (B = 1). */
  kv?: { k: tf.Tensor2D[]; v: tf.Tensor2D[] }[];
}

/**
 * The forward pass. Not wrapped in tidy (the caller does, or uses it inside variableGrads).
 */
export function forward(p: GlmParams, c: GlmConfig, input: GlmInput, opts: ForwardOptions = {}): ForwardResult {
  const B = input.ids.length;
  const T = input.ids[0].length;
  const d = c.dModel;
  const H = c.heads;
  const dh = d / H;
  if (opts.kv && (B !== 1 || opts.training)) throw new Error('forward: kv is for one sequence at inference');
  for (const row of [...input.positionIds, ...input.blockPositionIds]) {
    for (const v of row) if (v < 0 || v >= c.maxPositions) throw new RangeError(`position ${v} outside the model's 0..${c.maxPositions - 1}`);
  }
  const drop = (x: tf.Tensor2D): tf.Tensor2D => (opts.training && c.dropout > 0 ? (tf.dropout(x, c.dropout) as tf.Tensor2D) : x);
  // Training needs gradients through the lookups and products (customGrad versions, fast on
  // wasm); inference takes the plain kernels, which skip the gradient bookkeeping.
  const rowsOf = opts.training ? gatherRows : (t: tf.Tensor, i: tf.Tensor1D) => tf.gather(t, i) as tf.Tensor2D;
  const mul2: (a: tf.Tensor2D, b: tf.Tensor2D) => tf.Tensor2D = opts.training ? mm : (a, b) => tf.matMul(a, b);
  const lin = (x: tf.Tensor2D, w: tf.Tensor, b: tf.Tensor) =>
    opts.training ? linear(x, w, b) : (tf.fused.matMul({ a: x, b: w as tf.Tensor2D, bias: b }) as tf.Tensor2D);

  // x: [B*T, d]
  let x = opts.training
    ? (tf.add(
        tf.add(rowsOf(p.wte, tf.tensor1d(input.ids.flat(), 'int32')), rowsOf(p.wpe, tf.tensor1d(input.positionIds.flat(), 'int32'))),
        rowsOf(p.wbpe, tf.tensor1d(input.blockPositionIds.flat(), 'int32')),
      ) as tf.Tensor2D)
    : embed(p, input.ids.flat(), input.positionIds.flat(), input.blockPositionIds.flat());
  x = drop(x);

  // masks per sample [T, T]: 0/1, and the additive -1e9 bias
  const masks: tf.Tensor2D[] = [];
  const biases: tf.Tensor2D[] = [];
  for (let b = 0; b < B; b++) {
    const m = tf.tensor2d(maskMatrix(input.sep[b], T), [T, T]);
    masks.push(m);
    biases.push(tf.mul(tf.sub(1, m), -1e9) as tf.Tensor2D);
  }
  const scale = 1 / Math.sqrt(dh);
  // Rows to carry through the last layer, when only their logits are wanted (inference).
  const pruneRows =
    !opts.training && B === 1 && opts.positions && !opts.attention && !opts.kv && !opts.hiddenOnly
      ? tf.tensor1d(opts.positions, 'int32')
      : null;
  let pruned = false;
  const attnOut: tf.Tensor2D[][] = [];
  const kvOut: { k: tf.Tensor2D[]; v: tf.Tensor2D[] }[] = [];

  for (let l = 0; l < c.layers; l++) {
    const h = layerNorm(x, p[`h${l}.ln1.g`], p[`h${l}.ln1.b`], c.lnEps);
    // Heads one by one in 2-D products: on wasm a batched [B*H, T, T] product leaves the fast
    // path and was 1.1x (T 128) to 1.5x (T 512) slower than this loop.
    if (!opts.training && B === 1) {
      // Past the last layer only the rows whose logits are asked for matter: the last layer
      // needs every row's keys and values, but queries, the output projection and the MLP only
      // for those rows (a fifth of the pass's arithmetic at T 128 with 24 Part B rows). Only a
      // frozen model's kept per-head matrices can project the queries apart from the keys.
      const rows = pruneRows && l === c.layers - 1 && headWeights(p, c, l) ? pruneRows : null;
      const projected = projectHeads(p, c, l, h, rows ? (tf.gather(h, rows) as tf.Tensor2D) : undefined);
      const bias = rows ? (tf.gather(biases[0], rows) as tf.Tensor2D) : biases[0];
      if (rows) {
        x = tf.gather(x, rows) as tf.Tensor2D;
        pruned = true;
      }
      if (opts.kv) kvOut.push({ k: projected.map((x) => x.k), v: projected.map((x) => x.v) });
      const heads: tf.Tensor2D[] = [];
      const layerAttn: tf.Tensor2D[] = [];
      for (const { q, k, v } of projected) {
        const s = tf.add(tf.matMul(q, tf.transpose(k)), bias) as tf.Tensor2D; // [rows, T]
        // Masked weights are exactly 0 without multiplying by the mask: a masked score is about
        // -1e9, and exp(-1e9 - max) underflows to 0 in float32 (as the reference's -10000 does).
        // Every row sees at least itself, so no row is all masked. 12 fewer kernels per pass.
        const w = tf.softmax(s) as tf.Tensor2D;
        if (opts.attention) layerAttn.push(w);
        heads.push(tf.matMul(w, v)); // [rows, dh]
      }
      if (opts.attention) attnOut.push(layerAttn);
      const a = tf.concat(heads, 1) as tf.Tensor2D;
      x = tf.add(x, lin(a, p[`h${l}.attn.wo`], p[`h${l}.attn.bo`])) as tf.Tensor2D;
      const h2 = layerNorm(x, p[`h${l}.ln2.g`], p[`h${l}.ln2.b`], c.lnEps);
      const f = lin(gelu(lin(h2, p[`h${l}.mlp.w1`], p[`h${l}.mlp.b1`])) as tf.Tensor2D, p[`h${l}.mlp.w2`], p[`h${l}.mlp.b2`]);
      x = tf.add(x, f) as tf.Tensor2D;
      continue;
    }
    const qkv = lin(h, p[`h${l}.attn.wqkv`], p[`h${l}.attn.bqkv`]); // [B*T, 3d]
    const rows = B === 1 ? [qkv] : tf.split(qkv, B, 0); // B x [T, 3d]
    const outs: tf.Tensor2D[] = [];
    const layerAttn: tf.Tensor2D[] = [];
    for (let b = 0; b < B; b++) {
      const parts = tf.split(rows[b], 3 * H, 1) as tf.Tensor2D[]; // q heads, k heads, v heads: [T, dh]
      const heads: tf.Tensor2D[] = [];
      for (let hh = 0; hh < H; hh++) {
        const q = parts[hh];
        const k = parts[H + hh];
        const v = parts[2 * H + hh];
        const s = tf.add(tf.mul(mul2(q, tf.transpose(k)), scale), biases[b]) as tf.Tensor2D; // [T, T]
        const w = tf.mul(tf.softmax(s), masks[b]) as tf.Tensor2D; // masked weights exactly 0
        if (opts.attention) layerAttn.push(w);
        heads.push(mul2(w, v)); // [T, dh]
      }
      outs.push(tf.concat(heads, 1) as tf.Tensor2D);
    }
    if (opts.attention) attnOut.push(layerAttn);
    const a = tf.concat(outs, 0) as tf.Tensor2D; // [B*T, d]
    x = tf.add(x, drop(lin(a, p[`h${l}.attn.wo`], p[`h${l}.attn.bo`]))) as tf.Tensor2D;
    const h2 = layerNorm(x, p[`h${l}.ln2.g`], p[`h${l}.ln2.b`], c.lnEps);
    const f = lin(gelu(lin(h2, p[`h${l}.mlp.w1`], p[`h${l}.mlp.b1`])) as tf.Tensor2D, p[`h${l}.mlp.w2`], p[`h${l}.mlp.b2`]);
    x = tf.add(x, drop(f)) as tf.Tensor2D;
  }
  const hidden = layerNorm(x, p['lnf.g'], p['lnf.b'], c.lnEps);
  const result: ForwardResult = { hidden };
  if (opts.attention) result.attention = attnOut;
  if (opts.kv) result.kv = kvOut;
  if (!opts.hiddenOnly) {
    const sel = pruned ? hidden : opts.positions ? rowsOf(hidden, tf.tensor1d(opts.positions, 'int32')) : hidden;
    result.logits = mul2(sel, outputMatrix(p.wte)); // [rows, V]
  }
  return result;
}

const tableCopies = new WeakMap<tf.Tensor, Float32Array>();

/**
 * Token + position + block position embeddings of a sequence, [n, d], for inference. A frozen
 * model's tables are read once into memory and the rows summed here: on wasm, three gathers and two
 * adds of 128 rows cost about 4 ms, the sum in JavaScript a few hundredths of that. Trainable
 * tables change every step, so they take the tensor path.
 */
export function embed(p: GlmParams, ids: readonly number[], pos: readonly number[], bpos: readonly number[]): tf.Tensor2D {
  const tables = [p.wte, p.wpe, p.wbpe];
  if (tables.some((t) => t instanceof tf.Variable && t.trainable)) {
    const rows = (t: tf.Tensor, i: readonly number[]) => tf.gather(t, tf.tensor1d(i as number[], 'int32'));
    return tf.add(tf.add(rows(p.wte, ids), rows(p.wpe, pos)), rows(p.wbpe, bpos)) as tf.Tensor2D;
  }
  const [wte, wpe, wbpe] = tables.map((t) => {
    let a = tableCopies.get(t);
    if (!a) {
      a = t.dataSync() as Float32Array;
      tableCopies.set(t, a);
    }
    return a;
  });
  const d = p.wte.shape[1]!;
  const n = ids.length;
  const out = new Float32Array(n * d);
  for (let r = 0; r < n; r++) {
    const a = ids[r]! * d;
    const b = pos[r]! * d;
    const c = bpos[r]! * d;
    const o = r * d;
    // (wte + wpe) + wbpe, the order tf.add(tf.add(...)) sums in, so both paths agree exactly.
    for (let j = 0; j < d; j++) out[o + j] = Math.fround(wte![a + j]! + wpe![b + j]!) + wbpe![c + j]!;
  }
  return tf.tensor2d(out, [n, d]);
}

/**
 * The tied output projection, wte transposed to [d, V]. For a loaded (non-trainable) model it is
 * computed once and kept; a trainable table changes every step, so it is transposed each time.
 */
const transposedTables = new WeakMap<tf.Tensor, tf.Tensor2D>();

interface HeadWeights {
  wq: tf.Tensor2D;
  bq: tf.Tensor1D;
  wk: tf.Tensor2D;
  bk: tf.Tensor1D;
  wv: tf.Tensor2D;
  bv: tf.Tensor1D;
}
const headTables = new WeakMap<tf.Tensor, HeadWeights[]>();

/**
 * Layer `l`'s queries (already scaled by 1/√d_head), keys and values per head, each [rows, d_head],
 * for the hidden states `h` [rows, d]. A frozen model uses its kept per-head matrices; a trainable
 * one splits the fused qkv product.
 */
export function projectHeads(
  p: GlmParams,
  c: GlmConfig,
  l: number,
  h: tf.Tensor2D,
  /** Hidden states of the rows to take queries for (default: every row of h); frozen models only. */
  hq: tf.Tensor2D = h,
): { q: tf.Tensor2D; k: tf.Tensor2D; v: tf.Tensor2D }[] {
  const kept = headWeights(p, c, l);
  if (kept) {
    return kept.map((hw) => ({
      q: tf.fused.matMul({ a: hq, b: hw.wq, bias: hw.bq }) as tf.Tensor2D,
      k: tf.fused.matMul({ a: h, b: hw.wk, bias: hw.bk }) as tf.Tensor2D,
      v: tf.fused.matMul({ a: h, b: hw.wv, bias: hw.bv }) as tf.Tensor2D,
    }));
  }
  if (hq !== h) throw new Error('projectHeads: queries for some rows need a frozen model');
  const H = c.heads;
  const parts = tf.split(tf.fused.matMul({ a: h, b: p[`h${l}.attn.wqkv`] as tf.Tensor2D, bias: p[`h${l}.attn.bqkv`] }), 3 * H, 1) as tf.Tensor2D[];
  const scale = 1 / Math.sqrt(c.dModel / H);
  return Array.from({ length: H }, (_, hh) => ({ q: tf.mul(parts[hh], scale) as tf.Tensor2D, k: parts[H + hh], v: parts[2 * H + hh] }));
}

/** Per-head q (scaled by 1/√dh), k and v columns of a frozen layer's wqkv, kept; null if trainable. */
function headWeights(p: GlmParams, c: GlmConfig, l: number): HeadWeights[] | null {
  const w = p[`h${l}.attn.wqkv`];
  const b = p[`h${l}.attn.bqkv`];
  if (w instanceof tf.Variable && w.trainable) return null;
  const kept = headTables.get(w);
  if (kept && !kept[0].wq.isDisposed) return kept;
  const d = c.dModel;
  const dh = d / c.heads;
  const scale = 1 / Math.sqrt(dh);
  const cols = (t: tf.Tensor, from: number, s = 1) =>
    tf.keep(tf.tidy(() => tf.mul(tf.slice(t, t.rank === 2 ? [0, from] : [from], t.rank === 2 ? [d, dh] : [dh]), s)));
  const heads = Array.from({ length: c.heads }, (_, h) => ({
    wq: cols(w, h * dh, scale) as tf.Tensor2D,
    bq: cols(b, h * dh, scale) as tf.Tensor1D,
    wk: cols(w, d + h * dh) as tf.Tensor2D,
    bk: cols(b, d + h * dh) as tf.Tensor1D,
    wv: cols(w, 2 * d + h * dh) as tf.Tensor2D,
    bv: cols(b, 2 * d + h * dh) as tf.Tensor1D,
  }));
  headTables.set(w, heads);
  return heads;
}

/** Frees the kept transpose of `wte` (call when the model's tensors are disposed). */
export function releaseOutputMatrix(wte: tf.Tensor): void {
  transposedTables.get(wte)?.dispose();
  transposedTables.delete(wte);
}

/** Frees everything kept for a frozen model's inference (call when its tensors are disposed). */
export function releaseInferenceCache(p: GlmParams, c: GlmConfig): void {
  releaseOutputMatrix(p.wte);
  for (const t of [p.wte, p.wpe, p.wbpe]) tableCopies.delete(t);
  for (let l = 0; l < c.layers; l++) {
    const w = p[`h${l}.attn.wqkv`];
    headTables.get(w)?.forEach((hw) => Object.values(hw).forEach((t) => t.dispose()));
    headTables.delete(w);
  }
}
export function outputMatrix(wte: tf.Tensor): tf.Tensor2D {
  if (wte instanceof tf.Variable && wte.trainable) return tf.transpose(wte) as tf.Tensor2D;
  let t = transposedTables.get(wte);
  if (!t || t.isDisposed) {
    t = tf.keep(tf.transpose(wte) as tf.Tensor2D);
    transposedTables.set(wte, t);
  }
  return t;
}

/** Mean cross-entropy of `logits` [N, V] against `targets` [N] (Σ CE · mask / Σ mask). */
export function crossEntropy(logits: tf.Tensor2D, targets: number[]): tf.Scalar {
  const lp = tf.logSoftmax(logits);
  const oh = tf.oneHot(tf.tensor1d(targets, 'int32'), logits.shape[1]);
  return tf.neg(tf.mean(tf.sum(tf.mul(lp, oh), 1))) as tf.Scalar;
}
