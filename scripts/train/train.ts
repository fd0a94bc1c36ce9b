/**
 * Trains the tiny GLM on the corpus with examples built by the engine; checkpoints and resumes.
 *
 *   tsx scripts/train/train.ts [--config tiny|small|base] [--minutes 90] [--resume] [--batch 16]
 *                              [--lr 2e-3] [--warmup 150] [--eval-every 200] [--ckpt-minutes 5]
 *                              [--out public/models] [--dir .train]
 *
 * Learning rate: linear warmup, then cosine decay to 10% over the wall-time budget (so a run
 * that is given N minutes ends its schedule at N minutes, whatever its speed).
 * SIGTERM / SIGINT: finishes the step, checkpoints, writes the float16 weights and the manifest.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRng } from '../../src/glm';
import { initNodeBackend, tf } from '../../src/model/backend-node';
import { crossEntropy, forward, initParams, paramShapes, type GlmConfig, type GlmParams } from '../../src/model/glm';
import { Adam } from '../../src/model/adam';
import { GlmTokenizer, type TokenizerJson } from '../../src/model/tokenizer';
import { encodeWeights, type Manifest } from '../../src/model/weights';
import { collate, DEFAULT_EXAMPLES, loadCorpus, makeExample, type Batch, type Corpus, type ExampleOptions } from './data';

const root = resolve(import.meta.dirname, '../..');
const argv = process.argv.slice(2);
const flag = (n: string) => argv.includes(`--${n}`);
const arg = (n: string, def: string) => {
  const i = argv.indexOf(`--${n}`);
  return i >= 0 ? argv[i + 1] : def;
};

export const CONFIGS: Record<string, { model: Omit<GlmConfig, 'vocabSize'>; batch: number; maxLen: number }> = {
  tiny: { model: { dModel: 32, layers: 1, heads: 2, maxPositions: 128, lnEps: 1e-5, dropout: 0.1 }, batch: 4, maxLen: 48 },
  small: { model: { dModel: 128, layers: 2, heads: 4, maxPositions: 512, lnEps: 1e-5, dropout: 0.1 }, batch: 16, maxLen: 128 },
  base: { model: { dModel: 128, layers: 3, heads: 4, maxPositions: 512, lnEps: 1e-5, dropout: 0.1 }, batch: 16, maxLen: 128 },
  wide: { model: { dModel: 160, layers: 3, heads: 5, maxPositions: 512, lnEps: 1e-5, dropout: 0.1 }, batch: 16, maxLen: 128 },
};

const configName = arg('config', 'base');
const preset = CONFIGS[configName];
if (!preset) throw new Error(`unknown config ${configName}`);
const minutes = Number(arg('minutes', configName === 'tiny' ? '1' : '90'));
const batchSize = Number(arg('batch', String(preset.batch)));
const peakLr = Number(arg('lr', '2e-3'));
const warmup = Number(arg('warmup', configName === 'tiny' ? '10' : '150'));
const evalEvery = Number(arg('eval-every', configName === 'tiny' ? '20' : '200'));
const ckptMinutes = Number(arg('ckpt-minutes', '5'));
const maxSteps = Number(arg('steps', 'Infinity'));
const outDir = resolve(root, arg('out', configName === 'tiny' ? '.train/tiny-out' : 'public/models'));
const dir = resolve(root, arg('dir', configName === 'tiny' ? '.train/tiny' : '.train'));
const seed = Number(arg('seed', '1'));
const backend = arg('backend', 'wasm') as 'wasm' | 'cpu';

interface CurvePoint {
  step: number;
  minutes: number;
  lr: number;
  train: number;
  heldout: number;
  heldoutSpan: number;
  heldoutDocument: number;
}

interface State {
  config: GlmConfig;
  configName: string;
  step: number;
  elapsedMs: number;
  rng: [number, number, number, number];
  curve: CurvePoint[];
  batch: number;
  examples: ExampleOptions;
  peakLr: number;
  warmup: number;
  minutes: number;
  /** Resumes that changed the schedule (a longer budget and/or a new peak: a warm restart). */
  restarts?: { step: number; minutes: number; budgetMinutes: number; peakLr: number }[];
}

const log = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);

