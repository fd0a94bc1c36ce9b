import type { StorybookConfig } from '@storybook/react-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.@(ts|tsx)'],
  addons: [],
  framework: {
    name: '@storybook/react-vite',
    options: {},
  },
  core: {
    // CI and developer machines have no network beyond package registries.
    disableTelemetry: true,
    disableWhatsNewNotifications: true,
  },
};

export default config;
