import type { Preview } from '@storybook/react-vite';
import '../src/app/app.css';

const preview: Preview = {
  parameters: {
    layout: 'fullscreen',
  },
};

export default preview;
