/**
 * The messages between the page and the pre-training Web Worker (`pretrain.worker.ts`, served by
 * `server.ts`). Types only: no TensorFlow.js, no DOM, so both sides (and Node tests) import it.
 *
 * One run at a time. The page numbers its runs; every request and every reply names its run, so
 * replies of a run the page has reset since (a step that was under way) are dropped.
 *
 * - `start` builds the run's trainer if it has none yet, then trains until `budget` steps are
 *   done or a `pause` arrives (between two steps, so within one step).
 * - `step` builds the trainer if needed and takes exactly one step, then the run is paused.
 * - `pause` stops after the step under way; `reset` frees every tensor of the run.
 * - `hold` (typing first): the page sends it while the user types; the loop takes no new step
 *   until `ms` milliseconds after the latest one (at most HOLD_MAX_MS). The status does not
 *   change, and a step under way finishes: on a machine with two cores, a training step beside a
 *   keystroke makes the keystroke miss its frame (docs/benchmarks.md).
 * - `weights` asks for GLM's weights as model files (`manifest.json` + `glm.bin`); `fill` asks
 *   GLM's model to fill blanks of the training text. Both read the run as it stands (between two
 *   steps) and change nothing; without a built run they get no answer.
 * - The probe: fixed blanks of the text (the setup's `probe`, or else the run's first held-out
 *   draw) that GLM's model fills, and whose true tokens it scores, once the run is built and then
 *   every `probeEvery` steps (a `probed` reply each time). A `probe` request changes the blanks
 *   or the interval of the run under way, and probes at once when the blanks changed.
 */
import type { Span } from '../../glm';
import type { Manifest } from '../weights';
import type { PretrainErrorInfo } from './errors';
import type {
  FillReport,
  PretrainSettings,
  ProbeReport,
  ProbeSpec,
  StepReport,
  TrainerInfo,
} from './trainer';

/** Everything a run is built from. */
export interface RunSetup {
  /** The text to train on (tokenised in the worker with the model's tokenizer). */
  text: string;
  /** `tokenizer.json` of the model's tokenizer (a `scratch` run's). */
  tokenizerUrl: string;
  /**
   * `manifest.json` of the shipped model, for a run with `start: 'shipped'`: its weights, its
   * config and its own tokenizer are read through it.
   */
  modelUrl?: string;
  settings: PretrainSettings;
  /** Score the held-out draws every this many steps (default 10). */
  heldoutEvery?: number;
  /** The probe's blanks (indices into the run's framed tokens); null or absent: the first held-out draw. */
  probe?: ProbeSpec | null;
  /** Probe every this many steps (default PROBE_EVERY). */
  probeEvery?: number;
}

export type PretrainRequest =
  | { type: 'start'; run: number; setup: RunSetup; budget: number }
  | { type: 'step'; run: number; setup: RunSetup; budget: number }
  | { type: 'pause'; run: number }
  | { type: 'hold'; run: number; ms: number }
  | { type: 'reset'; run: number }
  | { type: 'weights'; run: number }
  /** `spans` index the run's framed tokens (`RunInfo.tokens`); `order` as `construct` takes it. */
  | { type: 'fill'; run: number; spans: Span[]; order?: number[] }
  /** New blanks for the run's probe (null: the first held-out draw), or a new interval. */
  | { type: 'probe'; run: number; probe: ProbeSpec | null; every: number };

/** The longest hold one `hold` request can ask for. */
export const HOLD_MAX_MS = 5000;

/** Where a run stands, as the worker sees it. */
export type RunStatus = 'idle' | 'training' | 'paused' | 'finished';

/** What the worker says about a run once its trainer is built. */
export interface RunInfo extends TrainerInfo {
  /** The TensorFlow.js backend in use. */
  backend: string;
  /** Milliseconds from the request to the built trainer (libraries, tokenizer, weights). */
  setupMs: number;
}

export type PretrainReply =
  | { type: 'ready'; run: number; info: RunInfo }
  /** After every step. `tensors`: tf.memory().numTensors after it (it stays flat). */
  | { type: 'progress'; run: number; report: StepReport; tensors: number }
  | { type: 'status'; run: number; status: RunStatus; step: number }
  /** GLM's weights after `step` steps, as the two model files. */
  | { type: 'weights'; run: number; step: number; manifest: Manifest; bytes: Uint8Array }
  /** The blanks GLM's model filled, or why it could not (the run goes on either way). */
  | { type: 'filled'; run: number; fill: FillReport | null; error?: PretrainErrorInfo }
  /**
   * The probe at a step, or why it failed (the run goes on either way; the probe stops).
   * `heldout`: the blanks are the run's first held-out draw (it was given none).
   */
  | {
      type: 'probed';
      run: number;
      report: ProbeReport | null;
      heldout: boolean;
      error?: PretrainErrorInfo;
    }
  /** The run failed and its tensors are freed. */
  | ({ type: 'error'; run: number } & PretrainErrorInfo);
