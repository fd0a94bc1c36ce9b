/**
 * GLM's pretraining objective, live: a tiny GLM trained from scratch on one text the user typed,
 * or the shipped model fine-tuned on it (`init`: its weights, read with its manifest's config).
 *
 * Each step draws a batch of B examples from the text with the ENGINE (`exampleFrom`: the same
 * `sampleSpans` + `construct` the panels show), runs the tfjs GLM forward with its training path
 * (`forward(..., { training: true, positions })`), takes the mean cross-entropy over the Part B
 * targets, and applies one Adam update (src/model/adam.ts). Every `heldoutEvery` steps it also
 * scores a fixed set of draws of the same text (its own fixed seed, the same draws every time and
 * in every run), so the curve shows what the model learnt rather than the noise of each batch.
 *
 * Deterministic for a seed: the weights come from `initParams(config, seed)`, the draws from
 * `createRng(seed)`, and the tiny config has no dropout. Owns its tensors: `dispose()` frees all
 * of them. Imports only `@tensorflow/tfjs-core`; the caller registers a backend and the gradients.
 *
 * A `Pretrainer` trains one model on one variant of the objective (GLM's, or an ablation of the
 * paper, see `Variant`). `PretrainRun` trains GLM and, when asked, the two ablations side by side:
 * every step it draws ONE batch (spans and Part B order) with GLM's generator and gives it to each
 * model, which builds its own examples from it; the held-out draws are the same for all. So the
 * models differ only in the option under test.
 */
import * as tf from '@tensorflow/tfjs-core';
import { CLS, construct, createRng, EOS, type Rng, type Span } from '../../glm';
import { Adam } from '../adam';
import { fillSpans, type GlmModel } from '../decode';
import {
  crossEntropy,
  forward,
  initParams,
  paramShapes,
  type GlmConfig,
  type GlmParams,
} from '../glm';
import type { GlmTokenizer } from '../tokenizer';
import { PretrainError } from './errors';
import {
  collate,
  exampleFrom,
  exampleOf,
  VARIANTS,
  type Batch,
  type Draw,
  type Example,
  type IdLookup,
  type ObjectiveOptions,
  type Variant,
} from './examples';
import {
  HELDOUT_EVERY,
  HELDOUT_SEED,
  PRETRAIN_LIMITS,
  PRETRAIN_STARTS,
  TINY_CONFIG,
  type PretrainSettings,
  type PretrainStart,
} from './settings';

export * from './settings';

/** What a trainer needs of a tokenizer: the model's (GlmTokenizer) fits. */
export interface PretrainTokenizer extends IdLookup {
  readonly size: number;
  encode(text: string): { tokens: string[] };
  /** Id to token text (filling blanks writes tokens). */
  tokenOf(id: number): string;
}

/**
 * Weights a run starts from instead of random ones: a model's config and its parameters as
 * plain arrays (the shipped model's, as `load()` reads them from its manifest and weight file).
 */
export interface StartWeights {
  config: GlmConfig;
  arrays: Readonly<Record<string, Float32Array>>;
}

export interface TrainerOptions extends PretrainSettings {
  text: string;
  tokenizer: PretrainTokenizer;
  /** Overrides of the tiny config (tests); ignored when the run starts from `init`. */
  config?: Partial<Omit<GlmConfig, 'vocabSize'>>;
  /**
   * The weights of a `start: 'shipped'` run (required then; each model of the run gets its own
   * trainable copy). Its config is the run's: its positions limit the text.
   */
  init?: StartWeights;
  /** Score the held-out draws every this many steps (default HELDOUT_EVERY). */
  heldoutEvery?: number;
  /** How many held-out draws (default 16). */
  heldoutDraws?: number;
  /** The clock for steps per second (default performance.now). */
  now?: () => number;
  /** Which objective the model trains on (default GLM's; a `PretrainRun` sets it per model). */
  variant?: Variant;
}

/** What the trainer is, once built. */
export interface TrainerInfo {
  /** Where the weights started: random (the tiny config) or the shipped model's (absent: random). */
  start?: PretrainStart;
  config: GlmConfig;
  parameters: number;
  /** The framed tokens of the text (`[CLS] ... [EOS]`): the draws' spans index these. */
  tokens: string[];
  heldoutDraws: number;
  /** The held-out draws are scored every this many steps. */
  heldoutEvery: number;
  /** Part B targets in the held-out draws. */
  heldoutTargets: number;
  /** The held-out loss before any step (of GLM, the first variant). */
  heldoutStart: number;
  /** The models trained side by side: GLM first, then the ablations, if any. */
  variants: Variant[];
  /** The held-out loss of each variant before any step (same order). */
  heldoutStarts: number[];
}

