/**
 * The worker side of the pre-training protocol, without the worker: `createPretrainServer(env)`
 * returns a `handle(request)` that builds a trainer, runs it step by step and posts a `progress`
 * reply after every step. `pretrain.worker.ts` wires it to `self`; Node tests call it directly.
 *
 * Requests are handled one at a time, in order. The training loop runs beside them: it yields to
 * the event loop before every step, so a `pause` or `reset` that arrives during a step takes
 * effect before the next one. Every tensor of a run is freed when it is reset, fails, or is
 * replaced by a new run. A `start: 'shipped'` run reads the shipped model once (its manifest,
 * tokenizer and weights, with `load()`, the Model panel's own loader) and keeps its weights as
 * plain arrays, not tensors: each run makes its own trainable copy, freed with the run.
 */
import * as tf from '@tensorflow/tfjs-core';
import { loadTokenizer } from '../tokenizer';
import { PretrainError, pretrainErrorInfo } from './errors';
import { modelFiles } from './model-file';
import { HOLD_MAX_MS, type PretrainReply, type PretrainRequest, type RunSetup, type RunStatus } from './protocol';
import { PROBE_EVERY, PROBE_EVERY_LIMITS } from './settings';
import {
  PretrainRun,
  type ProbeSpec,
  type PretrainTokenizer,
  type StartWeights,
} from './trainer';
import { yieldToEvents } from '../yield';

export interface PretrainServerEnv {
  post(reply: PretrainReply): void;
  /** Makes a TensorFlow.js backend (and the gradients) ready, once; resolves the backend's name. */
  ready(): Promise<string>;
  /** Loads the tokenizer (default: `loadTokenizer`, fetch in the browser). */
  loadTokenizer?(url: string): Promise<PretrainTokenizer>;
  /**
   * Reads a model to fine-tune from its `manifest.json` (default: `load()` of weights.ts, fetch in
   * the browser, a file path in Node): its config, its weights as arrays, its own tokenizer.
   */
  loadModel?(url: string): Promise<ShippedModel>;
  /** The clock for steps per second and holds (default performance.now). */
  now?(): number;
  /** Waits `ms` milliseconds (default setTimeout). */
  sleep?(ms: number): Promise<void>;
}

/** The shipped model as a run starts from it. */
export interface ShippedModel extends StartWeights {
  tokenizer: PretrainTokenizer;
}

/** `load()` a model and keep its weights as arrays (the loaded tensors are freed at once). */
export async function loadShippedModel(url: string): Promise<ShippedModel> {
  const { load } = await import('../weights');
  const m = await load({ modelUrl: url });
  try {
    const arrays: Record<string, Float32Array> = {};
    for (const [name, p] of Object.entries(m.params))
      arrays[name] = Float32Array.from(p.dataSync());
    return { config: { ...m.config }, arrays, tokenizer: m.tokenizer };
  } finally {
    m.dispose();
  }
}

const probeEveryOf = (n: number | undefined) =>
  Math.min(
    PROBE_EVERY_LIMITS[1],
    Math.max(PROBE_EVERY_LIMITS[0], Math.trunc(Number.isFinite(n) ? n! : PROBE_EVERY)),
  );

export interface PretrainServer {
  handle(req: PretrainRequest): Promise<void>;
  /** The run's trainer, if one is built (tests). */
  readonly trainer: PretrainRun | null;
  /** Resolves when the training loop has stopped (tests). */
  idle(): Promise<void>;
}


/** The probe of a run that was given none: its first held-out draw (the same in every run). */
const defaultProbe = (t: PretrainRun): ProbeSpec => {
  const d = t.main.heldoutSet[0]!;
  return { spans: d.spans.map((x) => ({ ...x })), order: [...d.order] };
};

const sameProbe = (a: ProbeSpec, b: ProbeSpec) =>
  a.spans.length === b.spans.length &&
  a.spans.every((s, i) => s.start === b.spans[i]!.start && s.end === b.spans[i]!.end) &&
  a.order.length === b.order.length &&
  a.order.every((v, i) => v === b.order[i]);

