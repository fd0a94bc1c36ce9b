/**
 * Pre-training benchmark (`npm run bench:train`): how fast the Pre-training panel's tiny GLM
 * (src/model/pretrain, TINY_CONFIG) trains in Node on the wasm backend, and how many steps it
 * takes to halve its held-out loss on a fixed text.
 *
 *   npm run bench:train [-- --runs 5] [-- --steps 10] [-- --max-steps 400] [-- --no-ablations]
 *
 * 1. Speed: texts of 32, 64 and 128 framed tokens ([CLS] … [EOS]), batch 8, the panel's default
 *    settings (λ = 3, ratio 0.15, learning rate 0.003, seed 1). After a warm-up of 5 steps, `runs`
 *    runs of `steps` steps each; each run's mean is one sample and the figure is their median
 *    (min–max beside it). Held-out scoring is off while timing (it is every 10 steps in the page).
 *    Also the 64-token text with the two ablations beside GLM (three models a step).
 * 2. Learning: the 64-token text, held-out loss scored after every step (16 fixed draws), the
 *    first step at which it is at most half of its value before training; for GLM and, unless
 *    --no-ablations, for the two ablations on the same draws.
 *
 * Wall-clock figures on whatever machine runs this: a busy machine shows up in them. Prints only;
 * nothing here is asserted.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initNodeBackend, tf } from '../../src/model/backend-node';
import { PretrainRun, type PretrainSettings } from '../../src/model/pretrain/trainer';
import { DEFAULT_PRETRAIN, TINY_CONFIG } from '../../src/model/pretrain/settings';
import { GlmTokenizer, type TokenizerJson } from '../../src/model/tokenizer';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const argv = process.argv.slice(2);
const num = (name: string, fallback: number) => {
  const i = argv.indexOf(name);
  const v = i >= 0 ? Number(argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? Math.trunc(v) : fallback;
};
const RUNS = num('--runs', 5);
const STEPS = num('--steps', 10);
const MAX_STEPS = num('--max-steps', 400);
const ABLATIONS = !argv.includes('--no-ablations');
const WARMUP = 5;
const BATCH = 8;
const SIZES = [32, 64, 128] as const;

/**
 * The fixed benchmark text: the opening of A Tale of Two Cities (Dickens, 1859, public domain).
 * Each size takes as many of its words as fit in that many framed tokens.
 */
const SOURCE =
  'It was the best of times, it was the worst of times, it was the age of wisdom, it was the age of ' +
  'foolishness, it was the epoch of belief, it was the epoch of incredulity, it was the season of ' +
  'Light, it was the season of Darkness, it was the spring of hope, it was the winter of despair, ' +
  'we had everything before us, we had nothing before us, we were all going direct to Heaven, we ' +
  'were all going direct the other way. In short, the period was so far like the present period, ' +
  'that some of its noisiest authorities insisted on its being received, for good or for evil, in ' +
  'the superlative degree of comparison only.';

const tok = new GlmTokenizer(
  JSON.parse(readFileSync(join(root, 'public/models/tokenizer.json'), 'utf8')) as TokenizerJson,
);
const framed = (text: string) => tok.encode(text).tokens.length + 2;

/** The longest prefix of SOURCE (whole words) with at most `n` framed tokens. */
function textOf(n: number): { text: string; tokens: number } {
  const words = SOURCE.split(' ');
  let best = '';
  for (let k = 1; k <= words.length; k++) {
    const t = words.slice(0, k).join(' ');
    if (framed(t) > n) break;
    best = t;
  }
  return { text: best, tokens: framed(best) };
}

const settings = (patch: Partial<PretrainSettings> = {}): PretrainSettings => ({
  ...DEFAULT_PRETRAIN,
  seed: 1,
  batchSize: BATCH,
  ...patch,
});

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

interface SpeedRow {
  label: string;
  tokens: number;
  /** Mean sequence length of the examples (Part A + Part B, before padding to a multiple of 8). */
  seq: number;
  ms: number[];
}

