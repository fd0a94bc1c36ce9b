/**
 * Pre-training benchmark (`npm run bench:train`): how fast the Pre-training panel's tiny GLM
 * (src/model/pretrain, TINY_CONFIG) trains, in Node on the wasm backend and in headless Chromium
 * through the page's own worker, printed side by side; how long it takes to halve its held-out
 * loss on a fixed text; one fine-tuning step of the shipped model; and a keystroke's frame in the
 * app while a run trains, at 512 tokens of text.
 *
 *   npm run bench:train [-- --runs 5] [-- --steps 6] [-- --max-steps 400] [-- --ablations]
 *                       [-- --node-only | --browser-only] [-- --no-keys] [-- --key-runs 9] [-- --build]
 *
 * 1. Speed: texts of at most 32, 64 and 128 framed tokens ([CLS] … [EOS]; whole words, so a
 *    little under), batch 8, the panel's default settings (λ = 3, ratio 0.15, learning rate 0.003,
 *    seed 1). After a warm-up of 3 steps, `runs` runs of `steps` steps each; each run's mean is
 *    one sample and the figure is their median (min–max beside it). Held-out scoring is off
 *    while timing (it is every 10 steps in the page). With --ablations, also the 64-token text
 *    with the two ablations beside GLM (three models a step).
 * 2. Learning: the 64-token text, held-out loss scored after every step (16 fixed draws), the
 *    first step at which it is at most half of its value before training, and the seconds the
 *    steps up to it took; with --ablations, also the two ablations trained beside GLM.
 * 3. Fine-tuning: the shipped model (public/models, its size read from its manifest) on the
 *    64-token text, batch 8, its learning rate; fewer, shorter runs (a step is much slower).
 * 4. Chromium: the same jobs on a Vite build of `scripts/bench/browser/pretrain.html`, through
 *    the app's pre-training client and worker (which picks its backend as the app does: wasm
 *    first, then cpu; the figure says which). ms per step is the worker's own step time (what
 *    Node times); steps per second is wall-clock between the progress messages the page gets.
 * 5. Keystroke: the app (`vite preview` of dist/, built when missing or with --build) on a text
 *    of 512 word tokens, the frame of a keystroke in the text as bench:ui measures it
 *    (scripts/bench/ui-harness.mjs: the edit's own frame, and the panels in view painted), with
 *    no run, then while a run trains on a short text in the worker: keys 600 ms apart after the
 *    panels caught up (typing: the run holds its steps until a second after the last key), then
 *    keys 1.6 s apart (each the first of a burst: the hold has run out, a step is under way).
 *
 * Wall-clock figures on whatever machine runs this: a busy machine shows up in them. Prints only;
 * nothing here is asserted.
 */
