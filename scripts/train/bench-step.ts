// Development aid: time a few training steps on random data.  tsx scripts/train/bench-step.ts d layers heads batch T
import { initNodeBackend, tf } from '../../src/model/backend-node';
import { initParams, forward, crossEntropy, type GlmConfig } from '../../src/model/glm';
import { Adam } from '../../src/model/adam';
const [d, L, H, B, T] = process.argv.slice(2).map(Number);
await initNodeBackend('wasm');
const c: GlmConfig = { vocabSize: 4000, dModel: d, layers: L, heads: H, maxPositions: 512, lnEps: 1e-5, dropout: 0.1 };
const p = initParams(c, 1);
const opt = new Adam(p);
const rnd = (n: number) => Math.floor(Math.random() * n);
const input = { ids: [...Array(B)].map(() => [...Array(T)].map(() => rnd(4000))), positionIds: [...Array(B)].map(() => [...Array(T)].map((_, i) => Math.min(i, 100))), blockPositionIds: [...Array(B)].map(() => [...Array(T)].map((_, i) => Math.max(0, i - 90))), sep: [...Array(B)].map(() => Math.floor(T * 0.65)) };
const positions: number[] = []; const targets: number[] = [];
for (let b = 0; b < B; b++) for (let t = Math.floor(T * 0.65); t < T; t++) { positions.push(b * T + t); targets.push(rnd(4000)); }
for (let i = 0; i < 6; i++) {
  const t0 = performance.now();
  const { value, grads } = tf.variableGrads(() => { const r = forward(p, c, input, { training: true, positions }); return crossEntropy(r.logits!, targets); });
  opt.apply(grads as Record<string, tf.Tensor>, 1e-3);
  const l = value.dataSync()[0]; value.dispose(); tf.dispose(Object.values(grads));
  console.log(d, L, H, B, T, 'step', i, l.toFixed(3), ((performance.now() - t0) / 1000).toFixed(2), 's', tf.memory().numTensors);
}
