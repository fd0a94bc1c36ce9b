/**
 * Adam with global-norm gradient clipping and decoupled weight decay, written out so its state
 * (m, v, step) can be checkpointed as plain arrays.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GlmParams } from './glm';

export interface AdamOptions {
  beta1: number;
  beta2: number;
  eps: number;
  /** Decoupled weight decay for matrices (not biases, LN gains). */
  weightDecay: number;
  /** Clip the global gradient norm to this value (0: off). */
  clipNorm: number;
}

export const DEFAULT_ADAM: AdamOptions = { beta1: 0.9, beta2: 0.98, eps: 1e-8, weightDecay: 0.01, clipNorm: 1 };

export class Adam {
  step = 0;
  readonly m: Record<string, tf.Variable> = {};
  readonly v: Record<string, tf.Variable> = {};
  constructor(
    private readonly params: GlmParams,
    readonly opts: AdamOptions = DEFAULT_ADAM,
  ) {
    for (const [k, p] of Object.entries(params)) {
      // The zeros are made inside tidy: tf.variable keeps its own copy, the temporary is freed.
      this.m[k] = tf.tidy(() => tf.variable(tf.zerosLike(p), false));
      this.v[k] = tf.tidy(() => tf.variable(tf.zerosLike(p), false));
    }
  }

  /**
   * Applies one update with learning rate `lr`; returns the gradient norm before clipping.
   * `grads` is keyed by variable name (as `tf.variableGrads` returns it) or by parameter key.
   */
  apply(grads: Record<string, tf.Tensor>, lr: number): number {
    this.step++;
    const { beta1, beta2, eps, weightDecay, clipNorm } = this.opts;
    const norm = tf.tidy(() => {
      const sq = Object.values(grads).map((g) => tf.sum(tf.square(g)));
      return tf.sqrt(tf.addN(sq));
    });
    const n = norm.dataSync()[0];
    norm.dispose();
    const clip = clipNorm > 0 && n > clipNorm ? clipNorm / n : 1;
    const bc1 = 1 - Math.pow(beta1, this.step);
    const bc2 = 1 - Math.pow(beta2, this.step);
    tf.tidy(() => {
      for (const [k, p] of Object.entries(this.params)) {
        const g0 = grads[p.name] ?? grads[k];
        if (!g0) continue;
        const g = clip === 1 ? g0 : tf.mul(g0, clip);
        const m = tf.add(tf.mul(this.m[k], beta1), tf.mul(g, 1 - beta1));
        const v = tf.add(tf.mul(this.v[k], beta2), tf.mul(tf.square(g), 1 - beta2));
        this.m[k].assign(m);
        this.v[k].assign(v);
        let upd = tf.div(tf.div(m, bc1), tf.add(tf.sqrt(tf.div(v, bc2)), eps));
        if (weightDecay > 0 && p.shape.length > 1) upd = tf.add(upd, tf.mul(p, weightDecay));
        p.assign(tf.sub(p, tf.mul(upd, lr)));
      }
    });
    return n;
  }

  dispose(): void {
    for (const t of [...Object.values(this.m), ...Object.values(this.v)]) t.dispose();
  }
}
