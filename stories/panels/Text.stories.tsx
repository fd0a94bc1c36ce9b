import type { Meta, StoryObj } from '@storybook/react-vite';
import { TextPanel } from '../../src/panels/Text/TextPanel';
import { resetStore } from '../../src/store';
import valid from '../../test/fixtures/batches/valid.json';
import { FIXTURES, fixtureStory, withFrame } from './fixtures';
import { importFixture } from './import-fixture';

const meta = {
  title: 'Panels/Text',
  component: TextPanel,
  decorators: [withFrame],
} satisfies Meta<typeof TextPanel>;

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

/** A batch is imported: the chips are the batch's, the box keeps the reader's text, and a note says so. */
export const WhileABatchIsImported: Story = {
  loaders: [
    async () => {
      resetStore({ text: 'My own sentence stays in the box while the batch is shown.' });
      await importFixture(valid, 'valid.json');
      return {};
    },
  ],
};
