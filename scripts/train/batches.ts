/**
 * Streams training batches built by the ENGINE (the same `sampleSpans` + `construct` the panels
 * show, through `data.ts`) to a trainer in another process: `scripts/train/torch/train.py` reads
 * them on its stdin. Nothing about the objective is re-implemented on the Python side.
 *
 *   tsx scripts/train/batches.ts --seed 7 --batch 32 [--corpus data/corpus/train.txt] [--count N]
 *     [--doc-prob 0.5] [--repeat-prob 0]   (the training mix; see data.ts)
 *
 * Record layout, little-endian int32 throughout:
 *   magic 0x474c4d42 ('GLMB'), B, T, N (loss positions)
 *   ids[B*T], positionIds[B*T], blockPositionIds[B*T], sep[B],
 *   positions[N] (flat b*T + t), targets[N], objective[N] (0 span, 1 document)
 * Per batch, a length cap is drawn as in train.ts: 40 / 64 / 96 / 128 (20/25/25/30%).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRng } from '../../src/glm';
import { GlmTokenizer, type TokenizerJson } from '../../src/model/tokenizer';
import { collate, DEFAULT_EXAMPLES, loadCorpus, makeExample, type Batch } from './data';

export const MAGIC = 0x474c4d42;

/** The batch as one binary record (see the layout above). */
export function encodeBatch(b: Batch): Buffer {
  const B = b.input.ids.length;
  const T = b.input.ids[0].length;
  const N = b.positions.length;
  const a = new Int32Array(4 + 3 * B * T + B + 3 * N);
  let o = 0;
  a[o++] = MAGIC;
  a[o++] = B;
  a[o++] = T;
  a[o++] = N;
  for (const m of [b.input.ids, b.input.positionIds, b.input.blockPositionIds]) for (const row of m) for (const v of row) a[o++] = v;
  for (const s of b.input.sep) a[o++] = s;
  for (const p of b.positions) a[o++] = p;
  for (const t of b.targets) a[o++] = t;
  for (const ob of b.objectives) a[o++] = ob === 'document' ? 1 : 0;
  return Buffer.from(a.buffer);
}

/** Draws the per-batch length cap, as train.ts does. */
export function lengthCap(u: number, maxLen: number): number {
  return maxLen <= 64 ? maxLen : u < 0.2 ? 40 : u < 0.45 ? 64 : u < 0.7 ? 96 : maxLen;
}

async function main() {
  const root = resolve(import.meta.dirname, '../..');
  const argv = process.argv.slice(2);
  const arg = (n: string, def: string) => {
    const i = argv.indexOf(`--${n}`);
    return i >= 0 ? argv[i + 1] : def;
  };
  const seed = Number(arg('seed', '1'));
  const batchSize = Number(arg('batch', '32'));
  const maxLen = Number(arg('max-len', '128'));
  const count = Number(arg('count', 'Infinity'));
  // Training-mix settings (the held-out stream keeps the defaults, so its loss stays comparable).
  const docProb = Number(arg('doc-prob', String(DEFAULT_EXAMPLES.docProb)));
  const repeatProb = Number(arg('repeat-prob', '0'));
  if (!(docProb >= 0 && docProb <= 1) || !(repeatProb >= 0 && repeatProb <= 1)) throw new Error('--doc-prob and --repeat-prob are probabilities');
  const tok = new GlmTokenizer(JSON.parse(readFileSync(join(root, arg('tokenizer', 'public/models/tokenizer.json')), 'utf8')) as TokenizerJson);
  const corpus = loadCorpus(resolve(root, arg('corpus', 'data/corpus/train.txt')), tok);
  process.stderr.write(`batches: ${corpus.starts.length} sentences, seed ${seed}, batch ${batchSize}, docProb ${docProb}, repeatProb ${repeatProb}\n`);
  const rng = createRng(seed);
  const out = process.stdout;
  for (let i = 0; i < count; i++) {
    const cap = lengthCap(rng.next(), maxLen);
    const ex = { ...DEFAULT_EXAMPLES, maxLen: cap, docProb, repeatProb };
    const b = collate(Array.from({ length: batchSize }, () => makeExample(corpus, tok, rng, ex)));
    if (!out.write(encodeBatch(b))) await new Promise((r) => out.once('drain', r));
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  main().catch((e) => {
    if ((e as NodeJS.ErrnoException).code === 'EPIPE') process.exit(0);
    console.error(e);
    process.exit(1);
  });
  process.stdout.on('error', (e: NodeJS.ErrnoException) => process.exit(e.code === 'EPIPE' ? 0 : 1));
}
