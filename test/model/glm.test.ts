import { describe, expect, it, beforeAll } from 'vitest';
import { construct } from '../../src/glm';
import { initNodeBackend, tf } from '../../src/model/backend-node';
import { crossEntropy, embed, forward, initParams, releaseInferenceCache, type GlmConfig, type GlmParams } from '../../src/model/glm';
import { Adam } from '../../src/model/adam';
import { encodeWeights, decodeWeights, fromHalf, toHalf } from '../../src/model/weights';

const config: GlmConfig = { vocabSize: 50, dModel: 16, layers: 2, heads: 2, maxPositions: 32, lnEps: 1e-5, dropout: 0.1 };
let params: GlmParams;

beforeAll(async () => {
  await initNodeBackend('wasm');
  params = initParams(config, 7);
});

/** A construction with ids: tokens 'tN' map to id N. */
function example(tokens: string[], spans: { start: number; end: number }[], order: number[]) {
  const c = construct(tokens, spans, { order });
  const id = (t: string) => (t.startsWith('t') ? Number(t.slice(1)) : 40 + ['[CLS]', '[EOS]', '[MASK]', '[S]', '[E]', '[PAD]'].indexOf(t));
  return { c, input: { ids: [c.tokens.map(id)], positionIds: [c.positionIds], blockPositionIds: [c.blockPositionIds], sep: [c.sep] } };
}
const text = ['[CLS]', 't1', 't2', 't3', 't4', 't5', 't6', '[EOS]'];

