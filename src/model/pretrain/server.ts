/**
 * The worker side of the pre-training protocol, without the worker: `createPretrainServer(env)`
 * returns a `handle(request)` that builds a trainer, runs it step by step and posts a `progress`
 * reply after every step. `pretrain.worker.ts` wires it to `self`; Node tests call it directly.
 *
 * Requests are handled one at a time, in order. The training loop runs beside them: it yields to
 * the event loop before every step, so a `pause` or `reset` that arrives during a step takes
 * effect before the next one. Every tensor of a run is freed when it is reset, fails, or is
 * replaced by a new run.
 */
import * as tf from '@tensorflow/tfjs-core';
import { loadTokenizer } from '../tokenizer';
import { PretrainError, pretrainErrorInfo } from './errors';
import { modelFiles } from './model-file';
import type { PretrainReply, PretrainRequest, RunSetup, RunStatus } from './protocol';
import { PretrainRun, type PretrainTokenizer } from './trainer';
import { yieldToEvents } from '../yield';

export interface PretrainServerEnv {
  post(reply: PretrainReply): void;
  /** Makes a TensorFlow.js backend (and the gradients) ready, once; resolves the backend's name. */
  ready(): Promise<string>;
  /** Loads the tokenizer (default: `loadTokenizer`, fetch in the browser). */
  loadTokenizer?(url: string): Promise<PretrainTokenizer>;
  /** The clock for steps per second (default performance.now). */
  now?(): number;
}

export interface PretrainServer {
  handle(req: PretrainRequest): Promise<void>;
  /** The run's trainer, if one is built (tests). */
  readonly trainer: PretrainRun | null;
  /** Resolves when the training loop has stopped (tests). */
  idle(): Promise<void>;
}


export function createPretrainServer(env: PretrainServerEnv): PretrainServer {
  const getTokenizer = env.loadTokenizer ?? ((url: string) => loadTokenizer(url));
  const tokenizers = new Map<string, Promise<PretrainTokenizer>>();
  let run = 0;
  /** Runs up to this one were reset: their requests are dropped. */
  let ended = 0;
  let trainer: PretrainRun | null = null;
  let setupOf: RunSetup | null = null;
  let status: RunStatus = 'idle';
  let budget = 0;
  let loop: Promise<void> | null = null;
  let queue: Promise<void> = Promise.resolve();

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

  function dropRun(): void {
    trainer?.dispose();
    trainer = null;
    setupOf = null;
    status = 'idle';
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
    const tokenizer = await tokenizerAt(setup.tokenizerUrl);
    const t = new PretrainRun({
      ...setup.settings,
      text: setup.text,
      tokenizer,
      heldoutEvery: setup.heldoutEvery,
      now: env.now,
    });
    trainer = t;
    setupOf = setup;
    post({
      type: 'ready',
      run: r,
      info: { ...t.info, backend, setupMs: (env.now?.() ?? performance.now()) - t0 },
    });
    return t;
  }

  function report(t: PretrainRun): void {
    const rep = t.next();
    post({ type: 'progress', run, report: rep, tensors: tf.memory().numTensors });
  }

  async function train(t: PretrainRun, r: number): Promise<void> {
    for (;;) {
      await yieldToEvents();
      if (trainer !== t || run !== r || status !== 'training') return;
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