/** One model's figures of a step. */
export interface VariantLoss {
  variant: Variant;
  /** Mean cross-entropy over the batch's Part B targets (its own construction of the shared draws). */
  loss: number;
  /** Held-out loss after the step, when scored; else null. */
  heldout: number | null;
}

/** One step's results. */
export interface StepReport {
  /** Steps done, this one included. */
  step: number;
  /** Mean cross-entropy (nats) over the batch's Part B targets. */
  loss: number;
  /** Mean cross-entropy over the held-out draws after this step, when they were scored; else null. */
  heldout: number | null;
  /** Steps per second over the last few steps. */
  stepsPerSecond: number;
  /** Sequence tokens (Part A + Part B, no padding) in all batches so far. */
  tokensSeen: number;
  /** Part B targets predicted in all batches so far. */
  targetsSeen: number;
  /** The engine's draw of each example in this step's batch. */
  draws: Draw[];
  /** Milliseconds this step took (all the models of the run). */
  ms: number;
  /** Each model's figures, GLM first (`loss` and `heldout` above are GLM's). */
  runs: VariantLoss[];
}

/** What the weights of a model are, to save them (plain arrays, in `paramShapes` order). */
export interface TrainedWeights {
  config: GlmConfig;
  variant: Variant;
  arrays: Record<string, Float32Array>;
  step: number;
  tokensSeen: number;
  /** The last held-out loss and the step it was scored at (step 0: before training). */
  heldout: { step: number; loss: number };
}

/** The blanks a trained model filled: tokens per span, in Part B order. */
export interface FillReport {
  /** The spans filled (indices into the framed tokens, sorted by start). */
  spans: Span[];
  /** order[k]: the span filled k-th. */
  order: number[];
  /** Generated tokens of each span, in Part B order (fills[k] is span order[k]'s). */
  fills: string[][];
  /** Steps the model had taken. */
  step: number;
}

/** Which blanks a probe fills (indices into the framed tokens) and in which Part B order. */
export interface ProbeSpec {
  spans: Span[];
  /** order[k]: the span filled k-th (default text order). */
  order: number[];
}

/**
 * A probe of the model at one step: the same blanks filled greedily, and how likely the model
 * finds the text's own tokens there. Spans and everything per span in TEXT order.
 */
export interface ProbeReport extends ProbeSpec {
  /** Steps the model had taken. */
  step: number;
  /** The text's tokens of each span. */
  truth: string[][];
  /** What the model wrote into each span (greedy, in the Part B order). */
  fills: string[][];
  /**
   * The probability the model gives each true token of each span when the true tokens before it
   * are given (teacher forcing, in the probe's Part B order); the [E] that ends a span is not counted.
   */
  tokenProbs: number[][];
  /** The mean of `tokenProbs` over every true token (what the panel draws). */
  meanProb: number;
  /** Their product: the probability of all the true tokens together, as a natural log. */
  logJoint: number;
  /**
   * Tokens of the fills equal to the true token at the same place in their span, of `total`:
   * for each span the longer of it and its fill, so a fill that runs on past its span, or stops
   * short, is not all right.
   */
  right: number;
  total: number;
}

/** Attempts at a draw before the text is declared impossible to sample with these settings. */
const ATTEMPTS = 40;
/** Steps the speed is averaged over. */
const SPEED_WINDOW = 20;

