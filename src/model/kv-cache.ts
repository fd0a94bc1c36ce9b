/**
 * The KV cache for generating Part B one token at a time (shared by `decode.ts`'s `fillPartA`
 * and `fill-stream.ts`'s `startFill`).
 *
 * Part A is run once: it never sees Part B, so its keys and values never change. Each step feeds
 * one new token (the newest query may see every key: k < sep or k <= q) and appends its keys and
 * values. Per layer and head the cache keeps K as [n, d_head] and V transposed, as [d_head, n],
 * so both products of a step take a tiny right operand (q as a column, the weights as a column):
 * on wasm a product's right operand is packed per tensor, and packing K or V each step cost
 * more than the product.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Encoded, GlmModel } from './decode';
import { embed, forward, gelu, layerNorm, outputMatrix, projectHeads } from './glm';

export class KvCache {
  /** [layer][head] → [n, d_head] */
  private k: tf.Tensor2D[][];
  /** [layer][head] → [d_head, n] */
  private vT: tf.Tensor2D[][];
  private disposed = false;

  /** Runs Part A once; or, given another cache, copies it (see `fork`). */
  constructor(
    private readonly m: GlmModel,
    partA: Pick<Encoded, 'ids' | 'positionIds' | 'blockPositionIds' | 'sep'> | KvCache,
  ) {
    if (partA instanceof KvCache) {
      if (partA.disposed) throw new Error('KvCache: forked after dispose');
      // tf.clone shares the data (refcounted); a step replaces tensors, it never writes into one.
      this.k = partA.k.map((l) => l.map((t) => tf.clone(t)));
      this.vT = partA.vT.map((l) => l.map((t) => tf.clone(t)));
      return;
    }
    const kv = tf.tidy(() => {
      const r = forward(
        m.params,
        m.config,
        { ids: [partA.ids], positionIds: [partA.positionIds], blockPositionIds: [partA.blockPositionIds], sep: [partA.sep] },
        { kv: true, hiddenOnly: true },
      );
      return r.kv!.map((layer) => ({ k: layer.k, vT: layer.v.map((v) => tf.transpose(v) as tf.Tensor2D) }));
    });
    this.k = kv.map((x) => x.k);
    this.vT = kv.map((x) => x.vT);
  }

  /** Tokens cached so far. */
  get length(): number {
    return this.k[0]?.[0]?.shape[0] ?? 0;
  }

  /** Feeds token `id` at (`pos`, `bpos`): its log-probabilities over the vocabulary; the cache grows by one. */
  step(id: number, pos: number, bpos: number): Float32Array {
    if (this.disposed) throw new Error('KvCache: used after dispose');
    const { params: p, config: c } = this.m;
    const dh = c.dModel / c.heads;
    const out = tf.tidy(() => {
      let x = embed(p, [id], [pos], [bpos]); // [1, d]
      for (let l = 0; l < c.layers; l++) {
        const h = layerNorm(x, p[`h${l}.ln1.g`], p[`h${l}.ln1.b`], c.lnEps);
        const heads = projectHeads(p, c, l, h).map(({ q, k, v }, hh) => {
          const K = tf.keep(tf.concat([this.k[l][hh], k], 0) as tf.Tensor2D); // [n+1, dh]
          const VT = tf.keep(tf.concat([this.vT[l][hh], tf.reshape(v, [dh, 1])], 1) as tf.Tensor2D); // [dh, n+1]
          this.k[l][hh].dispose();
          this.vT[l][hh].dispose();
          this.k[l][hh] = K;
          this.vT[l][hh] = VT;
          const n = K.shape[0];
          const w = tf.softmax(tf.reshape(tf.matMul(K, tf.reshape(q, [dh, 1])), [1, n])); // [1, n]
          return tf.reshape(tf.matMul(VT, tf.reshape(w, [n, 1])), [1, dh]); // [1, dh]
        });
        const a = tf.concat(heads, 1) as tf.Tensor2D;
        x = tf.add(x, tf.fused.matMul({ a, b: p[`h${l}.attn.wo`] as tf.Tensor2D, bias: p[`h${l}.attn.bo`] })) as tf.Tensor2D;
        const h2 = layerNorm(x, p[`h${l}.ln2.g`], p[`h${l}.ln2.b`], c.lnEps);
        const f1 = gelu(tf.fused.matMul({ a: h2, b: p[`h${l}.mlp.w1`] as tf.Tensor2D, bias: p[`h${l}.mlp.b1`] })) as tf.Tensor2D;
        x = tf.add(x, tf.fused.matMul({ a: f1, b: p[`h${l}.mlp.w2`] as tf.Tensor2D, bias: p[`h${l}.mlp.b2`] })) as tf.Tensor2D;
      }
      const hf = layerNorm(x, p['lnf.g'], p['lnf.b'], c.lnEps);
      return tf.logSoftmax(tf.matMul(hf, outputMatrix(p.wte)));
    });
    const data = out.dataSync() as Float32Array;
    out.dispose();
    return data;
  }

  /** An independent copy: steps on either leave the other as it was (beam search, beam.ts). */
  fork(): KvCache {
    return new KvCache(this.m, this);
  }

  /** Frees the cached tensors (idempotent). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    tf.dispose([...this.k.flat(), ...this.vT.flat()]);
  }
}