export function createPretrainServer(env: PretrainServerEnv): PretrainServer {
  const getTokenizer = env.loadTokenizer ?? ((url: string) => loadTokenizer(url));
  const getModel = env.loadModel ?? loadShippedModel;
  const tokenizers = new Map<string, Promise<PretrainTokenizer>>();
  const models = new Map<string, Promise<ShippedModel>>();
  let run = 0;
  /** Runs up to this one were reset: their requests are dropped. */
  let ended = 0;
  let trainer: PretrainRun | null = null;
  let setupOf: RunSetup | null = null;
  let status: RunStatus = 'idle';
  let budget = 0;
  let loop: Promise<void> | null = null;
  let queue: Promise<void> = Promise.resolve();
  /** The run's probe: its blanks (null: not probing, after a failure) and interval. */
  let probe: ProbeSpec | null = null;
  /** Whether the probe is the run's first held-out draw (no blanks were given). */
  let probeHeldout = false;
  let probeEvery = PROBE_EVERY;
  /** No new step before this time (`hold`: the user is typing). */
  let holdUntil = -Infinity;
  const now = () => env.now?.() ?? performance.now();
  const sleep = env.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));

  const post = env.post;
  const setStatus = (s: RunStatus) => {
    status = s;
    post({ type: 'status', run, status: s, step: trainer?.step ?? 0 });
  };

  function tokenizerAt(url: string): Promise<PretrainTokenizer> {
    let t = tokenizers.get(url);
    if (!t) {
      t = getTokenizer(url).catch((e: unknown) => {
        tokenizers.delete(url);
        const detail = e instanceof Error ? e.message : String(e);
        throw new PretrainError('tokenizer', `the tokenizer could not be read: ${detail}`, {
          detail,
        });
      });
      tokenizers.set(url, t);
    }
    return t;
  }

  function modelAt(url: string | undefined): Promise<ShippedModel> {
    if (!url)
      return Promise.reject(
        new PretrainError('shippedModel', 'no shipped model was named', { detail: 'no URL' }),
      );
    let m = models.get(url);
    if (!m) {
      m = getModel(url).catch((e: unknown) => {
        models.delete(url);
        if (e instanceof PretrainError) throw e;
        const detail = e instanceof Error ? e.message : String(e);
        throw new PretrainError('shippedModel', `the shipped model could not be read: ${detail}`, {
          detail,
        });
      });
      models.set(url, m);
    }
    return m;
  }

  /** Probes GLM's model now; a probe that fails says why once and stops. */
  function runProbe(t: PretrainRun): void {
    if (!probe) return;
    try {
      post({ type: 'probed', run, report: t.probe(probe), heldout: probeHeldout });
    } catch (e) {
      probe = null;
      post({
        type: 'probed',
        run,
        report: null,
        heldout: probeHeldout,
        error: pretrainErrorInfo(e),
      });
    }
  }

  function dropRun(): void {
    trainer?.dispose();
    trainer = null;
    setupOf = null;
    status = 'idle';
    holdUntil = -Infinity;
  }

  function fail(e: unknown): void {
    const r = run;
    dropRun();
    post({ type: 'error', run: r, ...pretrainErrorInfo(e) });
  }

  /** The trainer of run `r`, built from `setup` if the run has none (a new run replaces the old). */
  async function ensure(r: number, setup: RunSetup): Promise<PretrainRun> {
    if (trainer && run === r) return trainer;
    dropRun();
    run = r;
    const t0 = env.now?.() ?? performance.now();
    const backend = await env.ready();
    const shipped = setup.settings.start === 'shipped' ? await modelAt(setup.modelUrl) : null;
    const tokenizer = shipped?.tokenizer ?? (await tokenizerAt(setup.tokenizerUrl));
    const t = new PretrainRun({
      ...setup.settings,
      text: setup.text,
      tokenizer,
      init: shipped ?? undefined,
      heldoutEvery: setup.heldoutEvery,
      now: env.now,
    });
    trainer = t;
    setupOf = setup;
    probe = setup.probe ?? defaultProbe(t);
    probeHeldout = !setup.probe;
    probeEvery = probeEveryOf(setup.probeEvery);
    post({
      type: 'ready',
      run: r,
      info: { ...t.info, backend, setupMs: (env.now?.() ?? performance.now()) - t0 },
    });
    runProbe(t);
    return t;
  }

  function report(t: PretrainRun): void {
    const rep = t.next();
    post({ type: 'progress', run, report: rep, tensors: tf.memory().numTensors });
    if (rep.step % probeEvery === 0) runProbe(t);
  }

  async function train(t: PretrainRun, r: number): Promise<void> {
    for (;;) {
      await yieldToEvents();
      if (trainer !== t || run !== r || status !== 'training') return;
      const wait = holdUntil - now();
      if (wait > 0) {
        await sleep(wait);
        continue;
      }
      if (t.step >= budget) {
        setStatus('finished');
        return;
      }
      try {
        report(t);
      } catch (e) {
        fail(e);
        return;
      }
    }
  }

  function kick(t: PretrainRun): void {
    if (loop) return;
    const r = run;
    loop = train(t, r).finally(() => {
      loop = null;
      // A Start that came while the loop was winding down.
      if (trainer && status === 'training') kick(trainer);
    });
  }

  async function process(req: PretrainRequest): Promise<void> {
    if (req.type === 'reset') {
      ended = Math.max(ended, req.run);
      if (req.run >= run) {
        const had = trainer !== null || status !== 'idle';
        dropRun();
        run = req.run;
        if (had) setStatus('idle');
      }
      return;
    }
    if (req.type === 'pause') {
      if (req.run === run && status === 'training') setStatus('paused');
      return;
    }
    if (req.type === 'hold') return; // handled on arrival
    if (req.type === 'weights') {
      if (req.run !== run || !trainer || !setupOf) return;
      const w = trainer.weights();
      const { manifest, bytes } = modelFiles(w, {
        text: setupOf.text,
        settings: setupOf.settings,
      });
      post({ type: 'weights', run, step: w.step, manifest, bytes });
      return;
    }
    if (req.type === 'probe') {
      if (req.run !== run || !trainer) return;
      probeEvery = probeEveryOf(req.every);
      const next = req.probe ?? defaultProbe(trainer);
      if (!probe || !sameProbe(probe, next) || probeHeldout !== !req.probe) {
        probe = next;
        probeHeldout = !req.probe;
        runProbe(trainer);
      }
      return;
    }
    if (req.type === 'fill') {
      if (req.run !== run || !trainer) return;
      try {
        post({ type: 'filled', run, fill: trainer.fill(req.spans, req.order) });
      } catch (e) {
        post({ type: 'filled', run, fill: null, error: pretrainErrorInfo(e) });
      }
      return;
    }
    if (req.run < run || req.run <= ended) return; // a request of a run reset since
    try {
      const t = await ensure(req.run, req.setup);
      budget = Math.max(0, Math.trunc(req.budget));
      if (req.type === 'step') {
        report(t);
        setStatus(t.step >= budget ? 'finished' : 'paused');
        return;
      }
      if (t.step >= budget) {
        setStatus('finished');
        return;
      }
      setStatus('training');
      kick(t);
    } catch (e) {
      fail(e);
    }
  }

  return {
    handle(req) {
      // Pause takes effect at once (not behind a run being built): the loop reads it between steps.
      if (req.type === 'pause' && req.run === run && status === 'training') {
        setStatus('paused');
        return Promise.resolve();
      }
      // A hold, too: the loop reads it before its next step.
      if (req.type === 'hold') {
        if (req.run === run && Number.isFinite(req.ms))
          holdUntil = Math.max(holdUntil, now() + Math.min(HOLD_MAX_MS, Math.max(0, req.ms)));
        return Promise.resolve();
      }
      const next = queue.then(() => process(req));
      queue = next.catch(() => undefined);
      return next;
    },
    get trainer() {
      return trainer;
    },
    async idle() {
      await queue;
      while (loop) await loop;
    },
  };
}