function speed(label: string, text: string, tokens: number, ablations: boolean): SpeedRow {
  // Held-out scoring only at a step that is never reached: the timing is of training steps.
  const run = new PretrainRun({ ...settings({ ablations }), text, tokenizer: tok, heldoutEvery: 1e9 });
  for (let i = 0; i < WARMUP; i++) run.next();
  const ms: number[] = [];
  let seqSum = 0;
  let seqN = 0;
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    for (let i = 0; i < STEPS; i++) {
      run.next();
      for (const e of run.main.lastExamples) {
        seqSum += e.ids.length;
        seqN++;
      }
    }
    ms.push((performance.now() - t0) / STEPS);
  }
  run.dispose();
  return { label, tokens, seq: seqSum / seqN, ms };
}

interface HalfRow {
  variant: string;
  start: number;
  step: number | null;
  loss: number;
}

function halving(text: string): { rows: HalfRow[]; seconds: number } {
  const run = new PretrainRun({ ...settings({ ablations: ABLATIONS }), text, tokenizer: tok, heldoutEvery: 1 });
  const starts = run.info.heldoutStarts;
  const found: (number | null)[] = starts.map(() => null);
  const last: number[] = [...starts];
  const t0 = performance.now();
  for (let s = 1; s <= MAX_STEPS && found.some((f) => f === null); s++) {
    const r = run.next();
    r.runs.forEach((v, i) => {
      last[i] = v.heldout!;
      if (found[i] === null && v.heldout! <= starts[i]! / 2) found[i] = s;
    });
  }
  const seconds = (performance.now() - t0) / 1000;
  const rows = run.info.variants.map((variant, i) => ({
    variant,
    start: starts[i]!,
    step: found[i]!,
    loss: last[i]!,
  }));
  run.dispose();
  return { rows, seconds };
}

const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);

async function main(): Promise<void> {
  const backend = await initNodeBackend('wasm');
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  console.log(`# bench:train — the Pre-training panel's tiny GLM, Node ${process.version}, tfjs ${tf.version_core} (${backend})`);
  console.log(`# ${os.cpus().length} × ${cpu}; load average ${os.loadavg().map(f2).join(' ')}`);
  console.log(
    `# model: ${TINY_CONFIG.layers} layer, ${TINY_CONFIG.heads} heads, d = ${TINY_CONFIG.dModel}, vocabulary ${tok.size}; batch ${BATCH}, λ ${DEFAULT_PRETRAIN.lambda}, ratio ${DEFAULT_PRETRAIN.ratio}, learning rate ${DEFAULT_PRETRAIN.learningRate}, seed 1`,
  );
  console.log(`# speed: median of ${RUNS} runs of ${STEPS} steps after ${WARMUP} warm-up steps (min–max)`);
  console.log('');
  const rows: SpeedRow[] = [];
  for (const n of SIZES) {
    const { text, tokens } = textOf(n);
    rows.push(speed('GLM', text, tokens, false));
    process.stderr.write(`  ${n} tokens done\n`);
  }
  const mid = textOf(64);
  rows.push(speed('GLM + 2 ablations', mid.text, mid.tokens, true));
  console.log('| models | text tokens | mean sequence | ms per step | steps per second |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    const m = median(r.ms);
    console.log(
      `| ${r.label} | ${r.tokens} | ${f1(r.seq)} | ${f1(m)} (${f1(Math.min(...r.ms))}–${f1(Math.max(...r.ms))}) | ${f1(1000 / m)} |`,
    );
  }
  console.log('');
  const h = halving(mid.text);
  console.log(
    `# learning: the ${mid.tokens}-token text, held-out loss (16 fixed draws) after every step, up to ${MAX_STEPS} steps`,
  );
  console.log('| model | held-out before | steps until halved | held-out at the end |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const r of h.rows)
    console.log(
      `| ${r.variant} | ${f2(r.start)} | ${r.step ?? `not within ${MAX_STEPS}`} | ${f2(r.loss)} |`,
    );
  console.log('');
  console.log(`# ${f1(h.seconds)} s for the learning run (held-out scoring every step included)`);
}

void main();
