import type { Meta, StoryObj } from '@storybook/react-vite';
import { App } from '../../src/app/App';
import { FIXTURES, fixtureStory, withFrame } from './fixtures';

/** Every panel together, linked, as the app lays them out. */
const meta = {
  title: 'Panels/All panels',
  component: App,
  decorators: [withFrame],
} satisfies Meta<typeof App>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Paper: Story = fixtureStory(FIXTURES.paper);
export const PaperProjector: Story = fixtureStory(FIXTURES.paperProjector);
export const LongParagraph: Story = fixtureStory(FIXTURES.longParagraph);
