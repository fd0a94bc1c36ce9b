import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
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
