import type { Meta, StoryObj } from '@storybook/react-vite';
import { Notices } from '../../src/panels/Notices/Notices';
import { FIXTURES, fixtureStory, withFrame } from './fixtures';

const meta = {
  title: 'Panels/Notices',
  component: Notices,
  decorators: [withFrame],
} satisfies Meta<typeof Notices>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A refusal (warning) and a note (info), each with a Dismiss button, in a polite live region. */
export const RefusalAndNote: Story = fixtureStory(FIXTURES.withNotices);