describe('GLM forward pass', () => {
  it.each(['trainable', 'frozen (per-head inference path)'])('gives masked attention weights of exactly 0 and rows summing to 1: %s', (kind) => {
    const { c, input } = example(text, [{ start: 3, end: 4 }, { start: 5, end: 7 }], [1, 0]);
    const T = c.tokens.length;
    const p = kind === 'trainable' ? params : (Object.fromEntries(Object.entries(params).map(([n, v]) => [n, tf.variable(v, false)])) as GlmParams);
    tf.tidy(() => {
      const r = forward(p, config, input, { attention: true, hiddenOnly: true });
      expect(r.attention!.length).toBe(config.layers);
      expect(r.attention![0].length).toBe(config.heads);
      for (const layer of r.attention!) {
        for (const w of layer) {
          const a = w.arraySync();
          for (let q = 0; q < T; q++) {
            let sum = 0;
            for (let k = 0; k < T; k++) {
              sum += a[q][k];
              if (!(k < c.sep || k <= q)) expect(a[q][k]).toBe(0);
              else expect(a[q][k]).toBeGreaterThan(0);
            }
            expect(sum).toBeCloseTo(1, 5);
          }
        }
      }
    });
    if (p !== params) {
      releaseInferenceCache(p, config);
      Object.values(p).forEach((v) => v.dispose());
    }
  });

  it('does not leak: changing a span placed later in Part B leaves earlier logits unchanged', () => {
    const spans = [{ start: 2, end: 3 }, { start: 5, end: 7 }];
    const a = example(text, spans, [0, 1]);
    const changed = [...text];
    changed[5] = 't30';
    changed[6] = 't31';
    const b = example(changed, spans, [0, 1]);
    const laterStart = a.c.segments[1].start;
    const la = tf.tidy(() => forward(params, config, a.input).logits!.arraySync());
    const lb = tf.tidy(() => forward(params, config, b.input).logits!.arraySync());
    // The later span's own inputs differ from its second token on.
    expect(b.input.ids[0].slice(laterStart + 1)).not.toEqual(a.input.ids[0].slice(laterStart + 1));
    for (let q = 0; q <= laterStart; q++) expect(lb[q]).toEqual(la[q]);
    expect(lb[laterStart + 2]).not.toEqual(la[laterStart + 2]);
  });

  it('does not grow tf.memory() over repeated calls', () => {
    const { input } = example(text, [{ start: 3, end: 5 }], [0]);
    const run = () => tf.tidy(() => forward(params, config, input, { attention: true }).logits!.sum().dataSync());
    run();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) run();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gives the same logits on the inference path (fused, plain kernels) as on the training path', () => {
    const { input } = example(text, [{ start: 2, end: 4 }, { start: 5, end: 7 }], [1, 0]);
    const noDrop = { ...config, dropout: 0 };
    const infer = tf.tidy(() => forward(params, noDrop, input).logits!.arraySync());
    const train = tf.tidy(() => forward(params, noDrop, input, { training: true }).logits!.arraySync());
    infer.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(train[i][j], 4)));
  });

  it('keeps a frozen model’s inference tables (wte transposed, per-head q/k/v), reused and freed on release', () => {
    // A loaded model's tables are non-trainable variables, as here.
    const frozen = Object.fromEntries(Object.entries(params).map(([n, v]) => [n, tf.variable(v, false)])) as GlmParams;
    const { input } = example(text, [{ start: 3, end: 5 }], [0]);
    const run = () => tf.tidy(() => forward(frozen, config, input).logits!.arraySync());
    const trainable = tf.tidy(() => forward(params, { ...config, dropout: 0 }, input).logits!.arraySync());
    const before = tf.memory().numTensors;
    const first = run();
    // one [d, V] transpose, and per layer and head a q, k and v matrix with its bias
    const kept = 1 + config.layers * config.heads * 6;
    expect(tf.memory().numTensors).toBe(before + kept);
    first.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(trainable[i][j], 4)));
    for (let i = 0; i < 3; i++) expect(run()).toEqual(first);
    expect(tf.memory().numTensors).toBe(before + kept);
    releaseInferenceCache(frozen, config);
    expect(tf.memory().numTensors).toBe(before);
    Object.values(frozen).forEach((v) => v.dispose());
  });

  it('carries only the asked-for rows through the last layer, with the same logits as the full pass', () => {
    const frozen = Object.fromEntries(Object.entries(params).map(([n, v]) => [n, tf.variable(v, false)])) as GlmParams;
    const noDrop = { ...config, dropout: 0 };
    const { c, input } = example(text, [{ start: 2, end: 4 }, { start: 5, end: 7 }], [1, 0]);
    const rows = c.lossMask.flatMap((m, i) => (m ? [i] : []));
    const full = tf.tidy(() => forward(frozen, noDrop, input).logits!.arraySync());
    const r = tf.tidy(() => {
      const out = forward(frozen, noDrop, input, { positions: rows });
      return { logits: out.logits!.arraySync(), hidden: out.hidden.shape };
    });
    expect(r.hidden).toEqual([rows.length, config.dModel]);
    expect(r.logits.length).toBe(rows.length);
    r.logits.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(full[rows[i]!]![j]!, 5)));
    releaseInferenceCache(frozen, config);
    Object.values(frozen).forEach((v) => v.dispose());
  });

  it('sums a frozen model’s embeddings in memory to exactly what the tensor gathers give', () => {
    const frozen = Object.fromEntries(Object.entries(params).map(([n, v]) => [n, tf.variable(v, false)])) as GlmParams;
    const ids = [0, 7, 49, 7, 3];
    const pos = [0, 1, 2, 31, 4];
    const bpos = [0, 0, 1, 2, 31];
    const rows = (t: tf.Tensor, i: number[]) => tf.gather(t, tf.tensor1d(i, 'int32'));
    const want = tf.tidy(() => tf.add(tf.add(rows(params.wte, ids), rows(params.wpe, pos)), rows(params.wbpe, bpos)).arraySync());
    const before = tf.memory().numTensors;
    const got = tf.tidy(() => embed(frozen, ids, pos, bpos).arraySync());
    expect(got).toEqual(want);
    expect(tf.tidy(() => embed(params, ids, pos, bpos).arraySync())).toEqual(want); // trainable: the tensor path
    expect(tf.memory().numTensors).toBe(before);
    releaseInferenceCache(frozen, config);
    Object.values(frozen).forEach((v) => v.dispose());
  });

  it('lowers the loss in a few training steps on a tiny config', () => {
    const p = initParams(config, 11);
    const opt = new Adam(p);
    const { c, input } = example(text, [{ start: 2, end: 4 }, { start: 5, end: 6 }], [1, 0]);
    const positions = c.lossMask.map((m, i) => (m ? i : -1)).filter((i) => i >= 0);
    const id = (t: string) => (t.startsWith('t') ? Number(t.slice(1)) : 40 + ['[CLS]', '[EOS]', '[MASK]', '[S]', '[E]'].indexOf(t));
    const targets = positions.map((i) => id(c.targets[i]));
    const losses: number[] = [];
    for (let s = 0; s < 15; s++) {
      const { value, grads } = tf.variableGrads(() => crossEntropy(forward(p, config, input, { training: true, positions }).logits!, targets));
      opt.apply(grads as Record<string, tf.Tensor>, 1e-2);
      losses.push(value.dataSync()[0]);
      tf.dispose([value, ...Object.values(grads)]);
    }
    expect(losses.at(-1)!).toBeLessThan(losses[0] - 0.5);
    opt.dispose();
    Object.values(p).forEach((v) => v.dispose());
  });
});

describe('float16 weights', () => {
  it('round-trips values within half precision', () => {
    for (const v of [0, 1, -2.5, 0.02, 1e-5, 65504, -3.14159]) expect(Math.abs(fromHalf(toHalf(v)) - v)).toBeLessThanOrEqual(Math.abs(v) * 1e-3 + 1e-7);
    const arrays = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, v.dataSync() as Float32Array]));
    const { bytes, tensors } = encodeWeights(config, arrays);
    const back = decodeWeights(bytes, tensors);
    expect(Math.abs(back.wte[5] - arrays.wte[5])).toBeLessThan(1e-4);
  });
});
