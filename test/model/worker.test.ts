// The worker's request handling (serve.ts) and streaming decoder (fill-stream.ts) in Node on the
// wasm backend: the streamed fill equals decode.ts's fillPartA, the protocol answers every
// request once, cancel stops a fill between tokens, and no tensor leaks. The client is wired to
// the server through an in-memory fake worker, so the whole path runs without a browser.
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { construct } from '../../src/glm';
import { initNodeBackend, tf } from '../../src/model/backend-node';
import { fillPartA, type GlmModel } from '../../src/model/decode';
import { startFill } from '../../src/model/fill-stream';
import { initParams } from '../../src/model/glm';
import { createModelServer } from '../../src/model/serve';
import { ModelClient, type WorkerLike } from '../../src/model/worker-client';
import type { Reply, Request, TokenEvent } from '../../src/model/worker-protocol';
import { shippedTokenizer, tinyConfig } from '../fixtures/tiny-model';

const tok = shippedTokenizer();
const config = tinyConfig(tok);
let tiny: GlmModel;

const framed = (text: string) => ['[CLS]', ...tok.encode(text).tokens, '[EOS]'];
const tokens = framed('the people of the united states have a new government and a new law.');
const spans = [
  { start: 2, end: 4 },
  { start: 8, end: 10 },
  { start: 12, end: 13 },
];

beforeAll(async () => {
  await initNodeBackend('wasm');
  tiny = { config, params: initParams(config, 5), tokenizer: tok };
});

/** Part A ids, blank positions and order of a construction. */
function partAOf(order: number[]) {
  const c = construct(tokens, spans, { order });
  return { c, partA: c.tokens.slice(0, c.sep).map((t) => tok.idOf(t)), masks: c.maskIndex };
}