import { existsSync, readFileSync } from 'node:fs';
import { CHROMIUM_ARGS, freePort } from './net';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initNodeBackend, tf } from '../../src/model/backend-node';
import { loadShippedModel, type ShippedModel } from '../../src/model/pretrain/server';
import { PretrainRun, type PretrainSettings } from '../../src/model/pretrain/trainer';
import {
  DEFAULT_PRETRAIN,
  FINETUNE_LEARNING_RATE,
  TINY_CONFIG,
} from '../../src/model/pretrain/settings';
import type { BenchJob, HalveResult, SpeedResult } from './browser/pretrain';
import { GlmTokenizer, type TokenizerJson } from '../../src/model/tokenizer';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const argv = process.argv.slice(2);
const num = (name: string, fallback: number) => {
  const i = argv.indexOf(name);
  const v = i >= 0 ? Number(argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? Math.trunc(v) : fallback;
};
const RUNS = num('--runs', 5);
const STEPS = num('--steps', 6);
const MAX_STEPS = num('--max-steps', 400);
const ABLATIONS = argv.includes('--ablations');
const NODE = !argv.includes('--browser-only');
const BROWSER = !argv.includes('--node-only');
const KEYS = BROWSER && !argv.includes('--no-keys');
const KEY_RUNS = num('--key-runs', 9);
const WARMUP = 3;
/** Fine-tuning: warm-up steps, runs and steps per run (a step of the shipped model is slow). */
const FT = { warmup: 2, runs: 3, steps: 3 };
const MANIFEST = join(root, 'public/models/manifest.json');
const BATCH = 8;
const SIZES = [32, 64, 128] as const;

/**
 * The fixed benchmark text: the opening of A Tale of Two Cities (Dickens, 1859, public domain).
 * Each size takes as many of its words as fit in that many framed tokens.
 */
const SOURCE =
  'It was the best of times, it was the worst of times, it was the age of wisdom, it was the age of ' +
  'foolishness, it was the epoch of belief, it was the epoch of incredulity, it was the season of ' +
  'Light, it was the season of Darkness, it was the spring of hope, it was the winter of despair, ' +
  'we had everything before us, we had nothing before us, we were all going direct to Heaven, we ' +
  'were all going direct the other way. In short, the period was so far like the present period, ' +
  'that some of its noisiest authorities insisted on its being received, for good or for evil, in ' +
  'the superlative degree of comparison only.';

const tok = new GlmTokenizer(
  JSON.parse(readFileSync(join(root, 'public/models/tokenizer.json'), 'utf8')) as TokenizerJson,
);
const framed = (text: string) => tok.encode(text).tokens.length + 2;

/** The longest prefix of SOURCE (whole words) with at most `n` framed tokens. */
function textOf(n: number): { text: string; tokens: number } {
  const words = SOURCE.split(' ');
  let best = '';
  for (let k = 1; k <= words.length; k++) {
    const t = words.slice(0, k).join(' ');
    if (framed(t) > n) break;
    best = t;
  }
  return { text: best, tokens: framed(best) };
}

/** A fine-tuning run's settings: the shipped model, the rate the panel offers it. */
const FINETUNE: Partial<PretrainSettings> = { start: 'shipped', learningRate: FINETUNE_LEARNING_RATE };

const settings = (patch: Partial<PretrainSettings> = {}): PretrainSettings => ({
  ...DEFAULT_PRETRAIN,
  seed: 1,
  batchSize: BATCH,
  ...patch,
});

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

interface SpeedRow {
  label: string;
  tokens: number;
  /** Mean sequence length of the examples (Part A + Part B, before padding to a multiple of 8). */
  seq: number;
  ms: number[];
}

function speed(
  label: string,
  text: string,
  tokens: number,
  ablations: boolean,
  shipped: ShippedModel | null = null,
  plan = { warmup: WARMUP, runs: RUNS, steps: STEPS },
): SpeedRow {
  // Held-out scoring only at a step that is never reached: the timing is of training steps.
  const run = new PretrainRun({
    ...settings(shipped ? { ablations, ...FINETUNE } : { ablations }),
    text,
    tokenizer: shipped?.tokenizer ?? tok,
    init: shipped ?? undefined,
    heldoutEvery: 1e9,
  });
  for (let i = 0; i < plan.warmup; i++) run.next();
  const ms: number[] = [];
  let seqSum = 0;
  let seqN = 0;
  for (let r = 0; r < plan.runs; r++) {
    const t0 = performance.now();
    for (let i = 0; i < plan.steps; i++) {
      run.next();
      for (const e of run.main.lastExamples) {
        seqSum += e.ids.length;
        seqN++;
      }
    }
    ms.push((performance.now() - t0) / plan.steps);
  }
  run.dispose();
  return { label, tokens, seq: seqSum / seqN, ms };
}

interface HalfRow {
  variant: string;
  start: number;
  step: number | null;
  loss: number;
}

/** Steps until each model's held-out loss halves; seconds: the whole run (until every model halved). */
function halving(text: string, ablations: boolean): { rows: HalfRow[]; seconds: number } {
  const run = new PretrainRun({ ...settings({ ablations }), text, tokenizer: tok, heldoutEvery: 1 });
  const starts = run.info.heldoutStarts;
  const found: (number | null)[] = starts.map(() => null);
  const last: number[] = [...starts];
  const t0 = performance.now();
  for (let s = 1; s <= MAX_STEPS && found.some((f) => f === null); s++) {
    const r = run.next();
    r.runs.forEach((v, i) => {
      last[i] = v.heldout!;
      if (found[i] === null && v.heldout! <= starts[i]! / 2) found[i] = s;
    });
  }
  const seconds = (performance.now() - t0) / 1000;
  const rows = run.info.variants.map((variant, i) => ({
    variant,
    start: starts[i]!,
    step: found[i]!,
    loss: last[i]!,
  }));
  run.dispose();
  return { rows, seconds };
}

const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);
const fms = (x: number) => (x < 100 ? f1(x) : x.toFixed(0));
const stat = (xs: number[]) =>
  xs.length ? `${fms(median(xs))} (${fms(Math.min(...xs))}–${fms(Math.max(...xs))})` : '—';



