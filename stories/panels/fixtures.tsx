/**
 * Named, seeded fixtures for the panel stories: each is a set of choices that `resetStore` loads
 * before the story renders (a loader), so every story shows its own state. Sampled fixtures are
 * drawn once, here, with the engine's sampler and a fixed seed: the same spans every time.
 */
import type { Decorator } from '@storybook/react-vite';
import type { ReactNode } from 'react';
import { createRng, sampleSpans, type Objective } from '../../src/glm';
import type { Msg } from '../../src/i18n';
import {
  DEFAULT_CHOICES,
  PAPER_EXAMPLE,
  notify,
  resetStore,
  tokensOf,
  useApp,
  type Choices,
} from '../../src/store';

export interface Fixture {
  /** What the fixture shows, for the story's docs. */
  title: string;
  choices: Partial<Choices>;
  /** Notices to raise after loading (as the store would: a message key and its values). */
  notices?: { level: 'info' | 'warning' | 'error'; msg: Msg }[];
}

/** ~120 tokens: a paragraph about GLM itself. */
export const LONG_PARAGRAPH =
  'GLM is a general language model pretrained with an autoregressive blank infilling objective. ' +
  'Spans of the input text are blanked out, and the model learns to fill them back in, one token at a time, ' +
  'while it reads the corrupted text in both directions. The spans are shuffled before they are generated, ' +
  'so each span can attend to the spans that were placed before it, but never to the ones after it. ' +
  'Two position ids tell the model where each blank sits in the corrupted text and how far into the span it is, ' +
  'so it is never told the length of a span in advance. Varying the number and the length of the spans ' +
  'lets one model learn understanding, conditional generation and unconditional generation at once.';

/** Several short sentences, for the sentence objective. */
export const SENTENCES =
  'The cat sat on the mat. It was a warm day. The dog slept under the table. ' +
  'Nobody came to the door. Then the rain began, and the cat ran inside. The mat stayed dry.';

/** Draws spans for a text with the engine's sampler (deterministic for a seed; word tokens, so
 * the spans do not move when the model's tokenizer is retrained). */
function sampled(text: string, objective: Objective, seed: number, cls = true): Partial<Choices> {
  const texts = tokensOf(text, cls, 'words').map((t) => t.text);
  const r = sampleSpans(texts, { objective }, createRng(seed));
  if (!r.ok) throw new Error(`fixture draw failed: ${r.reason}`);
  return {
    text,
    cls,
    tokenizer: 'words',
    objective,
    seed,
    spans: r.spans,
    order: r.order,
    layout: r.layout,
  };
}

const EVERYTHING_TEXT = 'the cat sat on the mat today';
const LONG_TEXT = `${LONG_PARAGRAPH} ${LONG_PARAGRAPH}`;

export const FIXTURES = {
  paper: {
    title: 'The paper’s Figure 2: x1..x6, spans [x3] and [x5 x6], Part B order (x5 x6, x3)',
    choices: { ...PAPER_EXAMPLE },
  },
  paperOneBased: {
    title: 'The paper’s example, numbered from 1 as in the figure',
    choices: { ...PAPER_EXAMPLE, base: 1 },
  },
  paperProjector: {
    title: 'The paper’s example in the projector theme',
    choices: { ...PAPER_EXAMPLE, theme: 'dark' },
  },
  longParagraph: {
    title: 'A paragraph of ~120 tokens, short spans sampled with seed 7',
    choices: sampled(LONG_PARAGRAPH, 'span', 7),
  },
  sentence: {
    title: 'Sentence objective ([sMASK]), seed 3',
    choices: sampled(SENTENCES, 'sentence', 3),
  },
  document: {
    title: 'Document objective ([gMASK]), seed 5',
    choices: sampled(LONG_PARAGRAPH, 'document', 5),
  },
  noSpans: {
    title: 'No spans: Part A is the whole text, Part B is empty',
    choices: { ...DEFAULT_CHOICES, tokenizer: 'words', spans: [], order: [] },
  },
  everything: {
    title: 'One span covering every token except [CLS] and [EOS]',
    choices: {
      text: EVERYTHING_TEXT,
      cls: true,
      tokenizer: 'words',
      spans: [{ start: 1, end: tokensOf(EVERYTHING_TEXT, true, 'words').length - 1 }],
      order: [0],
    },
  },
  long: {
    title: '200+ tokens, short spans sampled with seed 11',
    choices: sampled(LONG_TEXT, 'span', 11),
  },
  withNotices: {
    title: 'A refusal and a note, as the store raises them',
    choices: { ...PAPER_EXAMPLE },
    notices: [
      {
        level: 'warning',
        msg: { key: 'notice.overlap', vars: { from: 4, to: 4, words: 'x5 x6', clashFrom: 4, clashTo: 5 } },
      },
      { level: 'info', msg: { key: 'notice.touch' } },
    ],
  },
} satisfies Record<string, Fixture>;

/** A story's settings for a fixture: a loader that resets the store to it. */
export function fixtureStory(f: Fixture) {
  return {
    loaders: [
      async () => {
        resetStore(f.choices);
        for (const n of f.notices ?? []) notify(n.level, n.msg);
        return {};
      },
    ],
    parameters: { docs: { description: { story: f.title } } },
  };
}

/** Frames a panel the way the app does: its theme, its background, a readable width. */
function Frame({ children }: { children: ReactNode }) {
  const theme = useApp((s) => s.theme);
  return (
    <div data-theme={theme} className="story-frame">
      {children}
    </div>
  );
}

export const withFrame: Decorator = (Story) => (
  <Frame>
    <Story />
  </Frame>
);
