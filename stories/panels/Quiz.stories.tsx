import type { Meta, StoryObj } from '@storybook/react-vite';
import { QuizPanel } from '../../src/panels/Quiz/QuizPanel';
import { withFrame } from './fixtures';
import { PAPER, THREE_SPANS, withChoices } from './teaching-fixtures';

const meta = {
  title: 'Panels/Quiz',
  component: QuizPanel,
  decorators: [withFrame],
} satisfies Meta<typeof QuizPanel>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The mask quiz on the paper's example, nothing marked yet. */
export const MaskPaperExample: Story = { loaders: withChoices(PAPER) };

/** Three spans in 15 tokens (small enough for the quiz), Part B order (3, 1, 2). */
const SMALL_THREE = {
  text: 'the cat sat on the mat by the door',
  cls: false,
  spans: [
    { start: 1, end: 2 },
    { start: 5, end: 6 },
    { start: 7, end: 9 },
  ],
  order: [2, 0, 1],
};

/** The position quiz on three spans, Part B order (3, 1, 2). */
export const Positions: Story = { loaders: withChoices(SMALL_THREE), args: { initialMode: 'positions' } };

/** The mask quiz on the same three spans. */
export const MaskThreeSpans: Story = { loaders: withChoices(SMALL_THREE) };

/** A long text: the quiz falls back to the paper's example and offers to load it. */
export const TooLong: Story = {
  loaders: withChoices({ ...THREE_SPANS, text: `${THREE_SPANS.text} and then it rained all afternoon long` }),
};

/** 简体中文. */
export const MaskChinese: Story = { loaders: withChoices({ ...PAPER, lang: 'zh' }) };
