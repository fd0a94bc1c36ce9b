/**
 * Evaluates the shipped model on held-out text and writes the figures into manifest.json.
 *
 *   tsx scripts/train/eval.ts [--model public/models/manifest.json] [--examples 600] [--dry]
 *
 * Examples are built by the engine from `data/corpus/heldout.txt` exactly as in training (fixed
 * seed): short spans (ratio 0.3) and document-level [gMASK] continuation, texts of varying length.
 * For every Part B target: NLL, top-1 and top-5. The baseline is a unigram over Part B targets
 * (span tokens and [E]/[EOS]), one per objective, counted on 20,000 training examples built the same
 * way (add-one smoothing).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRng } from '../../src/glm';
import { initNodeBackend, tf } from '../../src/model/backend-node';
import { forward } from '../../src/model/glm';
import { load } from '../../src/model/weights';
import { collate, DEFAULT_EXAMPLES, loadCorpus, makeExample, type Example } from './data';

const root = resolve(import.meta.dirname, '../..');
const argv = process.argv.slice(2);
const arg = (n: string, def: string) => {
  const i = argv.indexOf(`--${n}`);
  return i >= 0 ? argv[i + 1] : def;
};
const modelPath = resolve(root, arg('model', 'public/models/manifest.json'));
const nExamples = Number(arg('examples', '600'));

interface Acc {
  tokens: number;
  nll: number;
  top1: number;
  top5: number;
}
const acc = (): Acc => ({ tokens: 0, nll: 0, top1: 0, top5: 0 });
const summary = (a: Acc) => ({
  tokens: a.tokens,
  nll: +(a.nll / a.tokens).toFixed(4),
  perplexity: +Math.exp(a.nll / a.tokens).toFixed(1),
  top1: +(a.top1 / a.tokens).toFixed(4),
  top5: +(a.top5 / a.tokens).toFixed(4),
});

async function main() {
  await initNodeBackend('wasm');
  const t0 = Date.now();
  const model = await load({ modelUrl: modelPath });
  const tok = model.tokenizer;
  const V = model.config.vocabSize;
  const held = loadCorpus(join(root, 'data/corpus/heldout.txt'), tok);
  const rng = createRng(20240601);
  const examples: Example[] = Array.from({ length: nExamples }, () => makeExample(held, tok, rng, DEFAULT_EXAMPLES));

  // Unigram over Part B targets of training-style examples from the training corpus, one per
  // objective (the stronger baseline: [E] is a quarter of short-span targets, rare in [gMASK] ones).
  const train = loadCorpus(join(root, 'data/corpus/train.txt'), tok);
  const trng = createRng(7);
  const makeUnigram = () => ({ counts: new Float64Array(V).fill(1), lp: [] as number[], top1: 0, top5: new Set<number>() });
  // `spanWords`: short-span targets other than [E], against a unigram over those alone (its best
  // guess is then a word, not [E]): how well the model guesses the words themselves.
  const eop = tok.idOf('[E]');
  const uni = { span: makeUnigram(), document: makeUnigram(), spanWords: makeUnigram() };
  for (let i = 0; i < 20000; i++) {
    const e = makeExample(train, tok, trng, DEFAULT_EXAMPLES);
    const u = uni[e.objective === 'span' ? 'span' : 'document'];
    e.lossMask.forEach((m, t) => m && u.counts[e.targets[t]]++);
    if (e.objective === 'span') e.lossMask.forEach((m, t) => m && e.targets[t] !== eop && uni.spanWords.counts[e.targets[t]]++);
  }
  uni.spanWords.counts[eop] = 0;
  for (const u of Object.values(uni)) {
    const total = u.counts.reduce((a, b) => a + b, 0);
    u.lp = Array.from(u.counts, (c) => Math.log(c / total));
    const rank = Array.from(u.lp.keys()).sort((a, b) => u.lp[b] - u.lp[a]);
    u.top1 = rank[0];
    u.top5 = new Set(rank.slice(0, 5));
  }

  const res = {
    model: { span: acc(), document: acc(), all: acc(), spanWords: acc() },
    unigram: { span: acc(), document: acc(), all: acc(), spanWords: acc() },
  };
  for (let i = 0; i < examples.length; i += 16) {
    const b = collate(examples.slice(i, i + 16));
    const lp = tf.tidy(() => tf.logSoftmax(forward(model.params, model.config, b.input, { positions: b.positions }).logits!));
    const data = lp.dataSync() as Float32Array;
    lp.dispose();
    b.targets.forEach((y, j) => {
      const row = data.subarray(j * V, (j + 1) * V);
      const ly = row[y];
      let higher = 0;
      for (let v = 0; v < V; v++) if (row[v] > ly) higher++;
      const obj = b.objectives[j] === 'span' ? 'span' : 'document';
      for (const a of [res.model[obj], res.model.all]) {
        a.tokens++;
        a.nll -= ly;
        if (higher === 0) a.top1++;
        if (higher < 5) a.top5++;
      }
      const u = uni[obj];
      for (const a of [res.unigram[obj], res.unigram.all]) {
        a.tokens++;
        a.nll -= u.lp[y];
        if (y === u.top1) a.top1++;
        if (u.top5.has(y)) a.top5++;
      }
      if (obj === 'span' && y !== eop) {
        const m = res.model.spanWords;
        m.tokens++;
        m.nll -= ly;
        if (higher === 0) m.top1++;
        if (higher < 5) m.top5++;
        const w = uni.spanWords;
        const a = res.unigram.spanWords;
        a.tokens++;
        a.nll -= w.lp[y];
        if (y === w.top1) a.top1++;
        if (w.top5.has(y)) a.top5++;
      }
    });
  }
  const evaluation = {
    date: new Date().toISOString(),
    script: 'scripts/train/eval.ts',
    heldout: `${nExamples} examples from data/corpus/heldout.txt (engine-built, seed 20240601): short spans ratio ${DEFAULT_EXAMPLES.spanRatio} and [gMASK] continuation (p ${DEFAULT_EXAMPLES.docProb}), texts of 1 sentence to ${DEFAULT_EXAMPLES.maxLen} tokens`,
    metric: 'per Part B target token (span tokens and the [E]/[EOS] that ends each span): NLL in nats, top-1/top-5 accuracy',
    model: { span: summary(res.model.span), spanWords: summary(res.model.spanWords), document: summary(res.model.document), all: summary(res.model.all) },
    unigram: { span: summary(res.unigram.span), spanWords: summary(res.unigram.spanWords), document: summary(res.unigram.document), all: summary(res.unigram.all) },
    spanWords: 'short-span targets other than [E]; its unigram is counted over those targets alone',
    trainingStep: (model.manifest.training as { steps?: number } | undefined)?.steps ?? null,
  };
  console.log(JSON.stringify(evaluation, null, 2));
  if (!argv.includes('--dry')) {
    const manifest = JSON.parse(readFileSync(modelPath, 'utf8'));
    manifest.evaluation = evaluation;
    writeFileSync(modelPath, JSON.stringify(manifest, null, 1) + '\n');
    console.log(`written to ${modelPath} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  model.dispose();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
