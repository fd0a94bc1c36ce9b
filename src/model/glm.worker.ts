/// <reference lib="webworker" />
/**
 * The model's Web Worker: loads tfjs lazily, then serves fill / score / attention requests so
 * typing never waits for the model. Protocol: `./protocol.ts`.
 */
import type { Request, Response } from './protocol';
import type { LoadedModel } from './weights';

let model: LoadedModel | null = null;
let lib: {
  decode: typeof import('./decode');
  glm: typeof import('../glm');
} | null = null;

const post = (m: Response) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m);

async function handle(req: Request): Promise<unknown> {
  if (req.type === 'load') {
    const t0 = performance.now();
    const { initBrowserBackend } = await import('./backend-browser');
    const backend = await initBrowserBackend(req.backends);
    const { load } = await import('./weights');
    lib = { decode: await import('./decode'), glm: await import('../glm') };
    model?.dispose();
    model = await load({ modelUrl: req.modelUrl, onProgress: (fraction) => post({ id: req.id, type: 'progress', fraction }) });
    const c = model.config;
    return { backend, config: { dModel: c.dModel, layers: c.layers, heads: c.heads, vocabSize: c.vocabSize, maxPositions: c.maxPositions }, ms: performance.now() - t0 };
  }
  if (!model || !lib) throw new Error('model not loaded');
  const { tokens, spans, order, objective } = req.input;
  if (req.type === 'fill') {
    const t0 = performance.now();
    const r = lib.decode.fillSpans(model, tokens, spans, {
      order, objective, temperature: req.temperature, topK: req.topK, seed: req.seed, maxSpanLength: req.maxSpanLength,
    });
    return { fills: r.fills, order: r.order, probs: r.probs, ms: performance.now() - t0 };
  }
  const c = lib.glm.construct(tokens, spans, { objective: objective ?? 'span', order, shuffle: false });
  if (req.type === 'score') {
    const targets = lib.decode.scoreConstruction(model, c);
    return { targets, meanNll: -targets.reduce((s, t) => s + t.logprob, 0) / Math.max(1, targets.length) };
  }
  const weights = lib.decode.attentionWeights(model, lib.decode.encodeConstruction(model, c), req.layer, req.head);
  return { tokens: c.tokens, sep: c.sep, weights };
}

self.onmessage = async (e: MessageEvent<Request>) => {
  const req = e.data;
  try {
    post({ id: req.id, ok: true, result: await handle(req) });
  } catch (err) {
    post({ id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
