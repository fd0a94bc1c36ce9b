/**
 * Node set-up for scripts and tests: the tfjs umbrella (registers gradients and the cpu backend)
 * plus the wasm backend, its .wasm files read from node_modules.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

let ready: Promise<string> | null = null;

/** Selects `backend` (default wasm; cpu is the pure-JS fallback) once; returns its name. */
export function initNodeBackend(backend: 'wasm' | 'cpu' = 'wasm'): Promise<string> {
  if (!ready) {
    ready = (async () => {
      if (backend === 'wasm') {
        const require = createRequire(import.meta.url);
        const dir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
        setWasmPaths(join(dir, 'dist') + '/');
      }
      await tf.setBackend(backend);
      await tf.ready();
      return tf.getBackend();
    })();
  }
  return ready;
}

/** Loads the shipped model (`public/models/manifest.json`, or `manifestPath`) on the wasm backend. */
export async function loadShippedModel(manifestPath?: string) {
  await initNodeBackend('wasm');
  const { load } = await import('./weights');
  const here = dirname(new URL(import.meta.url).pathname);
  return load({ modelUrl: manifestPath ?? join(here, '../../public/models/manifest.json') });
}

export { tf };