function lrAt(step: number, frac: number, peak: number): number {
  const w = Math.min(1, (step + 1) / warmup);
  const f = Math.min(1, Math.max(0, frac));
  return peak * w * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * f)));
}

function saveArrays(path: string, tensors: Record<string, tf.Tensor>): void {
  const names = Object.keys(tensors).sort();
  const parts = names.map((n) => tensors[n].dataSync() as Float32Array);
  const total = parts.reduce((s, p) => s + p.length, 0);
  const buf = new Float32Array(total);
  let off = 0;
  const index: Record<string, [number, number[]]> = {};
  names.forEach((n, i) => {
    buf.set(parts[i], off);
    index[n] = [off, tensors[n].shape];
    off += parts[i].length;
  });
  writeFileSync(path, Buffer.from(buf.buffer));
  writeFileSync(path + '.json', JSON.stringify(index));
}

function loadArrays(path: string, into: Record<string, tf.Variable>): void {
  const b = readFileSync(path);
  const buf = new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  const index = JSON.parse(readFileSync(path + '.json', 'utf8')) as Record<string, [number, number[]]>;
  for (const [n, v] of Object.entries(into)) {
    const [off, shape] = index[n];
    const n1 = shape.reduce((a, c) => a * c, 1);
    tf.tidy(() => v.assign(tf.tensor(buf.slice(off, off + n1), shape)));
  }
}

function checkpoint(params: GlmParams, opt: Adam, state: State): void {
  const tmp = join(dir, 'ckpt.tmp');
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  saveArrays(join(tmp, 'params.f32'), params);
  saveArrays(join(tmp, 'adam_m.f32'), opt.m);
  saveArrays(join(tmp, 'adam_v.f32'), opt.v);
  writeFileSync(join(tmp, 'state.json'), JSON.stringify({ ...state, adamStep: opt.step }, null, 1));
  const final = join(dir, 'ckpt');
  rmSync(join(dir, 'ckpt.old'), { recursive: true, force: true });
  if (existsSync(final)) renameSync(final, join(dir, 'ckpt.old'));
  renameSync(tmp, final);
  rmSync(join(dir, 'ckpt.old'), { recursive: true, force: true });
}

/** Writes float16 weights + manifest (keeps an existing evaluation only if it is for these weights). */
export function exportModel(params: GlmParams, state: State, corpusInfo: unknown): void {
  mkdirSync(outDir, { recursive: true });
  const arrays: Record<string, Float32Array> = {};
  for (const [n] of paramShapes(state.config)) arrays[n] = params[n].dataSync() as Float32Array;
  const { bytes, tensors } = encodeWeights(state.config, arrays);
  writeFileSync(join(outDir, 'glm.bin'), bytes);
  const tokSrc = join(root, 'public/models/tokenizer.json');
  if (resolve(outDir) !== resolve(root, 'public/models')) writeFileSync(join(outDir, 'tokenizer.json'), readFileSync(tokSrc));
  const last = state.curve[state.curve.length - 1];
  const manifest: Manifest = {
    format: 'glm-infill-lab/1',
    config: state.config,
    tokenizer: 'tokenizer.json',
    weights: { file: 'glm.bin', dtype: 'float16', bytes: bytes.length, tensors },
    corpus: corpusInfo,
    training: {
      config: state.configName,
      script: 'scripts/train/train.ts',
      backend,
      steps: state.step,
      wallMinutes: +(state.elapsedMs / 60000).toFixed(1),
      batch: state.batch,
      examples: state.examples,
      optimizer: { name: 'Adam (decoupled weight decay 0.01, clip 1.0)', beta1: 0.9, beta2: 0.98, peakLr: state.peakLr, warmupSteps: state.warmup, schedule: 'cosine to 10% over the wall-time budget', budgetMinutes: state.minutes, restarts: state.restarts ?? [] },
      dropout: state.config.dropout,
      lossCurve: state.curve,
      finalHeldout: last ? { step: last.step, heldout: last.heldout, span: last.heldoutSpan, document: last.heldoutDocument } : null,
    },
  };
  writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 1) + '\n');
  log(`exported ${(bytes.length / 1e6).toFixed(2)} MB float16 weights + manifest to ${outDir}`);
}

