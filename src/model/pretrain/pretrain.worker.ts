/// <reference lib="webworker" />
/**
 * The pre-training Web Worker. It starts empty: TensorFlow.js, its gradients, a backend and the
 * trainer are imported on the first request (the page never waits for them), then `server.ts`
 * answers every request. Backends are tried wasm → cpu (webgl's many small kernels are slow for a
 * model this small); the .wasm binaries come from the app's own build, never from a CDN.
 */
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { PretrainServer } from './server';
import type { PretrainReply, PretrainRequest } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (reply: PretrainReply) => scope.postMessage(reply);

let backend: Promise<string> | null = null;

/** TensorFlow.js with its gradients, and the first backend that starts. */
function ready(): Promise<string> {
  backend ??= (async () => {
    const tf = await import('@tensorflow/tfjs-core');
    await import('@tensorflow/tfjs-core/dist/register_all_gradients');
    const tried: string[] = [];
    try {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      wasm.setWasmPaths({
        'tfjs-backend-wasm.wasm': wasmPlain,
        'tfjs-backend-wasm-simd.wasm': wasmSimd,
        'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
      });
      if (await tf.setBackend('wasm')) {
        await tf.ready();
        return 'wasm';
      }
      tried.push('wasm: did not start');
    } catch (e) {
      tried.push(`wasm: ${e instanceof Error ? e.message : String(e)}`);
    }
    await import('@tensorflow/tfjs-backend-cpu');
    if (await tf.setBackend('cpu')) {
      await tf.ready();
      return 'cpu';
    }
    tried.push('cpu: did not start');
    const { PretrainError } = await import('./errors');
    const details = tried.join('; ');
    throw new PretrainError('noBackend', `no TensorFlow.js backend could start (${details})`, {
      details,
    });
  })();
  backend.catch(() => (backend = null));
  return backend;
}

let server: Promise<PretrainServer> | null = null;

function getServer(): Promise<PretrainServer> {
  if (!server) {
    server = import('./server').then(({ createPretrainServer }) =>
      createPretrainServer({ post, ready }),
    );
    server.catch(() => (server = null));
  }
  return server;
}

scope.onmessage = (e: MessageEvent<PretrainRequest>) => {
  const req = e.data;
  getServer().then(
    (s) => s.handle(req),
    (err: unknown) => {
      const message = err instanceof Error ? err.message : String(err);
      post({
        type: 'error',
        run: req.run,
        message: `the training code could not load: ${message}`,
        code: 'codeLoad',
        params: { message },
      });
    },
  );
};
