import type { Meta, StoryObj } from '@storybook/react-vite';
import { Header } from '../../src/app/Header';

const meta = {
  title: 'App/Header',
  component: Header,
} satisfies Meta<typeof Header>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The banner as it appears at the top of the app. */
export const Default: Story = {};