interface BrowserFigures {
  version: string;
  speed: (SpeedResult & { label: string; tokens: number })[];
  finetune: SpeedResult | null;
  halve: HalveResult | null;
}

/** The jobs in headless Chromium, on a Vite build of the bench page. */
async function browserFigures(
  texts: { text: string; tokens: number }[],
  mid: { text: string; tokens: number },
  finetune: boolean,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  chromium: any,
): Promise<BrowserFigures> {
  const vite = await import('vite');
  const config = {
    configFile: false as const,
    root: join(root, 'scripts/bench/browser'),
    publicDir: join(root, 'public'),
    logLevel: 'error' as const,
    worker: { format: 'es' as const },
    optimizeDeps: { exclude: ['@tensorflow/tfjs-backend-wasm'] },
    build: {
      outDir: join(root, 'node_modules/.tmp/bench-train'),
      emptyOutDir: true,
      chunkSizeWarningLimit: 4000,
      rollupOptions: { input: join(root, 'scripts/bench/browser/pretrain.html') },
    },
  };
  process.stderr.write('  chromium: vite build of the bench page\n');
  await vite.build(config);
  const port = await freePort();
  const server = await vite.preview({
    ...config,
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  const url = `http://127.0.0.1:${port}/pretrain.html`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage();
    const outside: string[] = [];
    page.on('request', (r: { url(): string }) => {
      if (!r.url().startsWith(`http://127.0.0.1:${port}/`) && !/^(data|blob):/.test(r.url()))
        outside.push(r.url());
    });
    page.on('console', (m: { type(): string; text(): string }) => {
      if (m.type() === 'error') process.stderr.write(`  chromium console: ${m.text()}\n`);
    });
    await page.goto(url);
    await page.waitForFunction(() => typeof window.__trainBench === 'function');
    const job = <T>(j: BenchJob): Promise<T> =>
      page.evaluate((x: BenchJob) => window.__trainBench!(x), j) as Promise<T>;
    const speedRows: BrowserFigures['speed'] = [];
    for (const t of texts) {
      const r = await job<SpeedResult>({ kind: 'speed', text: t.text, settings: settings(), warmup: WARMUP, runs: RUNS, steps: STEPS });
      speedRows.push({ ...r, label: 'GLM', tokens: t.tokens });
      process.stderr.write(`  chromium: ${t.tokens} tokens done (${r.backend})\n`);
    }
    const ft = finetune
      ? await job<SpeedResult>({ kind: 'speed', text: mid.text, settings: settings(FINETUNE), ...FT })
      : null;
    if (ft) process.stderr.write('  chromium: fine-tuning done\n');
    const halve = await job<HalveResult>({ kind: 'halve', text: mid.text, settings: settings(), maxSteps: MAX_STEPS });
    process.stderr.write('  chromium: halving done\n');
    if (outside.length) throw new Error(`the bench page fetched from outside: ${outside.join(', ')}`);
    return { version: browser.version(), speed: speedRows, finetune: ft, halve };
  } finally {
    await browser.close();
    server.httpServer.close();
  }
}

/** What the keystroke part reads of scripts/bench/ui-harness.mjs (plain JS: loaded by path, typed here). */
interface Harness {
  probe(): void;
  words(n: number): string;
  scrollToEnd(): void;
  panelsCaughtUp(): boolean;
  median(xs: number[]): number;
  linkFor(n: number): string;
  openAtEnd(browser: unknown, url: string, n: number): Promise<{ context: { close(): Promise<void> }; page: KeyPage }>;
  preview(o: { build?: boolean }): Promise<{ url: string; close(): Promise<void> }>;
  settle(page: KeyPage, quietMs?: number, maxMs?: number): Promise<void>;
}
/* eslint-disable @typescript-eslint/no-explicit-any */
type KeyPage = any;
/* eslint-enable @typescript-eslint/no-explicit-any */

interface KeyFigures {
  tokens: number;
  idle: { firstFrame: number; painted: number | null }[];
  training: { firstFrame: number; painted: number | null }[];
  trainedSteps: number;
  /** Keys far enough apart that each finds the run training (the typing hold has run out). */
  apart: { firstFrame: number; painted: number | null }[];
  apartSteps: number;
  /** No run again, after the run was reset (the page as the run left it). */
  after: { firstFrame: number; painted: number | null }[];
  backend: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Keystrokes in the text of 512 word tokens: after each, waits until the panels have caught up
 * (the Text panel's last chip and Part A's last chip show the last word), then 600 ms, and reads
 * the probe: the edit's own frame and the panels in view painted. The training run mutates its
 * panel (out of view) every step, so "the page is quiet" (bench:ui's settle) never comes: this
 * waits for the panels instead.
 */
async function keystrokes(h: Harness, page: KeyPage, runs: number, gapMs = 600) {
  const once = async (key: string) => {
    await page.keyboard.press(key);
    const end = Date.now() + 30_000;
    while (!(await page.evaluate(h.panelsCaughtUp))) {
      if (Date.now() > end) throw new Error('the panels never caught up with a keystroke');
      await sleep(50);
    }
    await sleep(gapMs);
    return page.evaluate(() => {
      const b = (window as unknown as { __bench: { firstFrame: number; painted: number | null } }).__bench;
      return { firstFrame: b.firstFrame, painted: b.painted };
    }) as Promise<{ firstFrame: number; painted: number | null }>;
  };
  // Warm-up (an even number of keys, so the text is back as it was), as bench:ui does.
  const warmEnd = Date.now() + 3000;
  for (let i = 0; i < 2 || Date.now() < warmEnd || i % 2; i++) await once(i % 2 ? 'Backspace' : 'x');
  const out = [];
  for (let i = 0; i < runs; i++) out.push(await once(i % 2 ? 'Backspace' : 'x'));
  if (runs % 2) await once('Backspace');
  return out;
}

/** A keystroke's frame at 512 tokens with no run, then while a run trains (on a short text). */
async function keyFigures(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  chromium: any,
): Promise<KeyFigures> {
  const h = (await import(/* @vite-ignore */ join(root, 'scripts/bench/ui-harness.mjs'))) as Harness;
  const app = await h.preview({ build: argv.includes('--build') });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const N = 512;
  try {
    const { context, page } = await h.openAtEnd(browser, app.url, N);
    const textbox = page.getByRole('textbox', { name: 'Text', exact: true });
    const atEnd = async () => {
      await page.evaluate(() => window.scrollTo(0, 0));
      await textbox.focus();
      await textbox.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(el.value.length, el.value.length));
      await page.evaluate(h.scrollToEnd);
    };
    process.stderr.write('  keys: no run\n');
    const idle = await keystrokes(h, page, KEY_RUNS);
    // A run on a short text (the tiny model holds 128 tokens), then the long text back as the
    // link had it, spans and all (through the app's own back/forward path: a history entry and
    // popstate), so every row measures the same page.
    await textbox.fill(h.words(40));
    await h.settle(page, 600);
    const p = page.getByRole('region', { name: 'Pre-training' });
    await p.getByLabel('Step budget').fill('5000');
    await p.getByRole('button', { name: 'Start', exact: true }).click();
    await p.getByText(/^Training: step \d+/).waitFor({ timeout: 120_000 });
    const stepOf = async () =>
      Number(((await p.getByText(/^Training: step \d+/).textContent()) as string).match(/\d+/)![0]);
    await page.evaluate((q: string) => {
      history.pushState(null, '', q);
      dispatchEvent(new PopStateEvent('popstate'));
    }, h.linkFor(N));
    await page.getByText(/^Training: step \d+/).waitFor();
    await atEnd();
    const s0 = await stepOf();
    process.stderr.write('  keys: while training\n');
    const training = await keystrokes(h, page, KEY_RUNS);
    const trainedSteps = (await stepOf()) - s0;
    process.stderr.write('  keys: while training, 1.6 s apart\n');
    const apart = await keystrokes(h, page, KEY_RUNS, 1600);
    const apartSteps = (await stepOf()) - s0 - trainedSteps;
    const backend = ((await p.locator('dl.pt-figures').textContent()) as string).match(/(\w+) backend/)?.[1] ?? '?';
    await p.getByRole('button', { name: 'Pause', exact: true }).click();
    // The same page with the run reset: what the page costs without a run, after one.
    await p.getByRole('button', { name: 'Reset', exact: true }).click();
    await p.getByText(/^Not started/).waitFor({ timeout: 30_000 });
    await atEnd();
    process.stderr.write('  keys: after Reset\n');
    const after = await keystrokes(h, page, KEY_RUNS);
    await context.close();
    return { tokens: N, idle, training, trainedSteps, apart, apartSteps, after, backend };
  } finally {
    await browser.close();
    await app.close();
  }
}

async function main(): Promise<void> {
  const backend = await initNodeBackend('wasm');
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const t0 = performance.now();
  console.log(`# bench:train — the Pre-training panel's GLM, Node ${process.version}, tfjs ${tf.version_core} (Node: ${backend})`);
  console.log(`# ${os.cpus().length} × ${cpu}; load average ${os.loadavg().map(f2).join(' ')}`);
  console.log(
    `# tiny model: ${TINY_CONFIG.layers} layer, ${TINY_CONFIG.heads} heads, d = ${TINY_CONFIG.dModel}, vocabulary ${tok.size}; batch ${BATCH}, λ ${DEFAULT_PRETRAIN.lambda}, ratio ${DEFAULT_PRETRAIN.ratio}, learning rate ${DEFAULT_PRETRAIN.learningRate}, seed 1`,
  );
  console.log(`# speed: median of ${RUNS} runs of ${STEPS} steps after ${WARMUP} warm-up steps (min–max)`);
  const texts = SIZES.map((n) => textOf(n));
  const mid = textOf(64);
  const shipped = existsSync(MANIFEST) ? await loadShippedModel(MANIFEST) : null;

  const node: SpeedRow[] = [];
  let nodeFt: SpeedRow | null = null;
  let nodeAbl: SpeedRow | null = null;
  let half: ReturnType<typeof halving> | null = null;
  let halfAbl: ReturnType<typeof halving> | null = null;
  if (NODE) {
    for (const t of texts) {
      node.push(speed('GLM', t.text, t.tokens, false));
      process.stderr.write(`  node: ${t.tokens} tokens done\n`);
    }
    if (ABLATIONS) nodeAbl = speed('GLM + 2 ablations', mid.text, mid.tokens, true);
    if (shipped) {
      nodeFt = speed('fine-tuning', mid.text, mid.tokens, false, shipped, FT);
      process.stderr.write('  node: fine-tuning done\n');
    }
    half = halving(mid.text, false);
    if (ABLATIONS) halfAbl = halving(mid.text, true);
    process.stderr.write('  node: halving done\n');
  }
  let web: BrowserFigures | null = null;
  let keys: KeyFigures | null = null;
  if (BROWSER) {
    const { chromium } = await import('playwright-core');
    web = await browserFigures(texts, mid, shipped !== null, chromium);
    if (KEYS) keys = await keyFigures(chromium);
  }

  const webBackend = web?.speed[0]?.backend ?? '—';
  console.log('');
  console.log(`## Training speed, batch ${BATCH}: Node (${backend}) beside Chromium ${web?.version ?? ''} (${webBackend}, in the page's worker)`);
  console.log('');
  console.log('| model | text tokens | mean sequence | Node ms per step | Node steps/s | Chromium ms per step | Chromium steps/s |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  const rowOf = (label: string, tokens: number, n: SpeedRow | null | undefined, w: SpeedResult | null | undefined) => {
    const seq = n?.seq ?? w?.seq;
    console.log(
      `| ${label} | ${tokens} | ${seq === undefined ? '—' : f1(seq)} | ${n ? stat(n.ms) : '—'} | ${n ? f1(1000 / median(n.ms)) : '—'} | ${w ? stat(w.ms) : '—'} | ${w ? f1(1000 / median(w.wall)) : '—'} |`,
    );
  };
  texts.forEach((t, i) => rowOf('tiny, GLM', t.tokens, node[i], web?.speed[i]));
  if (nodeAbl) rowOf('tiny, GLM + 2 ablations', mid.tokens, nodeAbl, null);
  if (shipped)
    rowOf(
      `shipped model fine-tuned (d ${shipped.config.dModel}, ${shipped.config.layers} layers; ${FT.runs} runs of ${FT.steps} steps)`,
      mid.tokens,
      nodeFt,
      web?.finetune,
    );
  console.log('');
  console.log('Chromium ms per step: the worker’s own step time (what Node times); steps/s: wall-clock between the progress messages the page receives.');
  console.log('');
  console.log(`## Until the held-out loss halves: the ${mid.tokens}-token text, scored after every step (16 fixed draws), up to ${MAX_STEPS} steps`);
  console.log('');
  console.log('| model | held-out before | steps until halved | Node s | Chromium s (worker steps) | Chromium s (wall) | held-out at the end |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  const glmHalf = half?.rows[0];
  const wh = web?.halve;
  const steps = glmHalf?.step ?? wh?.step ?? null;
  console.log(
    `| GLM | ${f2(glmHalf?.start ?? wh?.start ?? NaN)} | ${steps ?? `not within ${MAX_STEPS}`}${wh && glmHalf && wh.step !== glmHalf.step ? ` (Chromium ${wh.step})` : ''} | ${half ? f1(half.seconds) : '—'} | ${wh ? f1(wh.computeMs / 1000) : '—'} | ${wh ? f1(wh.wallMs / 1000) : '—'} | ${f2(glmHalf?.loss ?? wh?.last ?? NaN)} |`,
  );
  if (halfAbl)
    for (const r of halfAbl.rows.slice(1))
      console.log(`| ${r.variant} (beside GLM) | ${f2(r.start)} | ${r.step ?? `not within ${MAX_STEPS}`} | — | — | — | ${f2(r.loss)} |`);
  console.log('');
  console.log('Seconds: the steps up to the halving one, held-out scoring after every step included (the page scores every 10).');
  if (keys) {
    console.log('');
    console.log(`## A keystroke at ${keys.tokens} tokens of text (word tokens), ms: median (min–max) of ${KEY_RUNS}`);
    console.log('');
    console.log('| | keystroke → textarea painted | keystroke → panels in view painted | in the keystroke’s frame |');
    console.log('| --- | ---: | ---: | ---: |');
    const line = (label: string, ks: KeyFigures['idle']) => {
      const painted = ks.map((k) => k.painted ?? k.firstFrame);
      const same = ks.filter((k) => k.painted !== null && k.painted <= k.firstFrame + 0.5).length;
      console.log(`| ${label} | ${stat(ks.map((k) => k.firstFrame))} | ${stat(painted)} | ${same}/${ks.length} |`);
    };
    line('no run', keys.idle);
    line(`while a run trains, typing: keys 0.6 s apart (${keys.trainedSteps} steps meanwhile, ${keys.backend})`, keys.training);
    line(`while a run trains, keys 1.6 s apart: each the first of a burst (${keys.apartSteps} steps meanwhile)`, keys.apart);
    line('no run, after the run was reset', keys.after);
  }
  console.log('');
  console.log(`# ${f1((performance.now() - t0) / 1000)} s in all; load average ${os.loadavg().map(f2).join(' ')} at the end`);
}

main().catch((e: unknown) => {
  console.error(`bench:train: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exitCode = 1;
});
