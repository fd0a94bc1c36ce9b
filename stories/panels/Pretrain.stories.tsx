import type { Meta, StoryObj } from '@storybook/react-vite';
import { createRng, frame, wordTokenizer } from '../../src/glm';
import type { Draw } from '../../src/model/pretrain/examples';
import {
  resetPretrainStore,
  type LossPoint,
  type PretrainState,
  type RunCurve,
} from '../../src/model/pretrain/pretrainStore';
import type { RunInfo } from '../../src/model/pretrain/protocol';
import {
  DEFAULT_PRETRAIN,
  FINETUNE_LEARNING_RATE,
  TINY_CONFIG,
} from '../../src/model/pretrain/settings';
import type { ProbeReport, StepReport } from '../../src/model/pretrain/trainer';
import type { GlmConfig } from '../../src/model/glm';
import { PretrainPanel } from '../../src/panels/Pretrain/PretrainPanel';
import { DEFAULT_TEXT, resetStore, type Choices } from '../../src/store';
import { withFrame } from './fixtures';

// Every story renders without the worker (no TensorFlow.js): the run's state is a fixture put in
// the panel's store, with a made-up loss curve shaped like a real one (ln V at the start, falling
// fast, then slowly). Word tokens, so the stories do not move when the model's tokenizer is retrained.

const TOKENS = frame(wordTokenizer.tokenize(DEFAULT_TEXT), { cls: true }).map((t) => t.text);
const VOCAB = 9473;

const INFO: RunInfo = {
  start: 'scratch',
  config: { ...TINY_CONFIG, vocabSize: VOCAB },
  parameters: 324_096,
  tokens: TOKENS,
  heldoutDraws: 16,
  heldoutEvery: 10,
  heldoutTargets: 84,
  heldoutStart: Math.log(VOCAB),
  variants: ['glm'],
  heldoutStarts: [Math.log(VOCAB)],
  backend: 'wasm',
  setupMs: 640,
};

/** The same run with the two ablations beside GLM. */
const INFO_ABLATIONS: RunInfo = {
  ...INFO,
  variants: ['glm', 'no-shuffle', 'no-2d'],
  heldoutStarts: [Math.log(VOCAB), Math.log(VOCAB), Math.log(VOCAB)],
};

/** "this nation" and "better future", the later one placed first. */
const DRAW: Draw = {
  objective: 'span',
  spans: [
    { start: 4, end: 6 },
    { start: 9, end: 11 },
  ],
  order: [1, 0],
  layout: 'block',
};

/** A made-up shipped model's config (the real one is read from public/models/manifest.json). */
const SHIPPED: GlmConfig = {
  vocabSize: VOCAB,
  dModel: 128,
  layers: 3,
  heads: 4,
  maxPositions: 512,
  lnEps: 1e-5,
  dropout: 0,
};

/** The same run, fine-tuning the shipped model: it starts far below ln V. */
const INFO_SHIPPED: RunInfo = {
  ...INFO,
  start: 'shipped',
  config: SHIPPED,
  parameters: 1_938_688,
  heldoutStart: 4.8,
  heldoutStarts: [4.8],
  setupMs: 2100,
};

/**
 * A made-up probe history of DRAW's blanks, every 10 steps to `steps`: the true tokens' mean
 * probability rising from about 1/V, and the greedy fill getting one more token right now and then.
 */
function probes(steps: number): ProbeReport[] {
  const truth = DRAW.spans.map((sp) => TOKENS.slice(sp.start, sp.end));
  const wrong = [
    ['the', 'the'],
    ['the', 'the'],
  ];
  const out: ProbeReport[] = [];
  for (let step = 0; step <= steps; step += 10) {
    const p = 1 / VOCAB + (0.85 - 1 / VOCAB) * (1 - Math.exp(-step / 60));
    const right = Math.min(4, Math.floor(step / 25));
    let k = 0;
    const fills = truth.map((t, i) => t.map((tok, j) => (k++ < right ? tok : wrong[i]![j]!)));
    out.push({
      step,
      spans: DRAW.spans,
      order: DRAW.order,
      truth,
      fills,
      tokenProbs: truth.map((t) => t.map(() => p)),
      meanProb: p,
      logJoint: 4 * Math.log(p),
      right,
      total: 4,
    });
  }
  return out;
}