function checkSettings(s: PretrainSettings): void {
  const within = (v: number, [lo, hi]: readonly [number, number]) =>
    Number.isFinite(v) && v >= lo && v <= hi;
  const bad = (detail: string) =>
    new PretrainError('badSettings', `bad setting: ${detail}`, { detail });
  if (s.objective !== 'span' && s.objective !== 'document')
    throw bad(`objective ${String(s.objective)}`);
  if (!within(s.lambda, PRETRAIN_LIMITS.lambda)) throw bad(`lambda ${s.lambda}`);
  if (!within(s.ratio, PRETRAIN_LIMITS.ratio)) throw bad(`ratio ${s.ratio}`);
  if (!Number.isInteger(s.batchSize) || !within(s.batchSize, PRETRAIN_LIMITS.batchSize))
    throw bad(`batch size ${s.batchSize}`);
  if (!within(s.learningRate, PRETRAIN_LIMITS.learningRate))
    throw bad(`learning rate ${s.learningRate}`);
  if (!Number.isFinite(s.seed)) throw bad(`seed ${s.seed}`);
  if (typeof s.ablations !== 'boolean') throw bad(`ablations ${String(s.ablations)}`);
  if (!PRETRAIN_STARTS.includes(s.start)) throw bad(`start ${String(s.start)}`);
}

/** Trainable variables holding `w`'s arrays, checked against the shapes of its config. */
let nextVar = 0;
function paramsFrom(w: StartWeights): GlmParams {
  const shapes = paramShapes(w.config);
  for (const [name, shape] of shapes) {
    const a = w.arrays[name];
    const n = shape.reduce((x, y) => x * y, 1);
    if (!a || a.length !== n)
      throw new PretrainError('shippedModel', `the shipped model has no weight ${name} of ${n} values`, {
        detail: `weight ${name}`,
      });
  }
  const params: GlmParams = {};
  for (const [name, shape] of shapes) {
    const t = tf.tensor(w.arrays[name]!, shape);
    params[name] = tf.variable(t, true, `ft.${name}#${nextVar++}`);
    t.dispose();
  }
  return params;
}

/** The framed tokens of a text under the model's tokenizer, refused if the model cannot hold them. */
export function framedTokens(
  text: string,
  tok: PretrainTokenizer,
  maxPositions: number,
  model: 'tiny' | 'shipped' = 'tiny',
): string[] {
  if (text.trim() === '') throw new PretrainError('noText', 'there is no text to train on');
  const tokens = [CLS, ...tok.encode(text).tokens, EOS];
  if (tokens.length > maxPositions) {
    throw new PretrainError(
      'tooLong',
      `the text has ${tokens.length} tokens with [CLS] and [EOS]; the ${model} model has ${maxPositions} positions, so at most ${maxPositions} tokens`,
      { n: tokens.length, max: maxPositions, model },
    );
  }
  return tokens;
}

export class Pretrainer {
  readonly info: TrainerInfo;
  readonly settings: PretrainSettings;
  readonly variant: Variant;
  /** The fixed held-out draws (the same for every variant and every run). */
  readonly heldoutSet: readonly Draw[];
  private readonly tok: PretrainTokenizer;
  private readonly objective: ObjectiveOptions;
  private readonly rng: Rng;
  private readonly heldoutBatch: Batch;
  private readonly heldoutEvery: number;
  private readonly now: () => number;
  private params: GlmParams | null;
  private opt: Adam | null;
  private steps = 0;
  private tokensSeen = 0;
  private targetsSeen = 0;
  private readonly times: number[] = [];
  private examples: Example[] = [];
  private draws: Draw[] = [];
  private lastHeldout = { step: 0, loss: NaN };

