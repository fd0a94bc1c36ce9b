/**
 * Model benchmark (`npm run bench:model`): how fast the shipped tiny GLM runs, in Node (wasm)
 * and in headless Chromium (wasm, on a Vite build of a small bench page that also drives the
 * app's own worker). The cases are in `model-cases.ts`; each figure is a median of several runs.
 *
 *   npm run bench:model [-- --runs 7] [-- --node-only | --browser-only]
 *
 * Goals from the issue: a forward pass at 128 tokens within one frame (16 ms), a 3-blank fill
 * well under half a second. Timings are wall-clock on whatever machine runs this, so a busy
 * machine shows up in them.
 */
import { existsSync } from 'node:fs';
import { CHROMIUM_ARGS, freePort } from './net';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initNodeBackend, tf } from '../../src/model/backend-node';
import { load } from '../../src/model/weights';
import { median, runCases, WARMUP, WARMUP_MS, type BenchRow } from './model-cases';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const runsArg = argv.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(argv[runsArg + 1]) : 7;
const LOADS = 3;
const manifest = join(root, 'public/models/manifest.json');

async function nodeRows(): Promise<BenchRow[]> {
  await initNodeBackend('wasm');
  const loads: number[] = [];
  let m = await load({ modelUrl: manifest });
  for (let i = 0; i < LOADS; i++) {
    m.dispose();
    const t0 = performance.now();
    m = await load({ modelUrl: manifest });
    loads.push(performance.now() - t0);
  }
  const rows: BenchRow[] = [
    {
      name: 'weight loading (read + float16 decode)',
      value: median(loads),
      unit: 'ms',
      note: `${(m.manifest.weights.bytes / 1e6).toFixed(2)} MB; Node reads the file, Chromium fetches it`,
    },
  ];
  rows.push(...(await runCases(m, RUNS, (s) => process.stderr.write(`  node: ${s}\n`))));
  m.dispose();
  return rows;
}


/** Builds the bench page with Vite, serves it with `vite preview`, reads its rows in Chromium. */
async function browserRows(): Promise<BenchRow[]> {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(executablePath))
    throw new Error(`no browser at ${executablePath} (set CHROMIUM_PATH)`);
  const vite = await import('vite');
  const { chromium } = await import('playwright-core');
  const config = {
    configFile: false as const,
    root: join(root, 'scripts/bench/browser'),
    publicDir: join(root, 'public'),
    logLevel: 'error' as const,
    worker: { format: 'es' as const },
    build: {
      outDir: join(root, 'node_modules/.tmp/bench-model'),
      emptyOutDir: true,
      chunkSizeWarningLimit: 2000,
    },
  };
  process.stderr.write('  browser: vite build of the bench page\n');
  await vite.build(config);
  const port = await freePort();
  const server = await vite.preview({
    ...config,
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  const url = `http://127.0.0.1:${port}/`;
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage();
    const outside: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(url) && !/^(data|blob):/.test(r.url())) outside.push(r.url());
    });
    page.on(
      'console',
      (msg) => msg.type() === 'error' && process.stderr.write(`  browser console: ${msg.text()}\n`),
    );
    await page.goto(`${url}?runs=${RUNS}&loads=${LOADS}`);
    let last = '';
    for (;;) {
      const state = await page.evaluate(() => ({
        rows: window.__bench,
        error: window.__benchError,
        status: document.getElementById('status')?.textContent ?? '',
      }));
      if (state.error) throw new Error(`bench page: ${state.error}`);
      if (state.rows) {
        if (outside.length)
          throw new Error(`the bench page fetched from outside: ${outside.join(', ')}`);
        return state.rows;
      }
      if (state.status !== last) process.stderr.write(`  browser: ${(last = state.status)}\n`);
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    await browser.close();
    server.httpServer.close();
  }
}

const fmt = (r: BenchRow | undefined) =>
  r
    ? r.unit === 'ms'
      ? `${r.value < 100 ? r.value.toFixed(1) : r.value.toFixed(0)} ms`
      : `${r.value.toFixed(0)} tok/s`
    : '—';

function table(node: BenchRow[], browser: BenchRow[]): string {
  const names = [...new Set([...node.map((r) => r.name), ...browser.map((r) => r.name)])];
  const lines = [
    '| measurement | Node (wasm) | Chromium (wasm) | notes |',
    '|---|---:|---:|---|',
    ...names.map((n) => {
      const a = node.find((r) => r.name === n);
      const b = browser.find((r) => r.name === n);
      return `| ${n} | ${fmt(a)} | ${fmt(b)} | ${[a?.note, b?.note].filter((x, i, all) => x && all.indexOf(x) === i).join('; ')} |`;
    }),
  ];
  return lines.join('\n');
}

async function main() {
  if (!existsSync(manifest))
    throw new Error(`no model at ${manifest}: train one with npm run train`);
  process.stderr.write(
    `bench:model: ${RUNS} runs per figure (median) after ${WARMUP} warm-up runs (and ${WARMUP_MS} ms at least), ${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(1)}\n`,
  );
  const node = flag('--browser-only') ? [] : await nodeRows();
  if (!flag('--browser-only')) process.stderr.write(`  node: backend ${tf.getBackend()}\n`);
  const browser = flag('--node-only') ? [] : await browserRows();
  console.log(table(node, browser));
  console.log(
    `\nMedians of ${RUNS} runs after ${WARMUP} warm-up runs and ${WARMUP_MS} ms at least (weight loading: ${LOADS}, cold), ${os.cpus().length} CPUs, load average ${os.loadavg()[0]!.toFixed(1)} at the end.`,
  );
}

main().catch((e: unknown) => {
  console.error(`bench:model: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
