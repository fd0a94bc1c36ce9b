import type { Meta, StoryObj } from '@storybook/react-vite';
import { ExplorerPanel } from '../../src/panels/Explorer/ExplorerPanel';
import { withFrame } from './fixtures';
import { PAPER, THREE_SPANS, withChoices } from './teaching-fixtures';

const meta = {
  title: 'Panels/Explorer',
  component: ExplorerPanel,
  decorators: [withFrame],
} satisfies Meta<typeof ExplorerPanel>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The paper's example: two spans, two orders; "Can x3 see x5 x6?" */
export const PaperExample: Story = { loaders: withChoices(PAPER) };

/** Three spans: all 3! = 6 orders, the current one (3, 1, 2) marked. */
export const ThreeSpans: Story = { loaders: withChoices(THREE_SPANS) };

/** 简体中文. */
export const ThreeSpansChinese: Story = { loaders: withChoices({ ...THREE_SPANS, lang: 'zh' }) };

/** Six spans: only the first five are explored (120 orders). */
export const SixSpans: Story = {
  loaders: withChoices({
    text: 'a b c d e f g h i j k l m n o',
    cls: false,
    spans: [0, 2, 4, 6, 8, 10].map((s) => ({ start: s, end: s + 1 })),
    order: [5, 3, 1, 0, 2, 4],
  }),
};

/** No spans. */
export const NoSpans: Story = { loaders: withChoices({ ...PAPER, spans: [], order: [] }) };
