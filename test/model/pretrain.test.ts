// The in-page pre-training (src/model/pretrain): a tiny GLM trained from scratch on one short text
// with batches the engine draws, on the wasm backend in Node. Kept small (a few seconds a test on a
// busy 2-core machine): tiny config, batches of 2 to 8, tens of steps.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend, tf } from '../../src/model/backend-node';
import { GlmTokenizer, type TokenizerJson } from '../../src/model/tokenizer';
import { PretrainError } from '../../src/model/pretrain/errors';
import { collate, exampleFrom, type Example } from '../../src/model/pretrain/examples';
import { decodeWeights, load, type Manifest } from '../../src/model/weights';
import { HOLD_MAX_MS, type PretrainReply, type RunSetup } from '../../src/model/pretrain/protocol';
import { createPretrainServer, type PretrainServer } from '../../src/model/pretrain/server';
import {
  DEFAULT_PRETRAIN,
  Pretrainer,
  PretrainRun,
  TINY_CONFIG,
  type PretrainSettings,
} from '../../src/model/pretrain/trainer';
import { createRng } from '../../src/glm';
import * as data from '../../scripts/train/data';

const TEXT = 'The cat sat on the mat. The dog slept under the table.';
let tok: GlmTokenizer;

beforeAll(async () => {
  await initNodeBackend('wasm');
  const json = JSON.parse(
    readFileSync(new URL('../../public/models/tokenizer.json', import.meta.url), 'utf8'),
  ) as TokenizerJson;
  tok = new GlmTokenizer(json);
});

const settings = (patch: Partial<PretrainSettings> = {}): PretrainSettings => ({
  ...DEFAULT_PRETRAIN,
  seed: 1,
  batchSize: 4,
  ...patch,
});
const trainer = (patch: Partial<PretrainSettings> = {}, heldoutEvery = 10) =>
  new Pretrainer({ ...settings(patch), text: TEXT, tokenizer: tok, heldoutEvery });

describe('examples from the engine', () => {
  it('builds ids, Part B loss positions and the draw from one sample', () => {
    const tokens = ['[CLS]', ...tok.encode(TEXT).tokens, '[EOS]'];
    const r = exampleFrom(tokens, tok, { objective: 'span', ratio: 0.15, lambda: 3 }, createRng(3));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { example: e, draw } = r;
    const masked = draw.spans.reduce((s, sp) => s + sp.end - sp.start, 0);
    // Part A: n - masked + k; Part B: masked + k (each span gets [S], and [E] as its last target).
    expect(e.sep).toBe(tokens.length - masked + draw.spans.length);
    expect(e.ids.length).toBe(tokens.length + 2 * draw.spans.length);
    expect(e.lossMask.reduce((a, b) => a + b, 0)).toBe(masked + draw.spans.length);
    expect(e.ids[e.sep]).toBe(tok.idOf('[S]'));
    const b = collate([e, e]);
    const T = b.input.ids[0]!.length;
    expect(T % 8).toBe(0);
    expect(b.positions.length).toBe(2 * (masked + draw.spans.length));
    expect(b.positions[b.positions.length / 2]).toBe(T + e.sep);
  });

  it('is the Node trainer’s example and batch (scripts/train/data.ts), draw for draw', () => {
    const ids = tok.encode(TEXT).ids;
    const corpus: data.Corpus = { docs: [[Int32Array.from(ids)]], starts: [[0, 0]] };
    const o: data.ExampleOptions = { ...data.DEFAULT_EXAMPLES, docProb: 0, singleSentenceProb: 1 };
    const tokens = ['[CLS]', ...ids.map((i) => tok.tokenOf(i)), '[EOS]'];
    for (const seed of [1, 2, 3, 4, 5]) {
      const theirs = data.makeExample(corpus, tok, createRng(seed), o);
      // makeExample draws the objective and "one sentence?" first (two draws), then samples.
      const rng = createRng(seed);
      rng.next();
      rng.next();
      const ours = exampleFrom(tokens, tok, { objective: 'span', ratio: o.spanRatio }, rng);
      expect(ours.ok && ours.example).toEqual(theirs);
    }
    const ex = [1, 2, 3].map((seed) => data.makeExample(corpus, tok, createRng(seed), o));
    expect(collate(ex)).toEqual(data.collate(ex));
  });
});

