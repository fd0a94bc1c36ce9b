import type { Meta, StoryObj } from '@storybook/react-vite';
import { ZooPanel } from '../../src/panels/Zoo/ZooPanel';
import { withFrame } from './fixtures';
import { PAPER, THREE_SPANS, withChoices } from './teaching-fixtures';

const meta = {
  title: 'Panels/Zoo',
  component: ZooPanel,
  decorators: [withFrame],
} satisfies Meta<typeof ZooPanel>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The paper's example under every objective: x1..x6, spans [x3] and [x5 x6]. */
export const PaperExample: Story = { loaders: withChoices(PAPER) };

/** A sentence with three spans, Part B order (3, 1, 2). */
export const ThreeSpans: Story = { loaders: withChoices(THREE_SPANS) };

/** 简体中文. */
export const PaperExampleChinese: Story = { loaders: withChoices({ ...PAPER, lang: 'zh' }) };

/** The projector (dark) theme. */
export const PaperExampleDark: Story = { loaders: withChoices({ ...PAPER, theme: 'dark' }) };

/** No spans: most objectives have nothing to predict. */
export const NoSpans: Story = { loaders: withChoices({ ...PAPER, spans: [], order: [] }) };