  constructor(o: TrainerOptions) {
    const {
      text,
      tokenizer,
      config,
      heldoutEvery = HELDOUT_EVERY,
      heldoutDraws = 16,
      now,
      variant = 'glm',
      init,
      ...settings
    } = o;
    checkSettings(settings);
    if (!VARIANTS.includes(variant))
      throw new PretrainError('badSettings', `bad setting: variant ${String(variant)}`, {
        detail: `variant ${String(variant)}`,
      });
    this.settings = { ...settings, seed: Math.trunc(settings.seed) >>> 0 };
    this.variant = variant;
    this.tok = tokenizer;
    this.now = now ?? (() => performance.now());
    this.heldoutEvery = Math.max(1, Math.trunc(heldoutEvery));
    const shipped = settings.start === 'shipped';
    if (shipped && !init)
      throw new PretrainError('shippedModel', 'the shipped model’s weights were not given', {
        detail: 'no weights',
      });
    if (shipped && init!.config.vocabSize !== tokenizer.size)
      throw new PretrainError(
        'shippedModel',
        `the shipped model has ${init!.config.vocabSize} pieces, its tokenizer ${tokenizer.size}`,
        { detail: `vocabulary ${init!.config.vocabSize} ≠ ${tokenizer.size}` },
      );
    const cfg: GlmConfig = shipped
      ? { ...init!.config }
      : { ...TINY_CONFIG, ...config, vocabSize: tokenizer.size };
    const tokens = framedTokens(text, tokenizer, cfg.maxPositions, shipped ? 'shipped' : 'tiny');
    this.objective =
      settings.objective === 'document'
        ? { objective: 'document' }
        : { objective: 'span', ratio: settings.ratio, lambda: settings.lambda };
    this.rng = createRng(this.settings.seed);
    // The held-out draws are built first: a text the sampler cannot draw from fails here, before
    // any tensor exists.
    const hr = createRng(HELDOUT_SEED);
    this.heldoutSet = Array.from(
      { length: Math.max(1, heldoutDraws) },
      () => this.drawOne(tokens, hr).draw,
    );
    this.heldoutBatch = collate(this.heldoutSet.map((d) => exampleOf(tokens, tokenizer, d, variant)));
    const params = shipped ? paramsFrom(init!) : initParams(cfg, this.settings.seed);
    this.params = params;
    // Adam makes its moments from zerosLike tensors it never frees; the scope frees them (the
    // moments themselves are variables, which a scope keeps).
    let opt: Adam | null = null;
    tf.tidy(() => {
      opt = new Adam(params);
    });
    this.opt = opt;
    const parameters = Object.values(this.params).reduce((s, p) => s + p.size, 0);
    this.info = {
      start: settings.start,
      config: cfg,
      parameters,
      tokens,
      heldoutDraws: this.heldoutSet.length,
      heldoutEvery: this.heldoutEvery,
      heldoutTargets: this.heldoutBatch.targets.length,
      heldoutStart: 0,
      variants: [variant],
      heldoutStarts: [],
    };
    this.info.heldoutStart = this.heldout();
    this.info.heldoutStarts = [this.info.heldoutStart];
    this.lastHeldout = { step: 0, loss: this.info.heldoutStart };
  }

  /** Steps done. */
  get step(): number {
    return this.steps;
  }

  get disposed(): boolean {
    return this.params === null;
  }

  /** The examples of the last step, as this model was fed them (tests). */
  get lastExamples(): readonly Example[] {
    return this.examples;
  }

  /** The draws of the last step (tests). */
  get lastDraws(): readonly Draw[] {
    return this.draws;
  }

  /** One example drawn with the engine, retried as data.ts retries (bounded here: one text only). */
  private drawOne(tokens: readonly string[], rng: Rng): { example: Example; draw: Draw } {
    let last: Extract<ReturnType<typeof exampleFrom>, { ok: false }> | null = null;
    for (let i = 0; i < ATTEMPTS; i++) {
      const r = exampleFrom(tokens, this.tok, this.objective, rng);
      if (r.ok) return r;
      last = r;
    }
    const params: Record<string, string | number> = { engineCode: last?.code ?? '' };
    for (const [k, v] of Object.entries(last?.params ?? {}))
      if (typeof v === 'string' || typeof v === 'number') params[k] = v;
    throw new PretrainError(
      'noDraw',
      `the sampler drew no span from this text in ${ATTEMPTS} tries (${last?.reason ?? 'no reason given'}); use a longer text or a larger ratio`,
      params,
    );
  }

  /** The next batch of draws from this trainer's generator (spans and Part B order). */
  drawBatch(): Draw[] {
    return Array.from(
      { length: this.settings.batchSize },
      () => this.drawOne(this.info.tokens, this.rng).draw,
    );
  }

  private live(): { params: GlmParams; opt: Adam } {
    if (!this.params || !this.opt) throw new Error('the trainer was disposed');
    return { params: this.params, opt: this.opt };
  }

  /** Mean cross-entropy over the fixed held-out draws (no update). */
  heldout(): number {
    const { params } = this.live();
    const b = this.heldoutBatch;
    const loss = tf.tidy(() =>
      crossEntropy(
        forward(params, this.info.config, b.input, { positions: b.positions }).logits!,
        b.targets,
      ),
    );
    const v = loss.dataSync()[0]!;
    loss.dispose();
    return v;
  }

  /** Draws a batch, takes one Adam step on it, and reports. */
  next(): StepReport {
    const t0 = this.now();
    return this.stepOn(this.drawBatch(), t0);
  }

