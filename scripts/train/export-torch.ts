/**
 * Turns a checkpoint of the PyTorch trainer (scripts/train/torch/train.py) into the shipped model:
 * float16 `glm.bin` and `manifest.json` in public/models (or --out), with the training record
 * (steps, examples, tokens, sessions, schedule, loss curve) and the corpus sources. `npm run eval`
 * adds the evaluation afterwards.
 *
 *   tsx scripts/train/export-torch.ts [--ckpt .train/torch/cooldown] [--out public/models]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { paramShapes, type GlmConfig } from '../../src/model/glm';
import { encodeWeights, type Manifest } from '../../src/model/weights';

interface TorchState {
  config: GlmConfig;
  step: number;
  elapsedMs: number;
  examples: number;
  tokens: number;
  peakLr: number;
  warmup: number;
  batch: number;
  seed: number;
  curve: unknown[];
  sessions: unknown[];
  cooldown?: { fromStep: number; steps: number };
}

const root = resolve(import.meta.dirname, '../..');
const argv = process.argv.slice(2);
const arg = (n: string, def: string) => {
  const i = argv.indexOf(`--${n}`);
  return i >= 0 ? argv[i + 1] : def;
};
const ckpt = resolve(root, arg('ckpt', '.train/torch/cooldown'));
const outDir = resolve(root, arg('out', 'public/models'));

const state = JSON.parse(readFileSync(join(ckpt, 'state.json'), 'utf8')) as TorchState;
const b = readFileSync(join(ckpt, 'params.f32'));
const all = new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
const index = JSON.parse(readFileSync(join(ckpt, 'params.f32.json'), 'utf8')) as Record<string, [number, number[]]>;
const arrays: Record<string, Float32Array> = {};
for (const [name, shape] of paramShapes(state.config)) {
  const [off, s] = index[name];
  if (JSON.stringify(s) !== JSON.stringify(shape)) throw new Error(`${name}: shape ${s} in the checkpoint, ${shape} expected`);
  arrays[name] = all.slice(off, off + shape.reduce((a, c) => a * c, 1));
}
const { bytes, tensors } = encodeWeights(state.config, arrays);
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'glm.bin'), bytes);
const corpus = JSON.parse(readFileSync(join(root, 'data/corpus/sources.json'), 'utf8')) as unknown;
const last = state.curve[state.curve.length - 1] as { step: number; heldout: number; heldoutSpan: number; heldoutDocument: number } | undefined;
const nParams = Object.values(arrays).reduce((s, a) => s + a.length, 0);
const manifest: Manifest = {
  format: 'glm-infill-lab/1',
  config: state.config,
  tokenizer: 'tokenizer.json',
  weights: { file: 'glm.bin', dtype: 'float16', bytes: bytes.length, tensors },
  corpus,
  training: {
    script: 'scripts/train/torch/train.py (PyTorch, CPU) on batches from scripts/train/batches.ts (the engine)',
    backend: 'pytorch-cpu',
    parameters: nParams,
    steps: state.step,
    examples: state.examples,
    tokens: state.tokens,
    wallMinutes: +(state.elapsedMs / 60000).toFixed(1),
    batch: state.batch,
    seed: state.seed,
    optimizer: {
      name: 'AdamW (weight decay 0.01 on matrices, clip 1.0)',
      beta1: 0.9,
      beta2: 0.98,
      peakLr: state.peakLr,
      warmupSteps: state.warmup,
      schedule: 'warmup-stable-decay: linear warmup, constant peak, then a linear cool-down to 0 branched off the stable checkpoint',
      cooldown: state.cooldown ?? null,
    },
    sessions: state.sessions,
    dropout: state.config.dropout,
    lossCurve: state.curve,
    finalHeldout: last ? { step: last.step, heldout: last.heldout, span: last.heldoutSpan, document: last.heldoutDocument } : null,
  },
};
writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 1) + '\n');
console.log(`exported step ${state.step}: ${(bytes.length / 1e6).toFixed(2)} MB float16, ${nParams} parameters -> ${outDir}`);
