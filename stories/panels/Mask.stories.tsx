import type { Decorator, Meta, StoryObj } from '@storybook/react-vite';
import type { CSSProperties } from 'react';
import { construct, createRng, sampleSpans, type Base } from '../../src/glm';
import { MaskPanel } from '../../src/panels/Mask/MaskPanel';
import { PAPER_EXAMPLE, resetStore, store, tokensOf, type Choices } from '../../src/store';
import { syntheticWeights } from '../../src/viz/matrix-weights';

/** A paragraph of about `words` words, the same every time (no randomness in the text). */
function paragraph(words: number): string {
  const source =
    'GLM pretrains a single transformer by blanking out spans of text and filling them back in one ' +
    'token at a time. Part A is the corrupted text, where every span became a single mask token; ' +
    'Part B holds the spans in a shuffled order, each one opened by a start token and closed by an ' +
    'end token. Part A attends to itself in both directions, while Part B reads all of Part A and ' +
    'only the Part B tokens placed before it, so a span can use the spans generated earlier.';
  const pool = source.split(' ');
  return Array.from({ length: words }, (_, i) => pool[i % pool.length]).join(' ');
}

/** Choices for a long text with spans drawn by GLM's own sampler (seeded). */
function sampled(words: number, seed: number): Partial<Choices> {
  const text = paragraph(words);
  const tokens = tokensOf(text, true).map((t) => t.text);
  const r = sampleSpans(tokens, { objective: 'span' }, createRng(seed));
  if (!r.ok) throw new Error(r.reason);
  return {
    text,
    cls: true,
    spans: r.spans,
    order: r.order,
    objective: 'span',
    layout: 'block',
    seed,
  };
}

/** The current construction's weights, made up but plausible (rows are softmaxes over visible keys). */
function weightsFor(choices: Partial<Choices>): Float32Array {
  const tokens = tokensOf(choices.text ?? '', choices.cls ?? true).map((t) => t.text);
  const c = construct(tokens, choices.spans ?? [], { order: choices.order });
  return syntheticWeights(c.sep, c.tokens.length, 7);
}

/** Puts the fixture in the store before the story renders. */
const withChoices = (choices: Partial<Choices>) => [
  async () => {
    resetStore(choices);
    return {};
  },
];

/** Page colours for the theme in the store, so the dark theme is seen on a dark page. */
const themed: Decorator = (Story) => {
  const theme = store.getState().theme;
  const dark = theme === 'dark';
  const style = dark
    ? {
        background: '#0b0d10',
        color: '#f4f6f8',
        '--color-surface': '#0b0d10',
        '--color-text': '#f4f6f8',
        '--color-muted': '#b8c2cc',
        '--color-border': '#3a434d',
      }
    : { background: 'var(--color-bg, #fafafa)' };
  return (
    <div data-theme={theme} style={{ ...style, padding: 16, minHeight: '100vh' } as CSSProperties}>
      <Story />
    </div>
  );
};

const meta = {
  title: 'Panels/Mask',
  component: MaskPanel,
  decorators: [themed],
} satisfies Meta<typeof MaskPanel>;

export default meta;
type Story = StoryObj<typeof meta>;

const paper = { ...PAPER_EXAMPLE, base: 0 as Base };
const long = sampled(300, 11);

/** The paper's Figure 2: x1..x6, spans [x3] and [x5 x6], Part B order (x5 x6, x3); sep = 5. */
export const PaperExample: Story = { loaders: withChoices(paper) };

/** The same, numbered like the paper's figure (1-based). */
export const PaperNumbering: Story = { loaders: withChoices({ ...paper, base: 1 }) };

/** The high-contrast dark (projector) theme. */
export const PaperExampleDark: Story = { loaders: withChoices({ ...paper, theme: 'dark' }) };

/** 简体中文 labels and reasons. */
export const PaperExampleChinese: Story = { loaders: withChoices({ ...paper, lang: 'zh' }) };

/** A cell pointed at: its row and column light up and a tooltip says why. */
export const PaperExamplePointed: Story = {
  loaders: [
    async () => {
      resetStore(paper);
      store.setState({ pointer: { kind: 'cell', q: 8, k: 6 } });
      return {};
    },
  ],
};

/** No spans: everything is Part A, every cell visible. */
export const NoSpans: Story = {
  loaders: withChoices({ text: 'the cat sat on the mat', cls: true, spans: [], order: [] }),
};

/** Attention weights on the paper's example (made up, seeded): visible cells coloured by weight. */
export const WithWeights: Story = {
  loaders: withChoices(paper),
  args: { weights: weightsFor(paper) },
};

/** 300 words with sampled spans: past 64 tokens the matrix is a canvas, one pixel per cell. */
export const LongParagraph: Story = { loaders: withChoices(long) };

/** The long paragraph in the dark theme. */
export const LongParagraphDark: Story = { loaders: withChoices({ ...long, theme: 'dark' }) };

/** The long paragraph with weights, on the canvas. */
export const LongWithWeights: Story = {
  loaders: withChoices(long),
  args: { weights: weightsFor(long) },
};