describe('Pretrainer', () => {
  it('halves the held-out Part B loss from scratch within 40 steps (seed 1, batch 4)', () => {
    const t = trainer({ batchSize: 4, learningRate: 0.005 });
    const start = t.info.heldoutStart;
    // From scratch the model spreads its bets over the whole vocabulary: ln(V) nats.
    expect(start).toBeGreaterThan(Math.log(tok.size) - 0.2);
    let last = start;
    const t0 = performance.now();
    for (let i = 0; i < 40; i++) {
      const r = t.next();
      expect(Number.isFinite(r.loss)).toBe(true);
      if (r.heldout !== null) last = r.heldout;
    }
    const ms = performance.now() - t0;
    console.log(
      `40 steps (batch 4, V ${tok.size}, d ${TINY_CONFIG.dModel}): ${(40_000 / ms).toFixed(1)} steps/s; held-out ${start.toFixed(2)} -> ${last.toFixed(2)}`,
    );
    expect(last).toBeLessThan(start / 2);
    t.dispose();
  });

  it('gives the same losses twice for a seed, and other losses for another seed', () => {
    const run = (seed: number) => {
      const t = trainer({ seed, batchSize: 2 }, 5);
      const out: number[] = [t.info.heldoutStart];
      for (let i = 0; i < 10; i++) {
        const r = t.next();
        out.push(r.loss);
        if (r.heldout !== null) out.push(r.heldout);
      }
      t.dispose();
      return out;
    };
    const a = run(7);
    expect(run(7)).toEqual(a);
    expect(run(8)).not.toEqual(a);
  });

  it('keeps the tensor count flat over 200 steps and frees every tensor on dispose', () => {
    const before = tf.memory().numTensors;
    const t = trainer({ batchSize: 1 }, 25);
    const during = tf.memory().numTensors;
    // Weights and Adam's two moments: three tensors per parameter, nothing else.
    expect(during - before).toBe(3 * paramCount(t));
    for (let i = 0; i < 200; i++) {
      t.next();
      expect(tf.memory().numTensors).toBe(during);
    }
    t.dispose();
    t.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a text longer than the tiny model’s positions, naming the limit, before making a tensor', () => {
    const before = tf.memory().numTensors;
    const long = Array.from({ length: 140 }, (_, i) => `cat${i % 2 ? '' : ' dog'}`).join(' ');
    let err: unknown;
    try {
      new Pretrainer({ ...settings(), text: long, tokenizer: tok });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PretrainError);
    expect((err as PretrainError).code).toBe('tooLong');
    expect((err as PretrainError).params.max).toBe(TINY_CONFIG.maxPositions);
    expect((err as PretrainError).message).toContain(`${TINY_CONFIG.maxPositions} positions`);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a text the sampler cannot draw a span from, with the engine’s reason', () => {
    expect(() => new Pretrainer({ ...settings(), text: 'cat', tokenizer: tok })).toThrow(
      expect.objectContaining({
        code: 'noDraw',
        params: expect.objectContaining({ engineCode: 'noteRatioZero' }),
      }),
    );
    expect(() => new Pretrainer({ ...settings(), text: '  ', tokenizer: tok })).toThrow(
      expect.objectContaining({ code: 'noText' }),
    );
  });

  it('trains the document objective too', () => {
    const t = trainer({ objective: 'document', batchSize: 2 }, 5);
    const r = t.next();
    expect(r.draws).toHaveLength(2);
    for (const d of r.draws) {
      expect(d.objective).toBe('document');
      expect(d.spans).toHaveLength(1);
    }
    t.dispose();
  });
});

/** Number of parameter tensors of the trainer's config. */
function paramCount(t: Pretrainer): number {
  return 3 + 12 * t.info.config.layers + 2;
}

