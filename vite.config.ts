import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { canOpenBrowser } from './scripts/dev/open-browser.ts';

export default defineConfig({
  plugins: [react()],
  server: {
    // `npm run dev` opens a browser only where one can be opened (scripts/dev/open-browser.ts);
    // elsewhere it just prints the local URL, without an `xdg-open ENOENT` stack trace.
    open: canOpenBrowser(),
  },
  // `npm run preview` keeps to printing its URL (it would otherwise follow server.open).
  preview: { open: false },
  worker: {
    // The model runs in a module worker (src/model/*.worker.ts) that imports tfjs.
    format: 'es',
  },
  optimizeDeps: {
    // The wasm backend imports its .wasm binaries with `?url`; pre-bundling would break those paths.
    exclude: ['@tensorflow/tfjs-backend-wasm'],
  },
  test: {
    // Rendering every story and the real CLI process take seconds on a busy 2-core machine.
    testTimeout: 30_000,
    // Two projects so DOM tests get jsdom and pure tests stay fast in plain Node.
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          include: ['test/**/*.test.tsx'],
          environment: 'jsdom',
          setupFiles: ['test/setup.ts'],
        },
      },
    ],
  },
});
