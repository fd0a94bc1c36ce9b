// The in-page pre-training (src/model/pretrain): a tiny GLM trained from scratch on one short text
// with batches the engine draws, on the wasm backend in Node. Kept small (a few seconds a test on a
// busy 2-core machine): tiny config, batches of 2 to 8, tens of steps.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend, tf } from '../../src/model/backend-node';
import { GlmTokenizer, type TokenizerJson } from '../../src/model/tokenizer';
import { PretrainError } from '../../src/model/pretrain/errors';
import { collate, exampleFrom } from '../../src/model/pretrain/examples';
import type { PretrainReply, RunSetup } from '../../src/model/pretrain/protocol';
import { createPretrainServer, type PretrainServer } from '../../src/model/pretrain/server';
import {
  DEFAULT_PRETRAIN,
  Pretrainer,
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
        params: { n: 202, max: 128 },
      }),
    ]);
    expect(server.trainer).toBeNull();
  });
});