describe('the pre-training server (the worker without the worker)', () => {
  const setup = (patch: Partial<PretrainSettings> = {}): RunSetup => ({
    text: TEXT,
    tokenizerUrl: 'test:tokenizer',
    settings: settings({ batchSize: 2, ...patch }),
    heldoutEvery: 4,
  });

  function serve(onReply: (r: PretrainReply, handle: PretrainServer['handle']) => void = () => {}) {
    const replies: PretrainReply[] = [];
    const server = createPretrainServer({
      post: (r) => {
        replies.push(r);
        onReply(r, server.handle);
      },
      ready: () => initNodeBackend('wasm'),
      loadTokenizer: async () => tok,
    });
    return { server, replies };
  }
  const losses = (rs: PretrainReply[]) =>
    rs.flatMap((r) => (r.type === 'progress' ? [r.report.loss] : []));

  it('trains to the budget, posting progress after every step, then says finished', async () => {
    const { server, replies } = serve();
    await server.handle({ type: 'start', run: 1, setup: setup(), budget: 6 });
    await server.idle();
    expect(replies[0]).toMatchObject({ type: 'ready', run: 1 });
    expect(losses(replies)).toHaveLength(6);
    expect(
      replies
        .filter((r) => r.type === 'progress')
        .map((r) => (r.type === 'progress' ? r.report.step : 0)),
    ).toEqual([1, 2, 3, 4, 5, 6]);
    expect(replies.at(-1)).toMatchObject({ type: 'status', status: 'finished', step: 6 });
    await server.handle({ type: 'reset', run: 1 });
  });

  it('pauses within one step, and a resumed run gives the same losses as an uninterrupted one', async () => {
    const whole = serve();
    await whole.server.handle({ type: 'start', run: 1, setup: setup(), budget: 10 });
    await whole.server.idle();
    const expected = losses(whole.replies);
    expect(expected).toHaveLength(10);
    await whole.server.handle({ type: 'reset', run: 1 });

    let pausedAt = -1;
    const parts = serve((r, handle) => {
      if (r.type === 'progress' && r.report.step === 4 && pausedAt < 0) {
        pausedAt = r.report.step;
        void handle({ type: 'pause', run: 1 });
      }
    });
    await parts.server.handle({ type: 'start', run: 1, setup: setup(), budget: 10 });
    await parts.server.idle();
    // The pause came during step 4's report: no further step was taken.
    expect(losses(parts.replies)).toHaveLength(4);
    expect(parts.replies.at(-1)).toMatchObject({ type: 'status', status: 'paused', step: 4 });
    // One Step, then Start again to the budget.
    await parts.server.handle({ type: 'step', run: 1, setup: setup(), budget: 10 });
    expect(losses(parts.replies)).toHaveLength(5);
    expect(parts.replies.at(-1)).toMatchObject({ type: 'status', status: 'paused', step: 5 });
    await parts.server.handle({ type: 'start', run: 1, setup: setup(), budget: 10 });
    await parts.server.idle();
    expect(losses(parts.replies)).toEqual(expected);
    await parts.server.handle({ type: 'reset', run: 1 });
  });

  it('holds its next step while the page says the user types, keeps its status, and trains the same', async () => {
    const whole = serve();
    await whole.server.handle({ type: 'start', run: 1, setup: setup(), budget: 5 });
    await whole.server.idle();
    const expected = losses(whole.replies);
    await whole.server.handle({ type: 'reset', run: 1 });

    // A clock that only the holds move, so every wait is exactly what the holds asked for.
    let clock = 0;
    const log: string[] = [];
    const replies: PretrainReply[] = [];
    const server: PretrainServer = createPretrainServer({
      post: (r) => {
        replies.push(r);
        if (r.type === 'progress') log.push(`step ${r.report.step}`);
        if (r.type === 'status') log.push(r.status);
        if (r.type === 'progress' && r.report.step === 2) {
          void server.handle({ type: 'hold', run: 1, ms: 1000 });
          void server.handle({ type: 'hold', run: 2, ms: 3000 }); // another run's: ignored
        }
        if (r.type === 'progress' && r.report.step === 3) void server.handle({ type: 'hold', run: 1, ms: 1e9 });
      },
      ready: () => initNodeBackend('wasm'),
      loadTokenizer: async () => tok,
      now: () => clock,
      sleep: async (ms) => {
        log.push(`wait ${ms}`);
        clock += ms;
      },
    });
    await server.handle({ type: 'start', run: 1, setup: setup(), budget: 5 });
    await server.idle();
    // The step under way when a hold came was finished; the next waited; a hold is capped at HOLD_MAX_MS.
    expect(log).toEqual(['training', 'step 1', 'step 2', 'wait 1000', 'step 3', `wait ${HOLD_MAX_MS}`, 'step 4', 'step 5', 'finished']);
    expect(losses(replies)).toEqual(expected);
    await server.handle({ type: 'reset', run: 1 });
  });

  it('stops without another step when paused during a hold', async () => {
    let clock = 0;
    const replies: PretrainReply[] = [];
    const server: PretrainServer = createPretrainServer({
      post: (r) => {
        replies.push(r);
        if (r.type === 'progress' && r.report.step === 1) void server.handle({ type: 'hold', run: 1, ms: 500 });
      },
      ready: () => initNodeBackend('wasm'),
      loadTokenizer: async () => tok,
      now: () => clock,
      sleep: async (ms) => {
        await server.handle({ type: 'pause', run: 1 });
        clock += ms;
      },
    });
    await server.handle({ type: 'start', run: 1, setup: setup(), budget: 5 });
    await server.idle();
    expect(losses(replies)).toHaveLength(1);
    expect(replies.at(-1)).toMatchObject({ type: 'status', status: 'paused', step: 1 });
    await server.handle({ type: 'reset', run: 1 });
  });

  it('frees every tensor on reset, and drops requests of a run reset since', async () => {
    const before = tf.memory().numTensors;
    const { server, replies } = serve();
    await server.handle({ type: 'step', run: 1, setup: setup(), budget: 5 });
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    await server.handle({ type: 'reset', run: 1 });
    expect(server.trainer).toBeNull();
    expect(tf.memory().numTensors).toBe(before);
    expect(replies.at(-1)).toMatchObject({ type: 'status', status: 'idle' });
    const n = replies.length;
    await server.handle({ type: 'step', run: 1, setup: setup(), budget: 5 });
    expect(replies.length).toBe(n);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reports a refused text as an error of its run, with its code', async () => {
    const { server, replies } = serve();
    await server.handle({
      type: 'start',
      run: 3,
      setup: { ...setup(), text: 'x '.repeat(200) },
      budget: 5,
    });
    expect(replies).toEqual([
      expect.objectContaining({
        type: 'error',
        run: 3,
        code: 'tooLong',
        params: { n: 202, max: 128, model: 'tiny' },
      }),
    ]);
    expect(server.trainer).toBeNull();
  });
});