/** The probe of the panels' spans, with its history to `steps`. */
const probed = (steps: number): Partial<PretrainState> => ({
  probeTarget: { spans: DRAW.spans, order: DRAW.order, source: 'panels' },
  probes: probes(steps),
});

/** A made-up curve of `steps` steps: a noisy training loss and the held-out loss every 10 steps. */
function curve(steps: number, floor: number, tau: number, seed: number) {
  const rng = createRng(seed);
  const shape = (s: number) => floor + (Math.log(VOCAB) - floor) * Math.exp(-s / tau);
  const train: LossPoint[] = [];
  const heldout: LossPoint[] = [{ step: 0, loss: Math.log(VOCAB) }];
  for (let s = 1; s <= steps; s++) {
    train.push({ step: s, loss: shape(s) * (0.85 + 0.3 * rng.next()) });
    if (s % 10 === 0) heldout.push({ step: s, loss: shape(s) * 0.95 });
  }
  return { train, heldout };
}

/** A made-up run of `steps` steps (GLM alone, or with made-up ablation curves beside it). */
function run(
  steps: number,
  ablations = false,
): Pick<
  PretrainState,
  'train' | 'heldout' | 'last' | 'info' | 'text' | 'tensors' | 'ablations'
> {
  const { train, heldout } = curve(steps, 1.1, 28, 4);
  const others: RunCurve[] = ablations
    ? [
        { variant: 'no-shuffle', ...curve(steps, 1.4, 34, 5) },
        { variant: 'no-2d', ...curve(steps, 1.25, 40, 6) },
      ]
    : [];
  const last: StepReport = {
    step: steps,
    loss: train.at(-1)?.loss ?? 0,
    heldout: null,
    stepsPerSecond: 14.2,
    tokensSeen: steps * 8 * 19,
    targetsSeen: steps * 8 * 6,
    draws: Array.from({ length: DEFAULT_PRETRAIN.batchSize }, () => DRAW),
    ms: 70,
    runs: [
      { variant: 'glm', loss: train.at(-1)?.loss ?? 0, heldout: null },
      ...others.map((c) => ({ variant: c.variant, loss: c.train.at(-1)?.loss ?? 0, heldout: null })),
    ],
  };
  return {
    train,
    heldout,
    last: steps ? last : null,
    info: ablations ? INFO_ABLATIONS : INFO,
    text: DEFAULT_TEXT,
    tensors: ablations ? 153 : 51,
    ablations: others,
  };
}

/** Puts the app's choices and the run's state in their stores before the story renders. */
const withState = (state: Partial<PretrainState>, choices: Partial<Choices> = {}) => [
  async () => {
    resetStore({ tokenizer: 'words', ...choices });
    resetPretrainStore(state);
    return {};
  },
];

const meta = {
  title: 'Panels/Pretrain',
  component: PretrainPanel,
  decorators: [withFrame],
} satisfies Meta<typeof PretrainPanel>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Before a run: the settings, Start and Step, an empty curve. */
export const Idle: Story = { loaders: withState({}) };

/** Training: step 64 of 300, the curve falling, the step's draw below it. */
export const Training: Story = { loaders: withState({ status: 'training', ...run(64) }) };

/** Paused after step 120: the settings stay locked until Reset. */
export const Paused: Story = { loaders: withState({ status: 'paused', ...run(120) }) };

/** The whole budget done. */
export const Finished: Story = {
  loaders: withState({ status: 'finished', budget: 300, ...run(300) }),
};

/** GLM beside the ablations without shuffled spans and without 2D positions, step 150 of 300. */
export const Ablations: Story = {
  loaders: withState({
    status: 'paused',
    settings: { ...DEFAULT_PRETRAIN, ablations: true },
    ...run(150, true),
  }),
};

/** The ablations in the projector (dark) theme. */
export const AblationsDark: Story = {
  loaders: withState(
    { status: 'paused', settings: { ...DEFAULT_PRETRAIN, ablations: true }, ...run(150, true) },
    { theme: 'dark' },
  ),
};

