import type { Meta, StoryObj } from '@storybook/react-vite';
import { PositionsPanel } from '../../src/panels/Positions/PositionsPanel';
import { FIXTURES, fixtureStory, withFrame } from './fixtures';

const meta = {
  title: 'Panels/Positions',
  component: PositionsPanel,
  decorators: [withFrame],
} satisfies Meta<typeof PositionsPanel>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Paper: Story = fixtureStory(FIXTURES.paper);
export const PaperOneBased: Story = fixtureStory(FIXTURES.paperOneBased);
export const PaperProjector: Story = fixtureStory(FIXTURES.paperProjector);
export const LongParagraph: Story = fixtureStory(FIXTURES.longParagraph);
export const SentenceObjective: Story = fixtureStory(FIXTURES.sentence);
export const DocumentObjective: Story = fixtureStory(FIXTURES.document);
export const NoSpans: Story = fixtureStory(FIXTURES.noSpans);
export const OneSpanCoveringEverything: Story = fixtureStory(FIXTURES.everything);
export const TwoHundredTokens: Story = fixtureStory(FIXTURES.long);