  /**
   * One Adam step on `draws` (this trainer's own, or another's: a run shares GLM's draws with its
   * ablations), each built into an example under this trainer's variant.
   */
  stepOn(draws: readonly Draw[], t0 = this.now()): StepReport {
    const { params, opt } = this.live();
    const examples = draws.map((d) => exampleOf(this.info.tokens, this.tok, d, this.variant));
    this.examples = examples;
    this.draws = [...draws];
    const batch = collate(examples);
    const { value, grads } = tf.variableGrads(() => {
      const r = forward(params, this.info.config, batch.input, {
        training: true,
        positions: batch.positions,
      });
      return crossEntropy(r.logits!, batch.targets);
    });
    opt.apply(grads as Record<string, tf.Tensor>, this.settings.learningRate);
    const loss = value.dataSync()[0]!;
    tf.dispose([value, ...Object.values(grads)]);
    this.steps++;
    if (!Number.isFinite(loss)) {
      throw new PretrainError(
        'diverged',
        `the loss became ${loss} at step ${this.steps}; try a smaller learning rate`,
        { step: this.steps },
      );
    }
    this.tokensSeen += examples.reduce((s, e) => s + e.ids.length, 0);
    this.targetsSeen += batch.targets.length;
    const heldout = this.steps % this.heldoutEvery === 0 ? this.heldout() : null;
    if (heldout !== null) this.lastHeldout = { step: this.steps, loss: heldout };
    const ms = this.now() - t0;
    this.times.push(ms);
    if (this.times.length > SPEED_WINDOW) this.times.shift();
    const total = this.times.reduce((a, b) => a + b, 0);
    return {
      step: this.steps,
      loss,
      heldout,
      stepsPerSecond: total > 0 ? (1000 * this.times.length) / total : 0,
      tokensSeen: this.tokensSeen,
      targetsSeen: this.targetsSeen,
      draws: [...draws],
      ms,
      runs: [{ variant: this.variant, loss, heldout }],
    };
  }

  /** The weights as plain arrays (copies), to save them. */
  weights(): TrainedWeights {
    const { params } = this.live();
    const arrays: Record<string, Float32Array> = {};
    for (const [name, p] of Object.entries(params)) arrays[name] = Float32Array.from(p.dataSync());
    return {
      config: this.info.config,
      variant: this.variant,
      arrays,
      step: this.steps,
      tokensSeen: this.tokensSeen,
      heldout: { ...this.lastHeldout },
    };
  }

  /**
   * Fills `spans` of the training text (indices into `info.tokens`) with this model, greedily, in
   * `order` (default text order), through the model's own decoder (decode.ts `fillSpans`), with
   * the run's mask token. Changes no weight.
   */
  fill(spans: readonly Span[], order?: readonly number[]): FillReport {
    const { params } = this.live();
    // The decoder reads only idOf and tokenOf of its tokenizer, which every PretrainTokenizer has.
    const m: GlmModel = {
      config: this.info.config,
      params,
      tokenizer: this.tok as unknown as GlmTokenizer,
    };
    const r = fillSpans(m, [...this.info.tokens], [...spans], {
      objective: this.objective.objective,
      order: order ? [...order] : undefined,
      temperature: 0,
    });
    return { spans: r.construction.spans, order: r.order, fills: r.fills, step: this.steps };
  }

