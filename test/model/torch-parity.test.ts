/**
 * The PyTorch trainer (scripts/train/torch/glm.py) makes the shipped weights; the page runs them in
 * tfjs (src/model/glm.ts). Logits written by the PyTorch forward pass on a small random model
 * (test/fixtures/torch-parity, from scripts/train/torch/parity.py) must equal the tfjs ones.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend, tf } from '../../src/model/backend-node';
import { crossEntropy, forward, paramShapes, type GlmConfig, type GlmInput, type GlmParams } from '../../src/model/glm';

const dir = join(import.meta.dirname, '../fixtures/torch-parity');
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as {
  config: GlmConfig;
  input: GlmInput;
  logits: number[][];
  attention0: number[][];
  lossRows: number[];
  lossTargets: number[];
  loss: number;
};

function readArrays(file: string): Record<string, Float32Array> {
  const b = readFileSync(join(dir, file));
  const all = new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  const index = JSON.parse(readFileSync(join(dir, file + '.json'), 'utf8')) as Record<string, [number, number[]]>;
  return Object.fromEntries(Object.entries(index).map(([n, [off, shape]]) => [n, all.slice(off, off + shape.reduce((a, c) => a * c, 1))]));
}

function loadParams(frozen: boolean): GlmParams {
  const b = readFileSync(join(dir, 'params.f32'));
  const all = new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  const index = JSON.parse(readFileSync(join(dir, 'params.f32.json'), 'utf8')) as Record<string, [number, number[]]>;
  const p: GlmParams = {};
  for (const [name, shape] of paramShapes(expected.config)) {
    const [off, s] = index[name];
    expect(s).toEqual(shape);
    const size = shape.reduce((a, c) => a * c, 1);
    p[name] = tf.variable(tf.tensor(all.slice(off, off + size), shape), !frozen);
  }
  return p;
}

beforeAll(async () => {
  await initNodeBackend('wasm');
});

describe('PyTorch and tfjs forward passes', () => {
  it('give the same training loss and the same gradient for every parameter (training path, no dropout)', () => {
    const p = loadParams(false);
    const config = { ...expected.config, dropout: 0 };
    const { value, grads } = tf.variableGrads(() => {
      const r = forward(p, config, expected.input, { training: true, positions: expected.lossRows });
      return crossEntropy(r.logits!, expected.lossTargets);
    });
    expect(Math.abs(value.dataSync()[0] - expected.loss)).toBeLessThan(1e-4);
    const want = readArrays('grads.f32');
    let checked = 0;
    for (const [name] of paramShapes(expected.config)) {
      const g = grads[p[name].name].dataSync();
      const w = want[name];
      const scale = Math.max(1e-6, ...Array.from(w, Math.abs));
      let worst = 0;
      for (let i = 0; i < w.length; i++) worst = Math.max(worst, Math.abs(g[i] - w[i]));
      expect(worst / scale, name).toBeLessThan(1e-3);
      checked++;
    }
    expect(checked).toBe(paramShapes(expected.config).length);
    tf.dispose([value, ...Object.values(grads), ...Object.values(p)]);
  });


  for (const frozen of [false, true]) {
    it(`give the same logits at every row to 1e-4 (${frozen ? 'inference path' : 'training path'})`, () => {
      const p = loadParams(frozen);
      const { logits, attention } = forward(p, expected.config, expected.input, { attention: true });
      const got = logits!.arraySync();
      expect(got.length).toBe(expected.logits.length);
      let worst = 0;
      got.forEach((row, r) => row.forEach((v, j) => (worst = Math.max(worst, Math.abs(v - expected.logits[r][j])))));
      expect(worst).toBeLessThan(1e-4);
      // The logits are far from trivial: rows differ by much more than the tolerance.
      expect(Math.abs(got[0][0] - got[5][0])).toBeGreaterThan(1e-2);
      const a0 = attention![0][0].arraySync();
      a0.forEach((row, q) => row.forEach((v, k) => expect(Math.abs(v - expected.attention0[q][k])).toBeLessThan(1e-5)));
      Object.values(p).forEach((t) => t.dispose());
      tf.dispose([logits!, ...attention!.flat()]);
    });
  }
});
