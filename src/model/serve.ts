/**
 * The model side of the worker protocol, without the worker: `createModelServer(env)` returns a
 * `handle(request)` that loads the model and answers fill / score / attention / cancel requests
 * by calling `env.post`. `worker.ts` wires it to `self`; Node tests wire it to a fake worker.
 *
 * Fill streams one `token` reply per decoding step and checks for cancellation between steps
 * (it yields to the event loop, so a `cancel` message can arrive). Every tensor is disposed:
 * the decoding functions own theirs, the server disposes the model when it loads another.
 */
import * as tf from '@tensorflow/tfjs-core';
import { attentionWeights, logProbsAt, type GlmModel } from './decode';
import { startFill } from './fill-stream';
import { load, type LoadedModel } from './weights';
import type {
  BackendName,
  FillInput,
  ModelInfo,
  Reply,
  Request,
  ScoreInput,
  SequenceInput,
  TargetScore,
} from './worker-protocol';
import { DEFAULT_BACKENDS } from './worker-protocol';
import { errorInfo, ModelError } from './errors';
import { modelCard } from './card';
import { yieldToEvents } from './yield';

export interface ServerEnv {
  /** Sends a reply (with transferable buffers, if any). */
  post(reply: Reply, transfer?: Transferable[]): void;
  /**
   * Makes `name` the active backend (importing it first if needed); resolves false or throws
   * when it cannot start. Default: `tf.setBackend(name)`.
   */
  useBackend?(name: BackendName): Promise<boolean>;
  /** Loads the model (default: `load` from weights.ts, which fetches in the browser). */
  loadModel?: typeof load;
}


const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
/** A request the page built wrongly: a bug, reported with the English detail. */
const bad = (detail: string) => new ModelError('badRequest', detail, { detail });

/** Ids of `tokens`; a token the vocabulary lacks becomes `[UNK]` (id 1). */
function idsOf(m: GlmModel, tokens: readonly string[]): number[] {
  return tokens.map((t) => m.tokenizer.idOf(t));
}

function checkSequence(m: GlmModel, s: SequenceInput): void {
  const T = s.tokens.length;
  if (T === 0) throw bad('the sequence is empty');
  if (s.positionIds.length !== T || s.blockPositionIds.length !== T)
    throw bad('positions and tokens differ in length');
  if (!(s.sep >= 0 && s.sep <= T)) throw bad(`sep ${s.sep} is outside 0..${T}`);
  const max = m.config.maxPositions;
  if ([...s.positionIds, ...s.blockPositionIds].some((p) => p < 0 || p >= max)) {
    throw new ModelError('tooLong', `the text is too long for the model: positions must stay below ${max}`, {
      n: Math.max(...s.positionIds, ...s.blockPositionIds) + 1,
      max,
    });
  }
}

/** For each loss-mask-1 position: the target's log-probability and the top 5. */
export function scoreSequence(m: GlmModel, s: ScoreInput): TargetScore[] {
  checkSequence(m, s);
  const at = s.lossMask.flatMap((v, i) => (v ? [i] : []));
  if (!at.length) return [];
  const lps = logProbsAt(
    m,
    {
      ids: idsOf(m, s.tokens),
      positionIds: s.positionIds,
      blockPositionIds: s.blockPositionIds,
      sep: s.sep,
    },
    at,
  );
  return at.map((index, j) => {
    const lp = lps[j]!;
    const token = s.targets[index]!;
    return { index, token, logprob: lp[m.tokenizer.idOf(token)]!, top: topTokens(m, lp, 5) };
  });
}

/** The k most probable tokens of log-probs `lp`, with probabilities, most probable first. */
export function topTokens(m: GlmModel, lp: Float32Array, k: number): [string, number][] {
  const best: number[] = [];
  for (let i = 0; i < lp.length; i++) {
    if (best.length < k || lp[i]! > lp[best[best.length - 1]!]!) {
      let at = best.length;
      while (at > 0 && lp[i]! > lp[best[at - 1]!]!) at--;
      best.splice(at, 0, i);
      if (best.length > k) best.pop();
    }
  }
  return best.map((i) => [m.tokenizer.tokenOf(i), Math.exp(lp[i]!)]);
}

/** Attention weights [n*n] of a layer and head (or their mean), row-major. */
export function attentionOf(
  m: GlmModel,
  s: SequenceInput,
  layer: number,
  head: number | 'mean',
): Float32Array {
  checkSequence(m, s);
  if (!Number.isInteger(layer) || layer < 0 || layer >= m.config.layers)
    throw bad(`layer must be 0..${m.config.layers - 1}`);
  if (head !== 'mean' && (!Number.isInteger(head) || head < 0 || head >= m.config.heads))
    throw bad(`head must be 0..${m.config.heads - 1} or "mean"`);
  const rows = attentionWeights(
    m,
    {
      ids: idsOf(m, s.tokens),
      positionIds: s.positionIds,
      blockPositionIds: s.blockPositionIds,
      sep: s.sep,
    },
    layer,
    head,
  );
  const n = rows.length;
  const flat = new Float32Array(n * n);
  rows.forEach((r, q) => flat.set(r, q * n));
  return flat;
}