  /**
   * Probes the model on fixed blanks: fills them greedily (as `fill`), and scores the text's own
   * tokens in them with teacher forcing (one forward pass over the probe's Part A and Part B, the
   * true tokens as inputs). Changes no weight.
   */
  probe(spec: ProbeSpec): ProbeReport {
    const { params } = this.live();
    const spans = [...spec.spans].sort((a, b) => a.start - b.start);
    const order = spec.order.length === spans.length ? [...spec.order] : spans.map((_, i) => i);
    const filled = this.fill(spans, order);
    const c = construct([...this.info.tokens], spans, {
      objective: this.objective.objective,
      order,
      shuffle: false,
    });
    const at = c.lossMask.flatMap((m, i) => (m ? [i] : []));
    const targets = at.map((i) => this.tok.idOf(c.targets[i]!));
    const lp = tf.tidy(() => {
      const r = forward(
        params,
        this.info.config,
        { ids: [c.tokens.map((t) => this.tok.idOf(t))], positionIds: [c.positionIds], blockPositionIds: [c.blockPositionIds], sep: [c.sep] },
        { positions: at },
      );
      const logp = tf.logSoftmax(r.logits!);
      return tf.sum(tf.mul(logp, tf.oneHot(targets, this.info.config.vocabSize)), 1);
    });
    const lps = lp.dataSync();
    lp.dispose();
    // Part B: for the k-th span placed, its tokens' targets, then its [E].
    const tokenProbs: number[][] = spans.map(() => []);
    let j = 0;
    for (const si of c.order) {
      const len = c.spans[si]!.end - c.spans[si]!.start;
      for (let i = 0; i < len; i++) tokenProbs[si]!.push(Math.exp(lps[j + i]!));
      j += len + 1;
    }
    const truth = spans.map((s) => this.info.tokens.slice(s.start, s.end));
    const fills = spans.map((_, i) => filled.fills[filled.order.indexOf(i)] ?? []);
    const all = tokenProbs.flat();
    let right = 0;
    let total = 0;
    truth.forEach((tt, i) => {
      tt.forEach((t, k) => (right += fills[i]![k] === t ? 1 : 0));
      total += Math.max(tt.length, fills[i]!.length);
    });
    return {
      step: this.steps,
      spans,
      order,
      truth,
      fills,
      tokenProbs,
      meanProb: all.reduce((a, b) => a + b, 0) / Math.max(1, all.length),
      logJoint: all.reduce((a, p) => a + Math.log(p), 0),
      right,
      total,
    };
  }

  /** Frees every tensor (the weights and Adam's moments). Safe to call twice. */
  dispose(): void {
    if (!this.params) return;
    this.opt?.dispose();
    for (const p of Object.values(this.params)) p.dispose();
    this.params = null;
    this.opt = null;
  }
}

/**
 * GLM and, with `ablations`, the paper's two ablations trained side by side: the same seed (the
 * same initial weights and the same draws), one batch of draws a step from GLM's generator shared
 * by every model. A step trains the models one after the other; it is one step of the run (a
 * pause takes effect after it, never between two of its models).
 */
export class PretrainRun {
  readonly info: TrainerInfo;
  /** GLM first, then the ablations. */
  readonly trainers: readonly Pretrainer[];
  private readonly now: () => number;
  private readonly times: number[] = [];

  constructor(o: TrainerOptions) {
    const variants: Variant[] = o.ablations ? [...VARIANTS] : ['glm'];
    const trainers: Pretrainer[] = [];
    try {
      for (const variant of variants) trainers.push(new Pretrainer({ ...o, variant }));
    } catch (e) {
      for (const t of trainers) t.dispose();
      throw e;
    }
    this.trainers = trainers;
    this.now = o.now ?? (() => performance.now());
    const main = trainers[0]!;
    this.info = {
      ...main.info,
      variants,
      heldoutStarts: trainers.map((t) => t.info.heldoutStart),
    };
  }

  get main(): Pretrainer {
    return this.trainers[0]!;
  }

  get step(): number {
    return this.main.step;
  }

  /** One batch of draws, one Adam step of every model on it; GLM's report with every model's figures. */
  next(): StepReport {
    const t0 = this.now();
    const draws = this.main.drawBatch();
    const reports = this.trainers.map((t) => t.stepOn(draws));
    const ms = this.now() - t0;
    this.times.push(ms);
    if (this.times.length > SPEED_WINDOW) this.times.shift();
    const total = this.times.reduce((a, b) => a + b, 0);
    return {
      ...reports[0]!,
      ms,
      stepsPerSecond: total > 0 ? (1000 * this.times.length) / total : 0,
      runs: reports.map((r) => r.runs[0]!),
    };
  }

  /** GLM's weights. */
  weights(): TrainedWeights {
    return this.main.weights();
  }

  /** Fills blanks with GLM's model. */
  fill(spans: readonly Span[], order?: readonly number[]): FillReport {
    return this.main.fill(spans, order);
  }

  /** Probes GLM's model (see `Pretrainer.probe`). */
  probe(spec: ProbeSpec): ProbeReport {
    return this.main.probe(spec);
  }

  dispose(): void {
    for (const t of this.trainers) t.dispose();
  }
}
