// The client side of the worker protocol, against a fake worker that the test answers by hand.
import { describe, expect, it } from 'vitest';
import { ModelClient, type WorkerLike } from '../../src/model/worker-client';
import type { Reply, Request } from '../../src/model/worker-protocol';

class FakeWorker implements WorkerLike {
  sent: Request[] = [];
  terminated = false;
  private onMessage: ((e: MessageEvent<Reply>) => void)[] = [];
  private onError: ((e: ErrorEvent) => void)[] = [];
  postMessage(m: Request) {
    this.sent.push(m);
  }
  addEventListener(
    type: 'message' | 'error',
    l: ((e: MessageEvent<Reply>) => void) | ((e: ErrorEvent) => void),
  ) {
    if (type === 'message') this.onMessage.push(l as (e: MessageEvent<Reply>) => void);
    else this.onError.push(l as (e: ErrorEvent) => void);
  }
  terminate() {
    this.terminated = true;
  }
  reply(r: Reply) {
    for (const l of this.onMessage) l({ data: r } as MessageEvent<Reply>);
  }
  fail(message: string) {
    for (const l of this.onError) l({ message } as ErrorEvent);
  }
  last<T extends Request['type']>(type: T): Extract<Request, { type: T }> {
    const m = [...this.sent].reverse().find((r) => r.type === type);
    if (!m) throw new Error(`no ${type} request sent`);
    return m as Extract<Request, { type: T }>;
  }
}

const setup = () => {
  let made = 0;
  const w = new FakeWorker();
  const client = new ModelClient(() => {
    made++;
    return w;
  });
  return { w, client, made: () => made };
};
const seq = {
  tokens: ['[CLS]', '[MASK]', '[S]'],
  positionIds: [0, 1, 1],
  blockPositionIds: [0, 0, 1],
  sep: 2,
};

describe('model client protocol', () => {
  it('creates the worker only on the first request and gives every request its own id', async () => {
    const { w, client, made } = setup();
    expect(made()).toBe(0);
    const a = client.score({ ...seq, targets: ['[CLS]', '[MASK]', '[E]'], lossMask: [0, 0, 1] });
    const b = client.attention(seq, { layer: 0, head: 'mean' });
    expect(made()).toBe(1);
    const [ra, rb] = w.sent;
    expect(ra!.id).not.toBe(rb!.id);
    w.reply({ type: 'attention', id: rb!.id, n: 3, weights: new Float32Array(9) });
    w.reply({ type: 'scored', id: ra!.id, targets: [] });
    await expect(a).resolves.toEqual([]);
    await expect(b).resolves.toMatchObject({ n: 3 });
  });

  it('reports load progress and resolves with the model info', async () => {
    const { w, client } = setup();
    const seen: string[] = [];
    const p = client.load({
      modelUrl: 'http://localhost/models/manifest.json',
      onProgress: (phase, f) => seen.push(`${phase}:${f}`),
    });
    const req = w.last('load');
    expect(req.modelUrl).toBe('http://localhost/models/manifest.json');
    w.reply({ type: 'progress', id: req.id, phase: 'library', fraction: null });
    w.reply({ type: 'progress', id: req.id, phase: 'weights', fraction: 0.5 });
    const info = {
      backend: 'wasm' as const,
      skipped: [],
      layers: 3,
      heads: 4,
      dModel: 128,
      vocabSize: 4000,
      maxPositions: 512,
      parameters: 1,
      loadMs: 5,
    };
    w.reply({ type: 'loaded', id: req.id, info });
    await expect(p).resolves.toEqual(info);
    expect(seen).toEqual(['library:null', 'weights:0.5']);
  });

  it('streams fill tokens, then resolves with the result', async () => {
    const { w, client } = setup();
    const tokens: (string | null)[] = [];
    const p = client.fill(
      { partA: ['[CLS]', '[MASK]', '[EOS]'], masks: [1], order: [0] },
      { temperature: 0.7, seed: 3, onToken: (e) => tokens.push(e.token) },
    );
    const req = w.last('fill');
    expect(req.options).toEqual({ temperature: 0.7, seed: 3 });
    w.reply({ type: 'token', id: req.id, place: 0, blank: 0, token: 'the', prob: 0.5 });
    w.reply({ type: 'token', id: req.id, place: 0, blank: 0, token: null, prob: 0.9 });
    w.reply({
      type: 'filled',
      id: req.id,
      result: { fills: [['the']], probs: [[0.5]], order: [0], ms: 1 },
    });
    await expect(p).resolves.toMatchObject({ fills: [['the']] });
    expect(tokens).toEqual(['the', null]);
  });

  it('cancels through an AbortSignal: posts a cancel naming the request and rejects with AbortError', async () => {
    const { w, client } = setup();
    const ac = new AbortController();
    const p = client.fill({ partA: ['[MASK]'], masks: [0], order: [0] }, { signal: ac.signal });
    const req = w.last('fill');
    ac.abort();
    const cancel = w.last('cancel');
    expect(cancel.target).toBe(req.id);
    expect(cancel.id).not.toBe(req.id);
    w.reply({ type: 'cancelled', id: req.id });
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    // An already aborted signal never reaches the worker.
    const before = w.sent.length;
    await expect(
      client.score({ ...seq, targets: seq.tokens, lossMask: [0, 0, 0] }, { signal: ac.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(w.sent.length).toBe(before);
  });

  it('rejects with the worker’s message on an error reply, and every pending request when the worker dies', async () => {
    const { w, client } = setup();
    const a = client.score({ ...seq, targets: seq.tokens, lossMask: [0, 0, 1] });
    w.reply({ type: 'error', id: w.last('score').id, message: 'the model is not loaded' });
    await expect(a).rejects.toThrow('the model is not loaded');
    // The code and values cross the worker boundary, for the page to translate.
    const d = client.score({ ...seq, targets: seq.tokens, lossMask: [0, 0, 1] });
    w.reply({ type: 'error', id: w.last('score').id, message: 'too long', code: 'tooLong', params: { n: 600, max: 512 } });
    await expect(d).rejects.toMatchObject({ message: 'too long', code: 'tooLong', params: { n: 600, max: 512 } });
    const b = client.load();
    const c = client.attention(seq, { layer: 0, head: 0 });
    w.fail('404 worker.js');
    await expect(b).rejects.toThrow('404 worker.js');
    await expect(c).rejects.toThrow('404 worker.js');
  });

  it('ignores replies to unknown ids and terminates the worker on dispose', async () => {
    const { w, client } = setup();
    const p = client.attention(seq, { layer: 0, head: 0 });
    w.reply({ type: 'scored', id: 999, targets: [] });
    client.dispose();
    await expect(p).rejects.toThrow(/disposed/);
    expect(w.terminated).toBe(true);
  });
});
