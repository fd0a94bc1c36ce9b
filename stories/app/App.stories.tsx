import type { Meta, StoryObj } from '@storybook/react-vite';
import { App } from '../../src/app/App';

const meta = {
  title: 'App/Shell',
  component: App,
} satisfies Meta<typeof App>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The whole shell: header plus the (still empty) panel area. */
export const Empty: Story = {};