/** Part B of an example as segments (each from its [S] to the next), with every per-token field. */
function segments(e: Example, S: number) {
  const out: { ids: number[]; targets: number[]; pos: number[]; block: number[]; loss: number[] }[] = [];
  for (let i = e.sep; i < e.ids.length; i++) {
    if (e.ids[i] === S) out.push({ ids: [], targets: [], pos: [], block: [], loss: [] });
    const g = out.at(-1)!;
    g.ids.push(e.ids[i]!);
    g.targets.push(e.targets[i]!);
    g.pos.push(e.positionIds[i]!);
    g.block.push(e.blockPositionIds[i]!);
    g.loss.push(e.lossMask[i]!);
  }
  return out;
}
const partA = (e: Example) => ({
  ids: e.ids.slice(0, e.sep),
  targets: e.targets.slice(0, e.sep),
  pos: e.positionIds.slice(0, e.sep),
  block: e.blockPositionIds.slice(0, e.sep),
  loss: e.lossMask.slice(0, e.sep),
});

describe('ablations side by side (PretrainRun)', () => {
  // Longer spans, more of them: most draws have two or more, so the Part B order matters.
  const ablation = (patch: Partial<PretrainSettings> = {}) =>
    new PretrainRun({
      ...settings({ batchSize: 3, ratio: 0.4, lambda: 1.5, ablations: true, ...patch }),
      text: TEXT,
      tokenizer: tok,
      heldoutEvery: 2,
    });

  it('trains GLM, without shuffled spans and without 2D positions on the same draws, differing only in the option', () => {
    const run = ablation();
    const S = tok.idOf('[S]');
    const [glm, noShuffle, no2d] = run.trainers;
    expect(run.info.variants).toEqual(['glm', 'no-shuffle', 'no-2d']);
    expect(run.trainers.map((t) => t.variant)).toEqual(['glm', 'no-shuffle', 'no-2d']);
    // The same held-out draws, and the same initial weights (the same seed).
    expect(noShuffle!.heldoutSet).toEqual(glm!.heldoutSet);
    expect(no2d!.heldoutSet).toEqual(glm!.heldoutSet);
    expect(noShuffle!.weights().arrays).toEqual(glm!.weights().arrays);
    expect(no2d!.weights().arrays).toEqual(glm!.weights().arrays);
    // A GLM trained alone on the same seed: its draws and losses are the run's GLM's.
    const alone = new Pretrainer({ ...run.trainers[0]!.settings, text: TEXT, tokenizer: tok, heldoutEvery: 2 });
    let glmShuffled = 0;
    let lossesDiffer = false;
    for (let step = 1; step <= 6; step++) {
      const r = run.next();
      const solo = alone.next();
      expect(r.runs.map((x) => x.variant)).toEqual(['glm', 'no-shuffle', 'no-2d']);
      expect(r.runs[0]).toEqual({ variant: 'glm', loss: solo.loss, heldout: solo.heldout });
      expect(r.draws).toEqual(solo.draws);
      // Every model got the very same draws (spans and Part B order), sampled once.
      expect(glm!.lastDraws).toEqual(r.draws);
      expect(noShuffle!.lastDraws).toEqual(r.draws);
      expect(no2d!.lastDraws).toEqual(r.draws);
      expect(r.runs.every((x) => (x.heldout === null) === (step % 2 !== 0))).toBe(true);
      if (r.runs[2]!.loss !== r.runs[0]!.loss) lossesDiffer = true;
      r.draws.forEach((d, b) => {
        const g = glm!.lastExamples[b]!;
        const ns = noShuffle!.lastExamples[b]!;
        const n2 = no2d!.lastExamples[b]!;
        const gSeg = segments(g, S);
        expect(gSeg).toHaveLength(d.spans.length);
        // GLM: Part B in the drawn order (a segment's position is its span's mask index).
        const maskAt = (i: number) => partA(g).ids.map((id, k) => (id === tok.idOf('[MASK]') ? k : -1)).filter((k) => k >= 0)[i];
        expect(gSeg.map((x) => x.pos[0])).toEqual(d.order.map((i) => maskAt(i)));
        if (d.order.some((v, i) => v !== i)) glmShuffled++;
        // GLM's block positions count 1 … l+1 inside each span.
        for (const x of gSeg) expect(x.block).toEqual(x.block.map((_, j) => j + 1));
        // Without shuffling: the same Part A, the same segments, always in text order.
        expect(partA(ns)).toEqual(partA(g));
        const nsSeg = segments(ns, S);
        expect(nsSeg.map((x) => x.pos[0])).toEqual([...nsSeg.map((x) => x.pos[0]!)].sort((a, z) => a - z));
        expect(nsSeg).toEqual([...gSeg].sort((a, z) => a.pos[0]! - z.pos[0]!));
        // Without 2D positions: GLM's example exactly, except that every Part B token has the
        // same block position (the engine's ablation: 1 after Part A's 0), so none says how far
        // into its span it is.
        expect({ ...n2, blockPositionIds: [] }).toEqual({ ...g, blockPositionIds: [] });
        expect(partA(n2).block.every((v) => v === 0)).toBe(true);
        expect(n2.blockPositionIds.slice(n2.sep).every((v) => v === 1)).toBe(true);
      });
    }
    // The draws did shuffle (else "without shuffling" tests nothing), and the option matters.
    expect(glmShuffled).toBeGreaterThan(0);
    expect(lossesDiffer).toBe(true);
    alone.dispose();
    run.dispose();
  });

  it('scores each variant before training, and frees all three models’ tensors', () => {
    const before = tf.memory().numTensors;
    const run = ablation({ batchSize: 1 });
    expect(tf.memory().numTensors - before).toBe(3 * 3 * paramCount(run.trainers[0]!));
    expect(run.info.heldoutStarts).toHaveLength(3);
    for (const h of run.info.heldoutStarts) expect(h).toBeGreaterThan(Math.log(tok.size) - 0.3);
    const during = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) run.next();
    expect(tf.memory().numTensors).toBe(during);
    run.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains GLM alone without ablations', () => {
    const run = new PretrainRun({ ...settings({ batchSize: 1 }), text: TEXT, tokenizer: tok });
    expect(run.info.variants).toEqual(['glm']);
    expect(run.next().runs.map((r) => r.variant)).toEqual(['glm']);
    run.dispose();
  });
});

