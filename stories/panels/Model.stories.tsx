import type { Meta, StoryObj } from '@storybook/react-vite';
import { construct } from '../../src/glm';
import {
  DEFAULT_SAMPLING,
  modelStore,
  sequenceKey,
  type ModelState,
} from '../../src/model/modelStore';
import type { ModelInfo } from '../../src/model/worker-protocol';
import { ModelPanel } from '../../src/panels/Model/ModelPanel';
import { DEFAULT_CHOICES, resetStore, tokensOf, type Choices } from '../../src/store';

// Every story renders without the model (no worker, no TensorFlow.js): the model's state is a
// fixture put in its store, so the gallery shows each state the panel can be in.

const INFO: ModelInfo = {
  backend: 'wasm',
  skipped: [],
  layers: 3,
  heads: 4,
  dModel: 128,
  vocabSize: 4000,
  maxPositions: 512,
  parameters: 1_263_872,
  loadMs: 1240,
};
const IDLE: Partial<ModelState> = {
  status: 'idle',
  phase: null,
  progress: null,
  info: null,
  error: null,
  sampling: DEFAULT_SAMPLING,
  fill: null,
  scores: null,
  scoring: false,
  scoreError: null,
  attentionChoice: null,
  attention: null,
  attentionError: null,
};

/** The construction the default choices give (what the panel reads from the app's store). */
function current(choices: Partial<Choices>) {
  const c = { ...DEFAULT_CHOICES, ...choices };
  return construct(
    tokensOf(c.text, c.cls).map((t) => t.text),
    c.spans,
    { order: c.order, objective: c.objective },
  );
}

/** Puts the app's choices and the model's state in their stores before the story renders. */
const withState = (
  model: (c: ReturnType<typeof current>) => Partial<ModelState>,
  choices: Partial<Choices> = {},
) => [
  async () => {
    resetStore(choices);
    modelStore.setState({ ...IDLE, ...model(current(choices)) });
    return {};
  },
];

const meta = {
  title: 'Panels/Model',
  component: ModelPanel,
  args: { autoLoad: false },
} satisfies Meta<typeof ModelPanel>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Before loading: the panel says so and offers to load; Fill and Score wait for the model. */
export const NotLoaded: Story = { loaders: withState(() => ({})) };

/** Loading the weights: a progress bar. */
export const Loading: Story = {
  loaders: withState(() => ({ status: 'loading', phase: 'weights', progress: 0.52 })),
};

/** The model file is missing: a clear message, and the rest of the app keeps working. */
export const Failed: Story = {
  loaders: withState(() => ({
    status: 'error',
    error: {
      key: 'model.error.fetch',
      vars: { file: 'manifest.json', status: 404, url: '/models/manifest.json' },
    },
  })),
};

/** Ready, halfway through a fill: the second blank in Part B order is being generated. */
export const Filling: Story = {
  loaders: withState((c) => ({
    status: 'ready',
    info: INFO,
    fill: {
      key: sequenceKey(c),
      running: true,
      order: c.order,
      fills: [['fills', 'in'], ['the']],
      probs: [[0.2, 0.4], [0.3]],
      current: 0,
      ms: null,
      error: null,
    },
  })),
};

/** A fill and a score for `c` (made-up numbers, no model involved). */
function results(c: ReturnType<typeof current>): Partial<ModelState> {
  return {
    status: 'ready',
    info: INFO,
    sampling: { ...DEFAULT_SAMPLING, mode: 'sample' },
    fill: {
      key: sequenceKey(c),
      running: false,
      order: c.order,
      fills: [
        ['fills', 'in'],
        ['placed', 'before'],
      ],
      probs: [
        [0.2, 0.4],
        [0.3, 0.5],
      ],
      current: null,
      ms: 182,
      error: null,
    },
    scores: {
      key: sequenceKey(c),
      targets: c.lossMask.flatMap((v, i) =>
        v
          ? [
              {
                index: i,
                token: c.targets[i]!,
                logprob: Math.log(0.05 + ((i * 37) % 50) / 100),
                top: [
                  ['the', 0.31],
                  [c.targets[i]!, 0.12],
                  [',', 0.08],
                  ['of', 0.05],
                  ['a', 0.03],
                ] as [string, number][],
              },
            ]
          : [],
      ),
    },
    attentionChoice: { layer: 2, head: 'mean' },
  };
}

/** Ready, after a fill and a score. */
export const WithResults: Story = { loaders: withState(results) };

/** 简体中文. */
export const WithResultsChinese: Story = { loaders: withState(results, { lang: 'zh' }) };
