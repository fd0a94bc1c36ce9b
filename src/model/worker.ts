/// <reference lib="webworker" />
/**
 * The model's Web Worker. It starts empty: TensorFlow.js, the backend and the model code are
 * imported on the first `load` request (so the page's first paint never waits for them), then
 * `serve.ts` answers every request. Backends are tried wasm → webgl → cpu; the .wasm binaries
 * come from the app's own build (Vite `?url` imports), never from a CDN.
 */
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { ModelServer } from './serve';
import type { BackendName, Reply, Request } from './worker-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (reply: Reply, transfer: Transferable[] = []) => scope.postMessage(reply, transfer);

/** Imports a backend's package (registering it) and makes it the active backend. */
async function useBackend(name: BackendName): Promise<boolean> {
  const tf = await import('@tensorflow/tfjs-core');
  if (name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths({
      'tfjs-backend-wasm.wasm': wasmPlain,
      'tfjs-backend-wasm-simd.wasm': wasmSimd,
      'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
    });
  } else if (name === 'webgl') await import('@tensorflow/tfjs-backend-webgl');
  else await import('@tensorflow/tfjs-backend-cpu');
  return tf.setBackend(name);
}

let server: Promise<ModelServer> | null = null;

function getServer(id: number): Promise<ModelServer> {
  if (!server) {
    post({ type: 'progress', id, phase: 'library', fraction: null });
    server = import('./serve').then(({ createModelServer }) =>
      createModelServer({ post, useBackend }),
    );
    server.catch(() => (server = null));
  }
  return server;
}

scope.onmessage = (e: MessageEvent<Request>) => {
  const req = e.data;
  // Nothing to load for a cancel; before the first load there is nothing to cancel either.
  if (req.type === 'cancel' && !server) return;
  getServer(req.id).then(
    (s) => s.handle(req),
    (err: unknown) => {
      const detail = err instanceof Error ? err.message : String(err);
      post({
        type: 'error',
        id: req.id,
        message: `the model code could not load: ${detail}`,
        code: 'codeLoad',
        params: { message: detail },
      });
    },
  );
};