/** The ablations, 简体中文. */
export const AblationsChinese: Story = {
  loaders: withState(
    { status: 'paused', settings: { ...DEFAULT_PRETRAIN, ablations: true }, ...run(150, true) },
    { lang: 'zh' },
  ),
};

/** Training with the probe: the target's probability rising over 120 steps, the fills below it. */
export const Probing: Story = {
  loaders: withState({ status: 'training', ...run(120), ...probed(120) }),
};

/** The probe in the projector (dark) theme. */
export const ProbingDark: Story = {
  loaders: withState({ status: 'paused', ...run(120), ...probed(120) }, { theme: 'dark' }),
};

/** The probe, 简体中文. */
export const ProbingChinese: Story = {
  loaders: withState({ status: 'paused', ...run(120), ...probed(120) }, { lang: 'zh' }),
};

/** A span the user picked to probe (before a run: the pick's two token lists). */
export const ProbePick: Story = {
  loaders: withState({ probeChoice: { mode: 'pick', pick: { start: 9, end: 11 } } }),
};

/** Before a run, "from the shipped model" chosen: its size and positions from its manifest. */
export const FineTuneIdle: Story = {
  loaders: withState({
    settings: { ...DEFAULT_PRETRAIN, start: 'shipped', learningRate: FINETUNE_LEARNING_RATE },
    shippedConfig: SHIPPED,
  }),
};

/** Fine-tuning the shipped model, step 40: the held-out loss starts near 4.8, not ln V. */
export const FineTuning: Story = {
  loaders: withState({
    status: 'training',
    settings: { ...DEFAULT_PRETRAIN, start: 'shipped', learningRate: FINETUNE_LEARNING_RATE },
    shippedConfig: SHIPPED,
    ...run(40),
    info: INFO_SHIPPED,
    heldout: [
      { step: 0, loss: 4.8 },
      { step: 10, loss: 3.1 },
      { step: 20, loss: 2.2 },
      { step: 30, loss: 1.7 },
      { step: 40, loss: 1.4 },
    ],
    ...probed(40),
  }),
};

/** Preparing a fine-tuning run: the shipped model's weights loading in the worker. */
export const FineTunePreparing: Story = {
  loaders: withState({
    status: 'training',
    preparing: true,
    settings: { ...DEFAULT_PRETRAIN, start: 'shipped', learningRate: FINETUNE_LEARNING_RATE },
    shippedConfig: SHIPPED,
    text: DEFAULT_TEXT,
  }),
};

/** The text was too long for the shipped model: the worker refused it, naming the limit. */
export const FineTuneFailed: Story = {
  loaders: withState({
    status: 'error',
    settings: { ...DEFAULT_PRETRAIN, start: 'shipped', learningRate: FINETUNE_LEARNING_RATE },
    shippedConfig: SHIPPED,
    error: { key: 'pretrain.error.tooLongShipped', vars: { n: 530, max: SHIPPED.maxPositions } },
  }),
};

/** Finished: the model filled the draw's blanks (one right, one not), and its files are ready. */
export const FilledAndSaved: Story = {
  loaders: withState({
    status: 'finished',
    budget: 300,
    ...run(300),
    fill: { spans: DRAW.spans, order: DRAW.order, fills: [['better', 'future'], ['this', 'world']], step: 300 },
    files: {
      step: 300,
      manifest: {
        format: 'glm-infill-lab/1',
        config: INFO.config,
        tokenizer: 'tokenizer.json',
        weights: { file: 'glm.bin', dtype: 'float16', bytes: 648_192, tensors: [] },
      },
      bytes: new Uint8Array(648_192),
    },
  }),
};

/** The text was too long for the tiny model: the worker refused it, naming the limit. */
export const Failed: Story = {
  loaders: withState({
    status: 'error',
    error: { key: 'pretrain.error.tooLong', vars: { n: 164, max: TINY_CONFIG.maxPositions } },
  }),
};

/** 简体中文, training. */
export const TrainingChinese: Story = {
  loaders: withState({ status: 'training', ...run(64) }, { lang: 'zh' }),
};

/** The projector (dark) theme, finished. */
export const FinishedDark: Story = {
  loaders: withState({ status: 'finished', budget: 300, ...run(300) }, { theme: 'dark' }),
};