describe('streaming fill (fill-stream.ts)', { timeout: 60_000 }, () => {
  for (const o of [
    { maxSpanLength: 4 },
    { temperature: 1, topK: 30, seed: 9, maxSpanLength: 4 },
    { temperature: 0.8, seed: 1, maxSpanLength: 3 },
  ]) {
    it(`yields exactly fillPartA's tokens and probabilities with minSpanLength 0 (${JSON.stringify(o)})`, () => {
      const o0 = { ...o, minSpanLength: 0 };
      const order = [2, 0, 1];
      const { partA, masks } = partAOf(order);
      const ref = fillPartA(tiny, partA, masks, order, o0);
      const s = startFill(tiny, partA, masks, order, o0);
      const events: TokenEvent[] = [];
      for (let r = s.next(); !r.done; r = s.next()) events.push(r.value);
      // fillPartA lists fills in Part B order; the stream keeps them per blank (text order).
      expect(order.map((b) => s.fills[b])).toEqual(ref.fills);
      order.forEach((b, p) =>
        s.probs[b]!.forEach((x, i) => expect(x).toBeCloseTo(ref.probs[p]![i]!, 5)),
      );
      // One event per token plus one end per span, in Part B order.
      expect(events.filter((e) => e.token === null).map((e) => e.blank)).toEqual(order);
      expect(events.filter((e) => e.token !== null).length).toBe(ref.fills.flat().length);
      expect(events.map((e) => e.place)).toEqual(
        [...events.map((e) => e.place)].sort((a, b) => a - b),
      );
    });
  }

  it('gives every blank at least one token by default, even when sampling', () => {
    const order = [0, 1, 2];
    const { partA, masks } = partAOf(order);
    for (let seed = 0; seed < 4; seed++) {
      const s = startFill(tiny, partA, masks, order, { temperature: 1.5, seed, maxSpanLength: 3 });
      while (!s.next().done);
      for (const f of s.fills) expect(f.length).toBeGreaterThan(0);
    }
  });

  it('frees its cache when stopped early or run to the end', () => {
    const { partA, masks } = partAOf([0, 1, 2]);
    const before = tf.memory().numTensors;
    const s = startFill(tiny, partA, masks, [0, 1, 2], { maxSpanLength: 5 });
    s.next();
    s.next();
    s.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const t = startFill(tiny, partA, masks, [0, 1, 2], { maxSpanLength: 2 });
    while (!t.next().done);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('backend choice', () => {
  it('falls back wasm → webgl → cpu and says why each was skipped', async () => {
    const replies: Reply[] = [];
    const tried: string[] = [];
    const server = createModelServer({
      post: (r) => replies.push(r),
      // Pretend: wasm throws, webgl does not start, cpu starts (the real backend stays wasm).
      useBackend: async (name) => {
        tried.push(name);
        if (name === 'wasm') throw new Error('no wasm here');
        return name === 'cpu';
      },
      loadModel: async () => ({ ...tiny, manifest: {} as never, dispose: () => {} }),
    });
    await server.handle({ type: 'load', id: 1, modelUrl: 'unused' });
    expect(tried).toEqual(['wasm', 'webgl', 'cpu']);
    const loaded = replies.find((r) => r.type === 'loaded');
    expect(loaded).toMatchObject({
      info: {
        backend: 'cpu',
        skipped: [
          { backend: 'wasm', reason: 'no wasm here' },
          { backend: 'webgl', reason: 'did not start' },
        ],
      },
    });
    expect(
      replies.filter((r) => r.type === 'progress').map((r) => r.type === 'progress' && r.phase),
    ).toEqual(['backend', 'weights', 'warmup']);
  });

  it('reports an error naming every backend when none starts', async () => {
    const replies: Reply[] = [];
    const server = createModelServer({
      post: (r) => replies.push(r),
      useBackend: async () => false,
    });
    await server.handle({ type: 'load', id: 7, modelUrl: 'unused', backends: ['webgl', 'cpu'] });
    expect(replies.at(-1)).toMatchObject({
      type: 'error',
      id: 7,
      message: expect.stringMatching(
        /no TensorFlow.js backend could start \(webgl: did not start; cpu: did not start\)/,
      ),
      code: 'noBackend',
      params: { details: 'webgl: did not start; cpu: did not start' },
    });
  });

  it('gives a missing model file its code, status and name, so the page can say it in any language', async () => {
    const replies: Reply[] = [];
    const server = createModelServer({
      post: (r) => replies.push(r),
      useBackend: async () => true,
    });
    const realFetch = globalThis.fetch;
    const asked: string[] = [];
    globalThis.fetch = (async (url: string) => {
      asked.push(String(url));
      return new Response('not here', { status: 404 });
    }) as typeof fetch;
    try {
      await server.handle({
        type: 'load',
        id: 3,
        modelUrl: 'http://lab.test/models/manifest.json',
        backends: ['cpu'],
      });
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(asked).toEqual(['http://lab.test/models/manifest.json']);
    expect(replies.at(-1)).toEqual({
      type: 'error',
      id: 3,
      message: 'model: 404 fetching http://lab.test/models/manifest.json',
      code: 'fetch',
      params: { file: 'manifest.json', status: 404, url: 'http://lab.test/models/manifest.json' },
    });
  });

  it('says a server that sends a web page for the manifest sent something that is not JSON', async () => {
    const replies: Reply[] = [];
    const server = createModelServer({
      post: (r) => replies.push(r),
      useBackend: async () => true,
    });
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async () =>
      new Response('<!doctype html><title>app</title>', { status: 200 })) as typeof fetch;
    try {
      await server.handle({
        type: 'load',
        id: 4,
        modelUrl: 'http://lab.test/models/manifest.json',
        backends: ['cpu'],
      });
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(replies.at(-1)).toMatchObject({
      type: 'error',
      id: 4,
      code: 'badFile',
      params: { file: 'manifest.json' },
    });
  });

  it('refuses a text longer than the model with the sizes, and a request before loading with its own code', async () => {
    const replies: Reply[] = [];
    const server = createModelServer({
      post: (r) => replies.push(r),
      useBackend: async () => true,
      loadModel: async () => ({ ...tiny, manifest: {} as never, dispose: () => {} }),
    });
    await server.handle({
      type: 'fill',
      id: 1,
      input: { partA: ['the', '[MASK]'], masks: [1], order: [0] },
      options: {},
    });
    expect(replies.at(-1)).toMatchObject({ type: 'error', id: 1, code: 'notLoaded' });
    await server.handle({ type: 'load', id: 2, modelUrl: 'unused', backends: ['cpu'] });
    const partA = Array.from({ length: config.maxPositions + 6 }, (_, i) =>
      i === 3 ? '[MASK]' : 'the',
    );
    await server.handle({
      type: 'fill',
      id: 5,
      input: { partA, masks: [3], order: [0] },
      options: {},
    });
    expect(replies.at(-1)).toMatchObject({
      type: 'error',
      id: 5,
      code: 'tooLong',
      params: { n: config.maxPositions + 6, max: config.maxPositions },
    });
  });
});

/** A worker whose other side is the real server, replies delivered asynchronously like postMessage. */
function inMemoryWorker() {
  const listeners: ((e: MessageEvent<Reply>) => void)[] = [];
  const replies: Reply[] = [];
  const server = createModelServer({
    post: (r) => {
      replies.push(r);
      setTimeout(() => listeners.forEach((l) => l({ data: r } as MessageEvent<Reply>)));
    },
    useBackend: async (name) => (await initNodeBackend(name === 'cpu' ? 'cpu' : 'wasm')) === name,
  });
  const worker: WorkerLike = {
    postMessage: (m: Request) => setTimeout(() => void server.handle(structuredClone(m))),
    addEventListener: (type: string, l: unknown) => {
      if (type === 'message') listeners.push(l as (e: MessageEvent<Reply>) => void);
    },
    terminate: () => {},
  };
  return { worker, server, replies };
}

describe.skipIf(!existsSync('public/models/manifest.json'))(
  'model server with the shipped weights',
  // Generous: the machine may be busy (a training run), and each request runs the real model.
  { timeout: 60_000 },
  () => {
    const { worker, server, replies } = inMemoryWorker();
    const client = new ModelClient(() => worker);
    const text = framed(
      'the president said that the congress would meet in the new city next year.',
    );
    const blanks = [
      { start: 2, end: 3 },
      { start: 6, end: 7 },
      { start: 11, end: 13 },
    ];
    const c = construct(text, blanks, { order: [1, 2, 0] });
    const fillInput = { partA: c.tokens.slice(0, c.sep), masks: c.maskIndex, order: c.order };

    it('answers before loading with a clear error, then loads with progress', async () => {
      await expect(client.score({ ...c })).rejects.toThrow('the model is not loaded');
      const phases: string[] = [];
      const info = await client.load({
        modelUrl: 'public/models/manifest.json',
        onProgress: (p) => phases.push(p),
      });
      expect(info.backend).toBe('wasm');
      expect(info.layers).toBe(server.model!.config.layers);
      expect(info.parameters).toBeGreaterThan(100_000);
      expect(phases).toContain('weights');
    });

    it('streams a fill in Part B order; the streamed tokens are the result', async () => {
      const streamed: TokenEvent[] = [];
      const r = await client.fill(fillInput, { onToken: (e) => streamed.push(e) });
      expect(r.fills).toHaveLength(3);
      r.fills.forEach((f) => expect(f.length).toBeGreaterThan(0));
      const ends = streamed.filter((e) => e.token === null).map((e) => e.blank);
      expect(ends).toEqual(c.order);
      for (let b = 0; b < 3; b++) {
        expect(
          streamed.filter((e) => e.blank === b && e.token !== null).map((e) => e.token),
        ).toEqual(r.fills[b]);
      }
      // The same greedy fill as decode.ts's fillPartA (fills there are in Part B order).
      const m = server.model!;
      const ids = fillInput.partA.map((t) => m.tokenizer.idOf(t));
      const r0 = await client.fill(fillInput, { minSpanLength: 0 });
      expect(c.order.map((b) => r0.fills[b])).toEqual(
        fillPartA(m, ids, fillInput.masks, fillInput.order).fills,
      );
    });

    it('scores each Part B target with a log-probability ≤ 0 and a sorted top 5', async () => {
      const targets = await client.score({ ...c });
      expect(targets.map((t) => t.index)).toEqual(c.lossMask.flatMap((v, i) => (v ? [i] : [])));
      for (const t of targets) {
        expect(t.token).toBe(c.targets[t.index]);
        expect(t.logprob).toBeLessThanOrEqual(0);
        expect(t.top).toHaveLength(5);
        t.top.slice(1).forEach(([, p], i) => expect(p).toBeLessThanOrEqual(t.top[i]![1]));
        expect(Math.exp(t.logprob)).toBeLessThanOrEqual(t.top[0]![1] + 1e-6);
      }
    });

    it('gives attention rows summing to 1 with exact zeros where the mask hides the key', async () => {
      for (const head of [0, 'mean'] as const) {
        const { n, weights } = await client.attention(c, { layer: 1, head });
        expect(n).toBe(c.tokens.length);
        for (let q = 0; q < n; q++) {
          let sum = 0;
          for (let k = 0; k < n; k++) {
            const w = weights[q * n + k]!;
            sum += w;
            if (!(k < c.sep || k <= q)) expect(w).toBe(0);
          }
          expect(sum).toBeCloseTo(1, 4);
        }
      }
      await expect(client.attention(c, { layer: 99, head: 0 })).rejects.toThrow(/layer must be/);
    });

    it('stops a fill between two tokens when cancelled', async () => {
      const ac = new AbortController();
      let seen = 0;
      const p = client.fill(fillInput, {
        temperature: 1,
        seed: 4,
        maxSpanLength: 20,
        signal: ac.signal,
        onToken: () => {
          if (++seen === 2) ac.abort();
        },
      });
      await expect(p).rejects.toMatchObject({ name: 'AbortError' });
      const ids = new Set(replies.filter((r) => r.type === 'cancelled').map((r) => r.id));
      expect(ids.size).toBe(1);
      const [id] = [...ids];
      // A few tokens may already be in flight; the fill stops well before its end.
      expect(replies.filter((r) => r.id === id && r.type === 'token').length).toBeLessThan(6);
      expect(replies.some((r) => r.id === id && r.type === 'filled')).toBe(false);
    });

    it('does not grow tf.memory() over repeated requests', async () => {
      await client.fill(fillInput, { maxSpanLength: 3 });
      const before = tf.memory().numTensors;
      for (let i = 0; i < 3; i++) {
        await client.fill(fillInput, { maxSpanLength: 3, temperature: 1, seed: i });
        await client.score({ ...c });
        await client.attention(c, { layer: 0, head: 'mean' });
      }
      await client.fill({ ...fillInput, order: [5, 6, 7] }).catch(() => {});
      expect(tf.memory().numTensors).toBe(before);
    });

    it('rejects bad requests with a message, not a crash', async () => {
      await expect(client.fill({ ...fillInput, order: [0, 0, 1] })).rejects.toThrow(/permutation/);
      await expect(client.fill({ ...fillInput, masks: [1, 2, 99] })).rejects.toThrow(
        /outside Part A/,
      );
      await expect(client.score({ ...c, sep: 999 })).rejects.toThrow(/sep/);
    });
  },
);
