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
import { CLOZE_EN, CLOZE_ZH, COPY_WRITTEN, parseCloze } from './cloze-set';
import { copyHeads, fills, heldoutCopyCases, isCjkToken, makeUnigram as scriptUnigram, scoreBlank, scoreCloze, summarise, writtenCopyCase, type BlankScore, type CopyCase } from './probes';

/** Typed sentences whose fills go in the manifest and docs (the table, the app's and lesson's texts). */
export const FILL_TEXTS = [
  'The capital of France is [MASK].',
  'In the beginning God created the [MASK] and the earth.',
  'And God said, Let there be [MASK]: and there was light.',
  'I like to eat [MASK] for breakfast.',
  'The people of [MASK] will build a better [MASK] for their children.',
  'The people were kind and the day was full of [MASK].',
  'The United States of [MASK].',
  'Birds can [MASK] high in the sky.',
  '今天天气很[MASK]。',
  '床前明月[MASK]，疑是地上霜。',
  '我们明天一起去[MASK]。',
  '我是中国[MASK]。',
];

const root = resolve(import.meta.dirname, '../..');
const argv = process.argv.slice(2);
const arg = (n: string, def: string) => {
  const i = argv.indexOf(`--${n}`);
  return i >= 0 ? argv[i + 1] : def;
};
const modelPath = resolve(root, arg('model', 'public/models/manifest.json'));
const nExamples = Number(arg('examples', '600'));
const nUnigram = Number(arg('unigram', '20000'));

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
  for (let i = 0; i < nUnigram; i++) {
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
  // Does the model read Part A? The same short-span examples with every Part A word replaced by
  // [UNK] (specials, masks and all positions kept): the rise in Part B NLL is what context gives.
  const unk = tok.idOf('[UNK]');
  const keep = new Set(['[CLS]', '[EOS]', '[MASK]', '[gMASK]', '[sMASK]'].map((t) => tok.idOf(t)));
  const zhShare = (e: Example) => e.ids.filter((id) => isCjkToken(tok.tokenOf(id))).length / e.ids.length;
  const nllOf = (exs: Example[]) => {
    let sum = 0;
    let n = 0;
    for (let i = 0; i < exs.length; i += 16) {
      const b = collate(exs.slice(i, i + 16));
      const lp = tf.tidy(() => tf.logSoftmax(forward(model.params, model.config, b.input, { positions: b.positions }).logits!));
      const data = lp.dataSync() as Float32Array;
      lp.dispose();
      b.targets.forEach((y, j) => {
        sum -= data[j * V + y];
        n++;
      });
    }
    return sum / Math.max(1, n);
  };
  const gainOf = (exs: Example[]) => {
    const blind = exs.map((e) => ({ ...e, ids: e.ids.map((id, t) => (t < e.sep && !keep.has(id) ? unk : id)) }));
    const withContext = nllOf(exs);
    const withoutContext = nllOf(blind);
    return { examples: exs.length, withContext: +withContext.toFixed(4), withoutContext: +withoutContext.toFixed(4), gain: +(withoutContext - withContext).toFixed(4) };
  };
  const spanExamples = examples.filter((e) => e.objective === 'span');
  const contextGain = {
    description: 'short-span Part B NLL (nats per target) on the held-out examples as they are, and with every Part A word replaced by [UNK]; the difference is what reading the context is worth',
    en: gainOf(spanExamples.filter((e) => zhShare(e) < 0.2)),
    zh: gainOf(spanExamples.filter((e) => zhShare(e) >= 0.5)),
  };
  console.log(`context gain: ${JSON.stringify(contextGain.en)} ${JSON.stringify(contextGain.zh)}`);

  // Cloze, copy test, copy heads, fills (scripts/train/probes.ts), beside the span-word unigram.
  const u = scriptUnigram(uni.spanWords.counts, (i) => tok.tokenOf(i));
  const trainText = readFileSync(join(root, 'data/corpus/train.txt'), 'utf8').toLowerCase();
  const inTraining = (line: string) => {
    const { before, answer, after } = parseCloze(line);
    return trainText.includes((before + answer + after).toLowerCase().replace(/[。，？！.,?!]+$/u, ''));
  };
  const cloze = (lines: readonly string[]) => lines.map((l) => ({ ...scoreCloze(model, u, l), inTraining: inTraining(l) }));
  const clozeEn = cloze(CLOZE_EN);
  const clozeZh = cloze(CLOZE_ZH);
  const frequent = new Set(Array.from(uni.spanWords.counts.keys()).sort((a, b) => uni.spanWords.counts[b] - uni.spanWords.counts[a]).slice(0, 100));
  const crng = createRng(4242);
  const copyCases = { en: heldoutCopyCases(held, model, crng, 200, 'en', frequent), zh: heldoutCopyCases(held, model, crng, 200, 'zh', frequent), written: COPY_WRITTEN.map((l) => writtenCopyCase(model, l)) };
  const copyScore = (cs: CopyCase[]): BlankScore[] => cs.map((c) => scoreBlank(model, u, c.tokens, c.index, c.tokens.slice(1, -1).join(' ')));
  const copy = { en: copyScore(copyCases.en), zh: copyScore(copyCases.zh), written: copyScore(copyCases.written) };
  const heads = copyHeads(model, [...copyCases.en, ...copyCases.zh]);
  const fillRows = fills(model, u, FILL_TEXTS);
  // Tokenizer coverage: the common list, and [UNK] on held-out text (all of it, and its CJK characters).
  const common = (JSON.parse(readFileSync(join(root, 'scripts/corpus/common-chars.json'), 'utf8')) as { chars: string }).chars;
  const heldText = readFileSync(join(root, 'data/corpus/heldout.txt'), 'utf8');
  const heldEnc = tok.encode(heldText.replace(/\n/g, ' '));
  const cjkChars = [...heldText].filter((ch) => isCjkToken(ch));
  const unkCjk = cjkChars.filter((ch) => tok.idOf(ch) === unk).length;
  const tokenizer = {
    vocabulary: tok.size,
    cjkPieces: tok.vocab.filter((p) => isCjkToken(p)).length,
    commonList: { characters: [...common].length, inVocabulary: [...common].filter((ch) => tok.idOf(ch) !== unk).length, list: 'scripts/corpus/common-chars.json' },
    heldoutUnk: { tokens: heldEnc.ids.length, unk: heldEnc.ids.filter((i) => i === unk).length, cjkCharacters: cjkChars.length, cjkUnk: unkCjk, cjkUnkShare: +(unkCjk / Math.max(1, cjkChars.length)).toFixed(5) },
  };
  console.log(`tokenizer: ${JSON.stringify(tokenizer)}`);
  const probes = {
    tokenizer,
    contextGain,
    cloze: {
      description: 'scripts/train/cloze-set.ts: 40 English sentences and 20 Chinese lines of our own, one word / character blanked; top-k of the answer at the [S] row; unigram: the span-word unigram ranked within the same script',
      en: summarise(clozeEn),
      zh: summarise(clozeZh),
      enNotInTraining: summarise(clozeEn.filter((x) => !x.inTraining)),
      zhNotInTraining: summarise(clozeZh.filter((x) => !x.inTraining)),
      items: [...clozeEn, ...clozeZh].map((x) => ({ text: x.text, answer: x.answer, rank: x.rank, prob: +x.prob.toFixed(4), top5: x.top5, unigramRank: x.unigramRank, inTraining: x.inTraining })),
    },
    copy: {
      description: 'a content token (English word of 4+ letters, or a CJK character, outside the 100 most frequent) that stands earlier in the same text is masked at its later occurrence; share of cases where the model puts it first (top-1), and the probability it gives it',
      heldoutEn: summarise(copy.en),
      heldoutZh: summarise(copy.zh),
      written: summarise(copy.written),
      writtenItems: copy.written.map((x) => ({ text: x.text, answer: x.answer, rank: x.rank, prob: +x.prob.toFixed(4), top5: x.top5 })),
    },
    copyHeads: { description: 'attention from the [S] row of the masked copy to the earlier occurrence in Part A, per layer and head, over the held-out copy cases; uniform = mean 1/(visible keys)', ...heads },
    fills: fillRows,
  };
  console.log(JSON.stringify({ cloze: { en: probes.cloze.en, zh: probes.cloze.zh }, copy: { en: probes.copy.heldoutEn, zh: probes.copy.heldoutZh, written: probes.copy.written } }, null, 1));
  for (const f of fillRows) console.log(`${f.text}  ->  ${f.model}   (unigram: ${f.unigram})`);

  const evaluation = {
    date: new Date().toISOString(),
    script: 'scripts/train/eval.ts',
    heldout: `${nExamples} examples from data/corpus/heldout.txt (engine-built, seed 20240601): short spans ratio ${DEFAULT_EXAMPLES.spanRatio} and [gMASK] continuation (p ${DEFAULT_EXAMPLES.docProb}), texts of 1 sentence to ${DEFAULT_EXAMPLES.maxLen} tokens`,
    metric: 'per Part B target token (span tokens and the [E]/[EOS] that ends each span): NLL in nats, top-1/top-5 accuracy',
    model: { span: summary(res.model.span), spanWords: summary(res.model.spanWords), document: summary(res.model.document), all: summary(res.model.all) },
    unigram: { span: summary(res.unigram.span), spanWords: summary(res.unigram.spanWords), document: summary(res.unigram.document), all: summary(res.unigram.all) },
    spanWords: 'short-span targets other than [E]; its unigram is counted over those targets alone',
    trainingStep: (model.manifest.training as { steps?: number } | undefined)?.steps ?? null,
    ...probes,
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
