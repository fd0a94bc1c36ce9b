/**
 * The browser half of `npm run bench:train`: built by Vite and opened in headless Chromium by
 * `scripts/bench/train.ts`. It trains through the page's own pre-training worker and client
 * (src/model/pretrain: the worker picks its backend as in the app, wasm first), and answers each
 * job the Node side hands to `window.__trainBench`.
 *
 * - speed: `warmup` steps, then `runs` runs of `steps` steps; per run, the mean of the worker's
 *   own step times (`report.ms`, what Node's figure times) and the wall-clock time per step
 *   between the progress messages the page receives (the worker's yields and postMessage too).
 * - halve: held-out loss after every step until it is at most half its start; the step, the
 *   worker's summed step times up to it (held-out scoring included, as in Node), and wall-clock
 *   time from the first step's start.
 */
import { PretrainClient } from '../../../src/model/pretrain/client';
import type { PretrainReply, RunSetup } from '../../../src/model/pretrain/protocol';
import type { PretrainSettings } from '../../../src/model/pretrain/settings';

export interface SpeedJob {
  kind: 'speed';
  text: string;
  settings: PretrainSettings;
  warmup: number;
  runs: number;
  steps: number;
}

export interface HalveJob {
  kind: 'halve';
  text: string;
  settings: PretrainSettings;
  maxSteps: number;
}

export type BenchJob = SpeedJob | HalveJob;

export interface SpeedResult {
  backend: string;
  setupMs: number;
  /** Per run: the mean of the worker's step times, ms. */
  ms: number[];
  /** Per run: wall-clock ms per step between the progress messages. */
  wall: number[];
  /** Mean sequence length (Part A + Part B) of the examples. */
  seq: number;
}

export interface HalveResult {
  backend: string;
  start: number;
  step: number | null;
  /** The worker's summed step times up to the halving step, ms. */
  computeMs: number;
  /** Wall-clock ms from the start of step 1 to the halving step's message. */
  wallMs: number;
  last: number;
}

declare global {
  interface Window {
    __trainBench?: (job: BenchJob) => Promise<SpeedResult | HalveResult>;
  }
}

const base = new URL('.', document.baseURI).href;
const status = (s: string) => (document.getElementById('status')!.textContent = s);

function setupOf(job: BenchJob, heldoutEvery: number): RunSetup {
  return {
    text: job.text,
    tokenizerUrl: `${base}models/tokenizer.json`,
    modelUrl: `${base}models/manifest.json`,
    settings: job.settings,
    heldoutEvery,
    // Probed once, when the run is built (before the first step): off the clock.
    probeEvery: 1000,
  };
}

/** Runs one job on a fresh client (a fresh worker), resolving with what `onReply` settles on. */
function withClient<T>(
  job: BenchJob,
  heldoutEvery: number,
  budget: number,
  onReply: (r: PretrainReply, t: number, done: (v: T) => void, client: PretrainClient) => void,
): Promise<T> {
  const client = new PretrainClient();
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const done = (v: T) => {
      if (settled) return;
      settled = true;
      client.reset();
      client.dispose();
      resolve(v);
    };
    client.subscribe((r) => {
      if (r.type === 'error') {
        settled = true;
        client.dispose();
        reject(new Error(`${r.code ?? 'error'}: ${r.message}`));
        return;
      }
      onReply(r, performance.now(), done, client);
    });
    client.start(setupOf(job, heldoutEvery), budget);
  });
}

function speed(job: SpeedJob): Promise<SpeedResult> {
  const budget = job.warmup + job.runs * job.steps;
  let backend = '';
  let setupMs = 0;
  const times: number[] = []; // when each step's progress arrived, by step
  const stepMs: number[] = [];
  const seen: number[] = []; // sequence tokens seen after each step
  return withClient<SpeedResult>(job, 1e9, budget, (r, t, done) => {
    if (r.type === 'ready') {
      backend = r.info.backend;
      setupMs = r.info.setupMs;
      return;
    }
    if (r.type === 'progress') {
      times[r.report.step] = t;
      stepMs[r.report.step] = r.report.ms;
      seen[r.report.step] = r.report.tokensSeen;
      status(`speed: step ${r.report.step} of ${budget}`);
      return;
    }
    if (r.type === 'status' && r.status === 'finished') {
      const ms: number[] = [];
      const wall: number[] = [];
      for (let k = 0; k < job.runs; k++) {
        const a = job.warmup + k * job.steps; // the step before the run
        const b = a + job.steps;
        let sum = 0;
        for (let s = a + 1; s <= b; s++) sum += stepMs[s]!;
        ms.push(sum / job.steps);
        wall.push((times[b]! - times[a]!) / job.steps);
      }
      const timed = job.runs * job.steps * job.settings.batchSize;
      done({ backend, setupMs, ms, wall, seq: (seen[budget]! - (seen[job.warmup] ?? 0)) / timed });
    }
  });
}

function halve(job: HalveJob): Promise<HalveResult> {
  let backend = '';
  let start = NaN;
  let firstAt = NaN;
  let computeMs = 0;
  let last = NaN;
  return withClient<HalveResult>(job, 1, job.maxSteps, (r, t, done) => {
    if (r.type === 'ready') {
      backend = r.info.backend;
      start = r.info.heldoutStart;
      return;
    }
    if (r.type === 'progress') {
      const rep = r.report;
      if (rep.step === 1) firstAt = t - rep.ms;
      computeMs += rep.ms;
      last = rep.heldout ?? last;
      status(`halving: step ${rep.step}, held-out ${last.toFixed(2)} from ${start.toFixed(2)}`);
      if (rep.heldout !== null && rep.heldout <= start / 2)
        done({ backend, start, step: rep.step, computeMs, wallMs: t - firstAt, last });
      return;
    }
    if (r.type === 'status' && r.status === 'finished')
      done({ backend, start, step: null, computeMs, wallMs: t - firstAt, last });
  });
}

window.__trainBench = (job) => (job.kind === 'speed' ? speed(job) : halve(job));
