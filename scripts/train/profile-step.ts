// Kernel-level profile of one training step (development aid).
import { initNodeBackend, tf } from '../../src/model/backend-node';
import { initParams, forward, crossEntropy, type GlmConfig } from '../../src/model/glm';
const [d, L, H, B, T] = process.argv.slice(2).map(Number);
await initNodeBackend('wasm');
const c: GlmConfig = { vocabSize: 4000, dModel: d, layers: L, heads: H, maxPositions: 512, lnEps: 1e-5, dropout: 0.1 };
const p = initParams(c, 1);
const rnd = (n: number) => Math.floor(Math.random() * n);
const input = { ids: [...Array(B)].map(() => [...Array(T)].map(() => rnd(4000))), positionIds: [...Array(B)].map(() => [...Array(T)].map((_, i) => Math.min(i, 100))), blockPositionIds: [...Array(B)].map(() => [...Array(T)].map((_, i) => Math.max(0, i - 90))), sep: [...Array(B)].map(() => Math.floor(T * 0.65)) };
const positions: number[] = []; const targets: number[] = [];
for (let b = 0; b < B; b++) for (let t = Math.floor(T * 0.65); t < T; t++) { positions.push(b * T + t); targets.push(rnd(4000)); }
const step = () => { const { value, grads } = tf.variableGrads(() => crossEntropy(forward(p, c, input, { training: true, positions }).logits!, targets)); value.dataSync(); tf.dispose([value, ...Object.values(grads)]); };
step();
const prof = await tf.profile(step);
const agg = new Map<string, [number, number]>();
for (const k of prof.kernels) { const a = agg.get(k.name) ?? [0, 0]; a[0] += k.kernelTimeMs as number; a[1]++; agg.set(k.name, a); }
console.log([...agg].sort((a, b) => b[1][0] - a[1][0]).slice(0, 20).map(([n, [t, c]]) => `${n} ${t.toFixed(0)}ms x${c}`).join('\n'));
const t0 = performance.now(); step(); console.log('step', (performance.now() - t0).toFixed(0), 'ms');