function checkFill(m: GlmModel, f: FillInput): void {
  if (f.partA.length === 0) throw bad('Part A is empty');
  if (f.partA.length > m.config.maxPositions)
    throw new ModelError(
      'tooLong',
      `the text is too long for the model (${f.partA.length} tokens, at most ${m.config.maxPositions})`,
      { n: f.partA.length, max: m.config.maxPositions },
    );
  if (f.masks.some((i) => !Number.isInteger(i) || i < 0 || i >= f.partA.length))
    throw bad('a blank lies outside Part A');
  const sorted = [...f.order].sort((a, b) => a - b);
  if (sorted.length !== f.masks.length || sorted.some((v, i) => v !== i))
    throw bad('order must be a permutation of the blanks');
}

export interface ModelServer {
  handle(req: Request): Promise<void>;
  /** The loaded model, if any (for tests). */
  readonly model: LoadedModel | null;
}

export function createModelServer(env: ServerEnv): ModelServer {
  let model: LoadedModel | null = null;
  const cancelled = new Set<number>();
  const useBackend = env.useBackend ?? ((name: BackendName) => tf.setBackend(name));
  const loadModel = env.loadModel ?? load;

  async function loadRequest(req: Extract<Request, { type: 'load' }>): Promise<void> {
    const t0 = performance.now();
    env.post({ type: 'progress', id: req.id, phase: 'backend', fraction: null });
    const skipped: ModelInfo['skipped'] = [];
    let backend: BackendName | null = null;
    for (const name of req.backends ?? DEFAULT_BACKENDS) {
      try {
        if (await useBackend(name)) {
          await tf.ready();
          backend = name;
          break;
        }
        skipped.push({ backend: name, reason: 'did not start' });
      } catch (e) {
        skipped.push({ backend: name, reason: message(e) });
      }
    }
    if (!backend) {
      const details = skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ');
      throw new ModelError('noBackend', `no TensorFlow.js backend could start (${details})`, { details });
    }
    env.post({ type: 'progress', id: req.id, phase: 'weights', fraction: 0 });
    const next = await loadModel({
      modelUrl: req.modelUrl,
      onProgress: (fraction) =>
        env.post({ type: 'progress', id: req.id, phase: 'weights', fraction }),
    });
    model?.dispose();
    model = next;
    // One small pass compiles the kernels (and shaders on webgl) before the first real request.
    env.post({ type: 'progress', id: req.id, phase: 'warmup', fraction: null });
    scoreSequence(next, {
      tokens: ['[CLS]', '[MASK]', '[S]'],
      targets: ['[CLS]', '[MASK]', '[E]'],
      lossMask: [0, 0, 1],
      positionIds: [0, 1, 1],
      blockPositionIds: [0, 0, 1],
      sep: 2,
    });
    const c = next.config;
    const parameters = Object.values(next.params).reduce((s, p) => s + p.size, 0);
    env.post({
      type: 'loaded',
      id: req.id,
      info: {
        backend,
        skipped,
        layers: c.layers,
        heads: c.heads,
        dModel: c.dModel,
        vocabSize: c.vocabSize,
        maxPositions: c.maxPositions,
        parameters,
        loadMs: performance.now() - t0,
        card: modelCard(next.manifest),
      },
    });
  }

  async function fillRequest(
    m: LoadedModel,
    req: Extract<Request, { type: 'fill' }>,
  ): Promise<void> {
    checkFill(m, req.input);
    const t0 = performance.now();
    const stream = startFill(
      m,
      idsOf(m, req.input.partA),
      req.input.masks,
      req.input.order,
      req.options,
    );
    try {
      for (;;) {
        await yieldToEvents();
        if (cancelled.has(req.id) || model !== m) {
          env.post({ type: 'cancelled', id: req.id });
          return;
        }
        const r = stream.next();
        if (r.done) break;
        env.post({ type: 'token', id: req.id, ...r.value });
      }
    } finally {
      stream.dispose();
    }
    env.post({
      type: 'filled',
      id: req.id,
      result: {
        fills: stream.fills,
        probs: stream.probs,
        order: req.input.order,
        ms: performance.now() - t0,
      },
    });
  }

  async function handle(req: Request): Promise<void> {
    if (req.type === 'cancel') {
      cancelled.add(req.target);
      return;
    }
    try {
      if (req.type === 'load') return await loadRequest(req);
      const m = model;
      if (!m) throw new ModelError('notLoaded', 'the model is not loaded');
      // Let a cancel sent right after this request arrive first.
      await yieldToEvents();
      if (cancelled.has(req.id)) {
        env.post({ type: 'cancelled', id: req.id });
        return;
      }
      if (req.type === 'fill') return await fillRequest(m, req);
      if (req.type === 'score') {
        env.post({ type: 'scored', id: req.id, targets: scoreSequence(m, req.input) });
        return;
      }
      const weights = attentionOf(m, req.input, req.choice.layer, req.choice.head);
      env.post({ type: 'attention', id: req.id, n: req.input.tokens.length, weights }, [
        weights.buffer,
      ]);
    } catch (e) {
      env.post({ type: 'error', id: req.id, ...errorInfo(e) });
    } finally {
      cancelled.delete(req.id);
    }
  }

  return {
    handle,
    get model() {
      return model;
    },
  };
}
