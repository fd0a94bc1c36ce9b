/**
 * The browser half of `npm run bench:model`: built by Vite and opened in headless Chromium by
 * `scripts/bench/model.ts`. It runs the shared cases on the wasm backend on this page's thread,
 * then times the app's own worker (load, and a 3-blank fill through postMessage), and leaves the
 * rows in `window.__bench` (or the error in `window.__benchError`).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { construct } from '../../../src/glm';
import { load } from '../../../src/model/weights';
import { ModelClient } from '../../../src/model/worker-client';
import { median, runCases, timeIt, type BenchRow } from '../model-cases';

declare global {
  interface Window {
    __bench?: BenchRow[];
    __benchError?: string;
  }
}

const params = new URLSearchParams(location.search);
const RUNS = Number(params.get('runs') ?? 5);
const LOADS = Number(params.get('loads') ?? 3);
const modelUrl = new URL('models/manifest.json', document.baseURI).href;
const status = (s: string) => (document.getElementById('status')!.textContent = s);

async function main(): Promise<BenchRow[]> {
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmPlain,
    'tfjs-backend-wasm-simd.wasm': wasmSimd,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
  });
  if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend did not start');
  await tf.ready();
  const rows: BenchRow[] = [];

  status('loading weights');
  const loads: number[] = [];
  let model = null as Awaited<ReturnType<typeof load>> | null;
  for (let i = 0; i <= LOADS; i++) {
    model?.dispose();
    const t0 = performance.now();
    model = await load({ modelUrl });
    if (i > 0) loads.push(performance.now() - t0); // the first load warms the HTTP cache
  }
  rows.push({ name: 'weight loading (read + float16 decode)', value: median(loads), unit: 'ms' });
  rows.push(...(await runCases(model!, RUNS, status)));
  model!.dispose();

  // The app's worker: what a user waits for, postMessage included.
  status('worker');
  const workerLoads: number[] = [];
  let client: ModelClient | null = null;
  for (let i = 0; i < LOADS; i++) {
    client?.dispose();
    client = new ModelClient();
    const t0 = performance.now();
    await client.load({ modelUrl });
    workerLoads.push(performance.now() - t0);
  }
  rows.push({
    name: 'app worker: start + load (lazy tfjs, wasm)',
    value: median(workerLoads),
    unit: 'ms',
  });
  const tok = model!.tokenizer;
  const tokens = [
    '[CLS]',
    ...tok.encode(
      'the president said that the congress would meet in the new city next year to pass the law.',
    ).tokens,
    '[EOS]',
  ];
  const c = construct(
    tokens,
    [
      { start: 2, end: 3 },
      { start: 7, end: 8 },
      { start: 12, end: 14 },
    ],
    { order: [1, 2, 0] },
  );
  const input = { partA: c.tokens.slice(0, c.sep), masks: c.maskIndex, order: c.order };
  let generated = 0;
  const fill = await timeIt(
    async () => (generated = (await client!.fill(input)).fills.flat().length),
    RUNS,
  );
  rows.push({
    name: 'app worker: 3-blank fill, streamed',
    value: fill,
    unit: 'ms',
    note: `${generated} tokens generated`,
  });
  client!.dispose();
  return rows;
}

main().then(
  (rows) => {
    window.__bench = rows;
    status('done');
  },
  (e: unknown) => {
    window.__benchError = e instanceof Error ? e.message : String(e);
    status(`failed: ${window.__benchError}`);
  },
);