function heldoutLoss(params: GlmParams, config: GlmConfig, batches: Batch[]): { all: number; span: number; document: number } {
  let sum = 0, n = 0, sSum = 0, sN = 0, dSum = 0, dN = 0;
  for (const b of batches) {
    const nll = tf.tidy(() => {
      const r = forward(params, config, b.input, { positions: b.positions });
      const lp = tf.logSoftmax(r.logits!);
      return tf.neg(tf.sum(tf.mul(lp, tf.oneHot(tf.tensor1d(b.targets, 'int32'), config.vocabSize)), 1));
    });
    const v = nll.dataSync();
    nll.dispose();
    v.forEach((x, i) => {
      sum += x;
      n++;
      if (b.objectives[i] === 'span') {
        sSum += x;
        sN++;
      } else {
        dSum += x;
        dN++;
      }
    });
  }
  return { all: sum / n, span: sSum / Math.max(1, sN), document: dSum / Math.max(1, dN) };
}

async function main() {
  const be = await initNodeBackend(backend);
  const tokJson = JSON.parse(readFileSync(join(root, 'public/models/tokenizer.json'), 'utf8')) as TokenizerJson;
  const tok = new GlmTokenizer(tokJson);
  const config: GlmConfig = { vocabSize: tok.size, ...preset.model };
  mkdirSync(dir, { recursive: true });
  const examples: ExampleOptions = { ...DEFAULT_EXAMPLES, maxLen: preset.maxLen, lengthCaps: preset.maxLen <= 64 ? undefined : '40 (20%), 64 (25%), 96 (25%), 128 (30%) per batch' } as ExampleOptions;

  const t0 = Date.now();
  const corpusDir = join(root, 'data/corpus');
  const train: Corpus = loadCorpus(join(corpusDir, configName === 'tiny' ? 'heldout.txt' : 'train.txt'), tok);
  const held: Corpus = loadCorpus(join(corpusDir, 'heldout.txt'), tok);
  const corpusInfo = JSON.parse(readFileSync(join(corpusDir, 'sources.json'), 'utf8'));
  log(`backend ${be}; corpus: ${train.starts.length} train sentences, ${held.starts.length} held-out, tokenized in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // Fixed held-out batches (same every evaluation and every run).
  const hr = createRng(12345);
  const nHeld = configName === 'tiny' ? 2 : 12;
  const heldBatches = Array.from({ length: nHeld }, () => collate(Array.from({ length: 16 }, () => makeExample(held, tok, hr, examples))));

  const params = initParams(config, seed);
  const opt = new Adam(params);
  let state: State = {
    config, configName, step: 0, elapsedMs: 0, rng: createRng(seed).state(), curve: [], batch: batchSize,
    examples, peakLr, warmup, minutes,
  };
  const ckptDir = join(dir, 'ckpt');
  if (flag('resume') && existsSync(join(ckptDir, 'state.json'))) {
    const s = JSON.parse(readFileSync(join(ckptDir, 'state.json'), 'utf8')) as State & { adamStep: number };
    if (JSON.stringify(s.config) !== JSON.stringify(config)) throw new Error('checkpoint config differs: remove .train/ckpt or pick its config');
    loadArrays(join(ckptDir, 'params.f32'), params);
    loadArrays(join(ckptDir, 'adam_m.f32'), opt.m);
    loadArrays(join(ckptDir, 'adam_v.f32'), opt.v);
    opt.step = s.adamStep;
    state = { ...s, minutes: flag('minutes') ? minutes : s.minutes, peakLr: flag('lr') ? peakLr : s.peakLr };
    if (state.minutes !== s.minutes || state.peakLr !== s.peakLr) {
      // A warm restart: the cosine runs over the new budget from where the run stands, so the
      // learning rate jumps up to lrAt(elapsed / budget) and decays again to 10% of the peak.
      state.restarts = [...(s.restarts ?? []), { step: s.step, minutes: +(s.elapsedMs / 60000).toFixed(1), budgetMinutes: state.minutes, peakLr: state.peakLr }];
    }
    log(`resumed at step ${state.step} (${(state.elapsedMs / 60000).toFixed(1)} min trained), budget ${state.minutes} min, peak lr ${state.peakLr}`);
  }
  const nParams = Object.values(params).reduce((s, p) => s + p.size, 0);
  log(`config ${configName} ${JSON.stringify(config)}: ${(nParams / 1e6).toFixed(2)} M parameters, batch ${batchSize}, maxLen ${examples.maxLen}, budget ${state.minutes} min`);

  const rng = createRng(state.rng);
  let stop = false;
  const onSignal = (sig: string) => {
    log(`${sig}: finishing the step, then checkpoint + export`);
    stop = true;
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));

  const budgetMs = state.minutes * 60000;
  let lastCkpt = Date.now();
  const recent: number[] = [];
  const stepTimes: number[] = [];
  const evaluate = () => {
    const h = heldoutLoss(params, config, heldBatches);
    const train = recent.length ? recent.reduce((a, b) => a + b, 0) / recent.length : NaN;
    state.curve.push({
      step: state.step, minutes: +(state.elapsedMs / 60000).toFixed(2), lr: +lrAt(state.step, state.elapsedMs / budgetMs, state.peakLr).toExponential(3),
      train: +train.toFixed(4), heldout: +h.all.toFixed(4), heldoutSpan: +h.span.toFixed(4), heldoutDocument: +h.document.toFixed(4),
    });
    log(`EVAL step ${state.step}: held-out ${h.all.toFixed(3)} (span ${h.span.toFixed(3)}, [gMASK] ${h.document.toFixed(3)}), train ${train.toFixed(3)}`);
  };
  if (state.step === 0) evaluate();

  while (!stop && state.elapsedMs < budgetMs && state.step < maxSteps) {
    // Yield to the event loop so SIGTERM/SIGINT handlers can run between steps.
    await new Promise((r) => setImmediate(r));
    if (stop) break;
    const ts = Date.now();
    // Per-batch length cap: shorter batches waste less padding and train the short texts people type.
    const u = rng.next();
    const cap = preset.maxLen <= 64 ? preset.maxLen : u < 0.2 ? 40 : u < 0.45 ? 64 : u < 0.7 ? 96 : preset.maxLen;
    const ex = { ...examples, maxLen: cap };
    const batch = collate(Array.from({ length: batchSize }, () => makeExample(train, tok, rng, ex)));
    const lr = lrAt(state.step, state.elapsedMs / budgetMs, state.peakLr);
    const { value, grads } = tf.variableGrads(() => {
      const r = forward(params, config, batch.input, { training: true, positions: batch.positions });
      return crossEntropy(r.logits!, batch.targets);
    });
    const gnorm = opt.apply(grads as Record<string, tf.Tensor>, lr);
    const loss = value.dataSync()[0];
    tf.dispose([value, ...Object.values(grads)]);
    state.step++;
    const dt = Date.now() - ts;
    state.elapsedMs += dt;
    state.rng = rng.state();
    recent.push(loss);
    stepTimes.push(dt);
    if (recent.length > 50) recent.shift();
    if (stepTimes.length > 50) stepTimes.shift();
    if (!Number.isFinite(loss)) throw new Error(`loss is ${loss} at step ${state.step}`);
    if (state.step % 10 === 0 || state.step <= 5) {
      const avg = recent.reduce((a, b) => a + b, 0) / recent.length;
      const sps = stepTimes.length / (stepTimes.reduce((a, b) => a + b, 0) / 1000);
      const left = (budgetMs - state.elapsedMs) / 60000;
      log(`step ${state.step} loss ${loss.toFixed(3)} avg50 ${avg.toFixed(3)} |g| ${gnorm.toFixed(2)} lr ${lr.toExponential(2)} T ${batch.input.ids[0].length} ${sps.toFixed(2)} steps/s, ${left.toFixed(1)} min left, tensors ${tf.memory().numTensors}`);
    }
    if (state.step % evalEvery === 0) evaluate();
    if (Date.now() - lastCkpt > ckptMinutes * 60000) {
      checkpoint(params, opt, state);
      exportModel(params, state, corpusInfo);
      lastCkpt = Date.now();
      log(`checkpoint at step ${state.step}`);
    }
  }
  if (state.curve[state.curve.length - 1]?.step !== state.step) evaluate();
  checkpoint(params, opt, state);
  exportModel(params, state, corpusInfo);
  log(`done: ${state.step} steps, ${(state.elapsedMs / 60000).toFixed(1)} min`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