describe('the trained model', () => {
  it('fills a blank of its text with the text’s word once trained, and not before', () => {
    const run = new PretrainRun({ ...settings({ batchSize: 8, learningRate: 0.005 }), text: TEXT, tokenizer: tok });
    // "[CLS] the cat sat on the mat . the dog sle ##pt under the table . [EOS]": one blank at a
    // time, "sat on", "the table", "cat", "mat". On one sentence the model learns the words well
    // before it learns where each blank ends (it is never told a span's length), so the check is
    // the blank's first word.
    const tokens = run.info.tokens;
    const at = (w: string) => tokens.indexOf(w);
    const blanks = [
      { start: at('sat'), end: at('sat') + 2 },
      { start: at('table') - 1, end: at('table') + 1 },
      { start: at('cat'), end: at('cat') + 1 },
      { start: at('mat'), end: at('mat') + 1 },
    ];
    const first = blanks.map((b) => tokens[b.start]);
    expect(first).toEqual(['sat', 'the', 'cat', 'mat']);
    const wrote = () => blanks.map((b) => run.fill([b]).fills[0]![0]);
    expect(wrote()).not.toEqual(first);
    for (let i = 0; i < 120; i++) run.next();
    expect(run.fill([blanks[0]!])).toMatchObject({ step: 120, order: [0], spans: [blanks[0]] });
    expect(wrote()).toEqual(first);
    run.dispose();
  }, 120_000);

  it('saves as the app’s model files: decoded, the weights are the trainer’s within float16; load() reads them', async () => {
    const { modelFiles } = await import('../../src/model/pretrain/model-file');
    const run = new PretrainRun({ ...settings({ batchSize: 2 }), text: TEXT, tokenizer: tok, heldoutEvery: 2 });
    for (let i = 0; i < 4; i++) run.next();
    const w = run.weights();
    const { manifest, bytes } = modelFiles(w, { text: TEXT, settings: run.main.settings });
    expect(manifest).toMatchObject({
      format: 'glm-infill-lab/1',
      config: { ...TINY_CONFIG, vocabSize: tok.size },
      tokenizer: 'tokenizer.json',
      weights: { file: 'glm.bin', dtype: 'float16', bytes: 2 * run.info.parameters },
      training: { steps: 4, variant: 'glm', text: TEXT, heldout: { step: 4 } },
    });
    expect(bytes.byteLength).toBe(2 * run.info.parameters);
    const decoded = decodeWeights(bytes, manifest.weights.tensors);
    expect(Object.keys(decoded).sort()).toEqual(Object.keys(w.arrays).sort());
    // float16 keeps 11 significant bits: relative error at most 2^-11, plus 2^-24 near zero.
    let worst = 0;
    for (const [name, a] of Object.entries(w.arrays)) {
      const b = decoded[name]!;
      expect(b.length).toBe(a.length);
      for (let i = 0; i < a.length; i++) {
        const err = Math.abs(a[i]! - b[i]!);
        worst = Math.max(worst, err / (Math.abs(a[i]!) * 2 ** -11 + 2 ** -24));
      }
    }
    expect(worst).toBeLessThanOrEqual(1);
    // A folder with the two files and the app's tokenizer loads as a model, these weights in it.
    const dir = mkdtempSync(join(tmpdir(), 'glm-pretrain-'));
    try {
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
      writeFileSync(join(dir, 'glm.bin'), bytes);
      copyFileSync(new URL('../../public/models/tokenizer.json', import.meta.url), join(dir, 'tokenizer.json'));
      const m = await load({ modelUrl: join(dir, 'manifest.json') });
      expect(m.config).toEqual(run.info.config);
      expect(m.params['wte']!.dataSync()).toEqual(decoded['wte']);
      expect(m.params['h0.mlp.w1']!.dataSync()).toEqual(decoded['h0.mlp.w1']);
      m.dispose();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    run.dispose();
  });
});

describe('the server with ablations, model files and fills', () => {
  const ablSetup = (): RunSetup => ({
    text: TEXT,
    tokenizerUrl: 'test:tokenizer',
    settings: settings({ batchSize: 2, ablations: true }),
    heldoutEvery: 2,
  });
  function serve2() {
    const replies: PretrainReply[] = [];
    const server = createPretrainServer({
      post: (r) => replies.push(r),
      ready: () => initNodeBackend('wasm'),
      loadTokenizer: async () => tok,
    });
    return { server, replies };
  }

  it('reports every model each step, answers weights and fill between steps, and ignores them without a run', async () => {
    const { server, replies } = serve2();
    await server.handle({ type: 'weights', run: 1 });
    await server.handle({ type: 'fill', run: 1, spans: [{ start: 2, end: 3 }] });
    expect(replies).toEqual([]);
    await server.handle({ type: 'start', run: 1, setup: ablSetup(), budget: 4 });
    await server.idle();
    const ready = replies.find((r) => r.type === 'ready');
    expect(ready?.type === 'ready' && ready.info.variants).toEqual(['glm', 'no-shuffle', 'no-2d']);
    const progress = replies.flatMap((r) => (r.type === 'progress' ? [r.report] : []));
    expect(progress).toHaveLength(4);
    expect(progress[1]!.runs.map((r) => [r.variant, r.heldout !== null])).toEqual([
      ['glm', true],
      ['no-shuffle', true],
      ['no-2d', true],
    ]);
    await server.handle({ type: 'weights', run: 1 });
    const w = replies.at(-1)!;
    expect(w).toMatchObject({ type: 'weights', run: 1, step: 4, manifest: { format: 'glm-infill-lab/1' } });
    if (w.type === 'weights') {
      const m = w.manifest as Manifest;
      expect(w.bytes.byteLength).toBe(m.weights.bytes);
      const glm = server.trainer!.main.weights().arrays;
      const wte = decodeWeights(w.bytes, m.weights.tensors)['wte']!;
      for (const i of [0, 1, 1000, wte.length - 1])
        expect(Math.abs(wte[i]! - glm['wte']![i]!)).toBeLessThanOrEqual(Math.abs(glm['wte']![i]!) * 2 ** -11 + 2 ** -24);
    }
    await server.handle({ type: 'fill', run: 1, spans: [{ start: 2, end: 3 }] });
    expect(replies.at(-1)).toMatchObject({ type: 'filled', run: 1, fill: { spans: [{ start: 2, end: 3 }], order: [0], step: 4 } });
    // A bad span is the fill's error, not the run's.
    await server.handle({ type: 'fill', run: 1, spans: [{ start: 5, end: 99 }] });
    expect(replies.at(-1)).toMatchObject({ type: 'filled', run: 1, fill: null, error: { message: expect.any(String) } });
    expect(server.trainer).not.toBeNull();
    await server.handle({ type: 'reset', run: 1 });
  });
});

describe('the loss curves as CSV', () => {
  it('has a row per step and model, GLM first, the held-out loss only where it was scored', async () => {
    const { lossCsv } = await import('../../src/model/pretrain/csv');
    const csv = lossCsv([
      {
        variant: 'glm',
        train: [
          { step: 1, loss: 9.5 },
          { step: 2, loss: 8.25 },
        ],
        heldout: [
          { step: 0, loss: 9.16 },
          { step: 2, loss: 8.125 },
        ],
      },
      {
        variant: 'no-shuffle',
        train: [
          { step: 1, loss: 9.75 },
          { step: 2, loss: 0.1 + 0.2 },
        ],
        heldout: [{ step: 0, loss: 9.16 }],
      },
    ]);
    expect(csv).toBe(
      [
        'step,run,train_loss,heldout_loss',
        '0,glm,,9.16',
        '0,no-shuffle,,9.16',
        '1,glm,9.5,',
        '1,no-shuffle,9.75,',
        '2,glm,8.25,8.125',
        '2,no-shuffle,0.30000000000000004,',
        '',
      ].join('\n'),
    );
    expect(lossCsv([{ variant: 'glm', train: [], heldout: [] }])).toBe('step,run,train_loss,heldout_loss\n');
  });
});
