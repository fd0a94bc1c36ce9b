import type { Meta, StoryObj } from '@storybook/react-vite';
import { wordTokenizer } from '../../src/glm';
import { modelStore, setModelClient } from '../../src/model/modelStore';
import type { ModelInfo } from '../../src/model/worker-protocol';
import { FinetunePanel } from '../../src/panels/Finetune/FinetunePanel';
import { buildCloze, buildGeneration, normaliseScores } from '../../src/panels/Finetune/formats';
import { clozeKey, generationKey, resetFinetuneRun, type FinetuneRunState } from '../../src/panels/Finetune/run';
import { DEFAULT_FINETUNE, resetStore, type Choices, type FinetuneChoices } from '../../src/store';
import { withFrame } from './fixtures';

// Every story renders without the model (no worker, no TensorFlow.js): the model's status and the
// panel's results are fixtures put in their stores. Word tokens, so the stories do not move when
// the model's tokenizer is retrained.

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

const THREE_LABELS: FinetuneChoices = {
  ...DEFAULT_FINETUNE,
  verbalizer: [
    { label: 'positive', word: 'good' },
    { label: 'negative', word: 'bad' },
    { label: 'neutral', word: 'not bad' },
  ],
};

/** Made-up summed log-probs for the labels of `f` (no model involved). */
function scoresFor(f: FinetuneChoices): Partial<FinetuneRunState> {
  const cloze = buildCloze(f.template, f.sentence, f.verbalizer, wordTokenizer);
  if (!cloze.ok) return {};
  const made = [-1.3, -2.9, -4.1];
  const labels = cloze.labels.map((l, i) => {
    const each = (made[i] ?? -5) / l.wordTokens.length;
    const tokens = l.wordTokens.map((token) => ({ token, logprob: each }));
    return { label: l.label, word: l.word, tokens, logprob: made[i] ?? -5 };
  });
  return { scores: { key: clozeKey(cloze.labels), labels, probs: normaliseScores(labels.map((l) => l.logprob)) } };
}

/** A finished generation for the context of `f` (made-up tokens). */
function generationFor(f: FinetuneChoices, running = false): Partial<FinetuneRunState> {
  const g = buildGeneration(f.context, wordTokenizer);
  const tokens = running ? ['build', 'a'] : ['build', 'a', 'better', 'nation', '.'];
  return {
    generation: {
      key: generationKey(g.partA),
      running,
      tokens,
      probs: tokens.map(() => 0.3),
      ended: !running,
      maxLength: 12,
      ms: running ? null : 420,
      error: null,
    },
  };
}

/** Puts the choices, the model's status and the panel's results in their stores. */
const withState = (
  choices: Partial<Choices>,
  ready: boolean,
  run: (f: FinetuneChoices) => Partial<FinetuneRunState> = () => ({}),
) => [
  async () => {
    resetStore({ tokenizer: 'words', ...choices });
    setModelClient(null);
    if (ready) modelStore.setState({ status: 'ready', info: INFO, progress: 1 });
    resetFinetuneRun(run(choices.finetune ?? DEFAULT_FINETUNE));
    return {};
  },
];

const meta = {
  title: 'Panels/Finetune',
  component: FinetunePanel,
  decorators: [withFrame],
} satisfies Meta<typeof FinetunePanel>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The paper's template and verbalizer, without the model: the formats, and a way to load it. */
export const Formats: Story = { loaders: withState({}, false) };

/** With the model: three labels scored (one word of two tokens), and a generation done. */
export const Scored: Story = {
  loaders: withState({ finetune: THREE_LABELS }, true, (f) => ({ ...scoresFor(f), ...generationFor(f) })),
};

/** Halfway through a generation. */
export const Generating: Story = { loaders: withState({}, true, (f) => generationFor(f, true)) };

/** A template without [MASK]: the panel says what is wrong and shows no parts. */
export const NoMask: Story = {
  loaders: withState({ finetune: { ...DEFAULT_FINETUNE, template: '{sentence} It is really good.' } }, false),
};

/** 简体中文, with scores. */
export const ScoredChinese: Story = {
  loaders: withState({ finetune: THREE_LABELS, lang: 'zh' }, true, (f) => ({ ...scoresFor(f), ...generationFor(f) })),
};

/** The projector (dark) theme. */
export const ScoredDark: Story = {
  loaders: withState({ finetune: THREE_LABELS, theme: 'dark' }, true, (f) => ({ ...scoresFor(f), ...generationFor(f) })),
};
