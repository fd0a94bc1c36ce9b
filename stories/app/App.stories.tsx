import type { Meta, StoryObj } from '@storybook/react-vite';
import { App } from '../../src/app/App';

const meta = {
  title: 'App/Shell',
  component: App,
} satisfies Meta<typeof App>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The whole app: header, toolbar and every panel, on the default text. */
export const Empty: Story = {};
