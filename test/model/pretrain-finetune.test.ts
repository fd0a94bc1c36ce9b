// Fine-tuning the shipped model in the page's trainer (start: 'shipped'), and the fill probe
// ("fills getting better"), on the wasm backend in Node. The shipped model's size is read from its
// manifest here too, never assumed: public/models is replaced by newer models of the same format.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { construct } from '../../src/glm';
import { initNodeBackend, tf } from '../../src/model/backend-node';
import { scoreConstruction } from '../../src/model/decode';
import { crossEntropy, forward } from '../../src/model/glm';
import { collate, exampleOf } from '../../src/model/pretrain/examples';
import type { PretrainReply, RunSetup } from '../../src/model/pretrain/protocol';
import {
  createPretrainServer,
  loadShippedModel,
  type ShippedModel,
} from '../../src/model/pretrain/server';
import {
  DEFAULT_PRETRAIN,
  FINETUNE_LEARNING_RATE,
  PretrainRun,
  type PretrainSettings,
} from '../../src/model/pretrain/trainer';
import { fromArrays, load, type LoadedModel, type Manifest } from '../../src/model/weights';

const MANIFEST = new URL('../../public/models/manifest.json', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
/** Two sentences (as the issue asks). */
const TEXT = 'The cat sat on the mat. The dog slept under the table.';

let shipped: ShippedModel;
let frozen: LoadedModel;

beforeAll(async () => {
  await initNodeBackend('wasm');
  shipped = await loadShippedModel(MANIFEST);
  frozen = await load({ modelUrl: MANIFEST });
}, 120_000);

const settings = (patch: Partial<PretrainSettings> = {}): PretrainSettings => ({
  ...DEFAULT_PRETRAIN,
  start: 'shipped',
  learningRate: FINETUNE_LEARNING_RATE,
  seed: 1,
  batchSize: 8,
  ...patch,
});

describe('fine-tuning the shipped model', { timeout: 180_000 }, () => {
  it('starts at the shipped model’s own held-out loss, far below a scratch model’s, and lowers it', () => {
    const run = new PretrainRun({
      ...settings(),
      text: TEXT,
      tokenizer: shipped.tokenizer,
      init: shipped,
      heldoutEvery: 5,
    });
    expect(run.info.start).toBe('shipped');
    // The run is the manifest's model: its config, its parameter count.
    expect(run.info.config).toEqual(manifest.config);
    const count = manifest.weights.tensors.reduce(
      (s, t) => s + t.shape.reduce((a, b) => a * b, 1),
      0,
    );
    expect(run.info.parameters).toBe(count);
    // The same held-out draws scored by the Model panel's own frozen model (its inference path):
    // the fine-tuning run starts exactly where the shipped model stands.
    const b = collate(
      run.main.heldoutSet.map((d) => exampleOf(run.info.tokens, frozen.tokenizer, d)),
    );
    const own = tf.tidy(
      () =>
        crossEntropy(
          forward(frozen.params, frozen.config, b.input, { positions: b.positions }).logits!,
          b.targets,
        ).dataSync()[0]!,
    );
    expect(run.info.heldoutStart).toBeCloseTo(own, 3);
    // A scratch model on the same text starts at about ln V: an even guess over the vocabulary.
    const scratch = new PretrainRun({
      ...settings({ start: 'scratch' }),
      text: TEXT,
      tokenizer: shipped.tokenizer,
    });
    const lnV = Math.log(shipped.tokenizer.size);
    expect(scratch.info.heldoutStart).toBeGreaterThan(lnV - 0.2);
    scratch.dispose();
    expect(run.info.heldoutStart).toBeLessThan(lnV - 2);
    const heldout: number[] = [run.info.heldoutStart];
    for (let i = 0; i < 10; i++) {
      const r = run.next();
      expect(Number.isFinite(r.loss)).toBe(true);
      if (r.heldout !== null) heldout.push(r.heldout);
    }
    console.log(
      `fine-tuning, held-out every 5 steps: ${heldout.map((x) => x.toFixed(2)).join(' → ')}`,
    );
    expect(heldout).toHaveLength(3);
    expect(heldout[2]!).toBeLessThan(0.75 * heldout[0]!);
    run.dispose();
  });

  it('takes a text up to the shipped model’s positions, and refuses a longer one naming that limit', () => {
    const max = manifest.config.maxPositions;
    const tok = shipped.tokenizer;
    // "cat" is one piece: n words make n + 2 framed tokens.
    expect(tok.encode('cat cat').tokens).toEqual(['cat', 'cat']);
    const before = tf.memory().numTensors;
    const long = Array.from({ length: max - 1 }, () => 'cat').join(' ');
    let err: unknown;
    try {
      new PretrainRun({ ...settings(), text: long, tokenizer: tok, init: shipped });
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ code: 'tooLong', params: { n: max + 1, max, model: 'shipped' } });
    expect((err as Error).message).toContain(`the shipped model has ${max} positions`);
    expect(tf.memory().numTensors).toBe(before);
    // One token fewer fits (and is more than the tiny model's positions).
    const fits = Array.from({ length: max - 2 }, () => 'cat').join(' ');
    const run = new PretrainRun({
      ...settings({ batchSize: 1 }),
      text: fits,
      tokenizer: tok,
      init: shipped,
      heldoutDraws: 1,
    });
    expect(run.info.tokens).toHaveLength(max);
    run.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('through the server: loads the shipped model once, trains, and frees every tensor on reset', async () => {
    const replies: PretrainReply[] = [];
    let loads = 0;
    const server = createPretrainServer({
      post: (r) => replies.push(r),
      ready: () => initNodeBackend('wasm'),
      loadTokenizer: () =>
        Promise.reject(new Error('a fine-tuning run reads the shipped model’s own tokenizer')),
      loadModel: async (url) => {
        loads++;
        return loadShippedModel(url);
      },
    });
    const setup: RunSetup = {
      text: TEXT,
      tokenizerUrl: 'unused',
      modelUrl: MANIFEST,
      settings: settings({ batchSize: 2 }),
      heldoutEvery: 2,
      probeEvery: 2,
    };
    const before = tf.memory().numTensors;
    await server.handle({ type: 'start', run: 1, setup, budget: 2 });
    await server.idle();
    const ready = replies.find((r) => r.type === 'ready');
    expect(ready?.type === 'ready' && ready.info).toMatchObject({
      start: 'shipped',
      config: manifest.config,
    });
    expect(replies.filter((r) => r.type === 'progress')).toHaveLength(2);
    expect(replies.at(-1)).toMatchObject({ type: 'status', status: 'finished', step: 2 });
    // Weights and Adam's two moments per parameter tensor, nothing else.
    expect(tf.memory().numTensors - before).toBe(3 * manifest.weights.tensors.length);
    await server.handle({ type: 'reset', run: 1 });
    expect(tf.memory().numTensors).toBe(before);
    // A second run reads the weights it kept (as arrays), not the files again.
    await server.handle({ type: 'step', run: 2, setup, budget: 5 });
    expect(loads).toBe(1);
    await server.handle({ type: 'reset', run: 2 });
    expect(tf.memory().numTensors).toBe(before);
    // The saved model says where it started.
    const { modelFiles } = await import('../../src/model/pretrain/model-file');
    const run = new PretrainRun({
      ...settings({ batchSize: 1 }),
      text: TEXT,
      tokenizer: shipped.tokenizer,
      init: shipped,
      heldoutDraws: 1,
    });
    const files = modelFiles(run.weights(), { text: TEXT, settings: run.main.settings });
    expect(files.manifest.config).toEqual(manifest.config);
    expect(files.manifest.training).toMatchObject({
      start: 'shipped',
      source: expect.stringContaining('fine-tuned'),
    });
    run.dispose();
  });

  it('says why when the shipped model cannot be read', async () => {
    const replies: PretrainReply[] = [];
    const server = createPretrainServer({
      post: (r) => replies.push(r),
      ready: () => initNodeBackend('wasm'),
    });
    await server.handle({
      type: 'start',
      run: 1,
      setup: {
        text: TEXT,
        tokenizerUrl: 'unused',
        modelUrl: '/no/such/manifest.json',
        settings: settings(),
      },
      budget: 2,
    });
    expect(replies).toEqual([
      expect.objectContaining({ type: 'error', run: 1, code: 'shippedModel' }),
    ]);
  });
});

describe('the fill probe', { timeout: 180_000 }, () => {
  const tok = () => shipped.tokenizer;

  it('scores the true tokens as the Model panel’s scorer does (teacher forcing), and fills as fill() does', () => {
    const run = new PretrainRun({
      ...settings({ start: 'scratch', batchSize: 4, learningRate: 0.005 }),
      text: TEXT,
      tokenizer: tok(),
    });
    for (let i = 0; i < 15; i++) run.next();
    const tokens = run.info.tokens;
    // "sat on" and "table", the later one filled first.
    const spans = [
      { start: tokens.indexOf('sat'), end: tokens.indexOf('sat') + 2 },
      { start: tokens.indexOf('table'), end: tokens.indexOf('table') + 1 },
    ];
    const p = run.probe({ spans, order: [1, 0] });
    expect(p).toMatchObject({ step: 15, spans, order: [1, 0], truth: [['sat', 'on'], ['table']] });
    // The same weights as a frozen model, scored by decode.ts on the same construction.
    const w = run.weights();
    const m = fromArrays({ ...manifest, config: w.config }, frozen.tokenizer, w.arrays);
    const c = construct([...tokens], spans, { objective: 'span', order: [1, 0], shuffle: false });
    const scores = scoreConstruction(m, c).filter((s) => s.token !== '[E]');
    // Part B order: "table", then "sat on".
    expect(scores.map((s) => s.token)).toEqual(['table', 'sat', 'on']);
    const theirs = [
      [Math.exp(scores[1]!.logprob), Math.exp(scores[2]!.logprob)],
      [Math.exp(scores[0]!.logprob)],
    ];
    p.tokenProbs.flat().forEach((x, i) => expect(x).toBeCloseTo(theirs.flat()[i]!, 4));
    expect(p.meanProb).toBeCloseTo(theirs.flat().reduce((a, b) => a + b, 0) / 3, 4);
    expect(p.logJoint).toBeCloseTo(
      scores.reduce((a, s) => a + s.logprob, 0),
      3,
    );
    // Its fills are the greedy fill's, put back in text order.
    const f = run.fill(spans, [1, 0]);
    expect(p.fills).toEqual([f.fills[1], f.fills[0]]);
    const right = p.fills.reduce(
      (n, fill, i) => n + fill.filter((x, k) => p.truth[i]![k] === x).length,
      0,
    );
    expect(p.right).toBe(right);
    // Of the longer of each span and its fill: a fill running past its span is not all right.
    expect(p.total).toBe(Math.max(2, p.fills[0]!.length) + Math.max(1, p.fills[1]!.length));
    m.dispose();
    run.dispose();
  });

  it('sees the target’s probability rise as a scratch model trains (seed 1)', () => {
    const run = new PretrainRun({
      ...settings({ start: 'scratch', batchSize: 8, learningRate: 0.005 }),
      text: TEXT,
      tokenizer: tok(),
    });
    const tokens = run.info.tokens;
    const spec = {
      spans: [{ start: tokens.indexOf('dog'), end: tokens.indexOf('dog') + 2 }],
      order: [0],
    };
    const probs: number[] = [];
    const V = tok().size;
    for (let step = 0; step <= 80; step++) {
      if (step > 0) run.next();
      if (step % 20 === 0) probs.push(run.probe(spec).meanProb);
    }
    console.log(
      `probe “dog sle”: mean probability ${probs.map((p) => p.toPrecision(2)).join(' → ')}`,
    );
    // Untrained: about an even guess (1/V); trained: most of the mass on the true tokens.
    expect(probs[0]!).toBeLessThan(3 / V);
    expect(probs.at(-1)!).toBeGreaterThan(0.3);
    for (let i = 1; i < probs.length; i++) expect(probs[i]!).toBeGreaterThan(probs[i - 1]!);
    run.dispose();
  });

  it('is probed by the server at step 0 and every N steps, the held-out draw by default; a probe request changes it at once', async () => {
    const replies: PretrainReply[] = [];
    const server = createPretrainServer({
      post: (r) => replies.push(r),
      ready: () => initNodeBackend('wasm'),
      loadTokenizer: async () => tok(),
    });
    const setup: RunSetup = {
      text: TEXT,
      tokenizerUrl: 'test',
      settings: settings({ start: 'scratch', batchSize: 2 }),
      heldoutEvery: 100,
      probeEvery: 3,
    };
    const probed = () => replies.flatMap((r) => (r.type === 'probed' ? [r] : []));
    await server.handle({ type: 'start', run: 1, setup, budget: 6 });
    await server.idle();
    expect(probed().map((r) => [r.report?.step, r.heldout])).toEqual([
      [0, true],
      [3, true],
      [6, true],
    ]);
    const first = server.trainer!.main.heldoutSet[0]!;
    expect(probed()[0]!.report!.spans).toEqual([...first.spans].sort((a, b) => a.start - b.start));
    // The probe comes right after its step's progress.
    const at3 = replies.findIndex((r) => r.type === 'probed' && r.report?.step === 3);
    expect(replies[at3 - 1]).toMatchObject({ type: 'progress', report: { step: 3 } });
    // New blanks: probed at once, at the current step, and then on the interval.
    const spans = [{ start: 2, end: 4 }];
    await server.handle({ type: 'probe', run: 1, probe: { spans, order: [0] }, every: 2 });
    expect(probed().at(-1)).toMatchObject({ heldout: false, report: { step: 6, spans } });
    await server.handle({ type: 'start', run: 1, setup, budget: 8 });
    await server.idle();
    expect(
      probed()
        .slice(-2)
        .map((r) => r.report?.step),
    ).toEqual([6, 8]);
    // The same blanks again change nothing; bad blanks are the probe's error, and it stops.
    const n = probed().length;
    await server.handle({ type: 'probe', run: 1, probe: { spans, order: [0] }, every: 2 });
    expect(probed()).toHaveLength(n);
    await server.handle({
      type: 'probe',
      run: 1,
      probe: { spans: [{ start: 5, end: 99 }], order: [0] },
      every: 2,
    });
    expect(probed().at(-1)).toMatchObject({ report: null, error: { message: expect.any(String) } });
    await server.handle({ type: 'start', run: 1, setup, budget: 10 });
    await server.idle();
    expect(probed()).toHaveLength(n + 1);
    expect(replies.at(-1)).toMatchObject({ type: 'status', status: 'finished', step: 10 });
    await server.handle({ type: 'reset', run: 1 });
  });
});
