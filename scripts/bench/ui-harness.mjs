// Shared by the UI benchmarks: the page-side probe, the texts and links, and the preview server.
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Runs in the page before the app. At the edit (the textarea's `input`, or the `pointerup` that
 * adds a span) it notes performance.now(). Every DOM mutation after that schedules a probe that
 * waits for the next frame (requestAnimationFrame) and then for the task after it (a MessageChannel
 * message): that is when the frame holding the mutation has been painted.
 * - `painted`: the last probe of a mutation on screen (outside the panels, or in a panel that
 *   intersects the view): every panel you can see painted.
 * - `updated`: the last probe of any mutation: every panel's DOM up to date and, for those in view,
 *   painted. Panels out of view are not painted (`content-visibility: auto`) and follow the edits
 *   once they pause (`src/app/ui/lane.ts`), so this includes that pause.
 * - `firstFrame`: the first probe after the edit, mutation or not: when the edit's own frame (the
 *   one that shows the typed letter, after a keystroke) was painted.
 * Which panels are on screen comes from an IntersectionObserver, not from measuring each mutation
 * (which would force a layout inside the edit being measured).
 */
export function probe() {
  // `frames`: every edit's firstFrame, in order (for a run of keystrokes; the caller empties it).
  const b = { t0: null, kind: null, painted: null, updated: null, firstFrame: null, frames: [], lastMutation: 0, mutations: 0 };
  window.__bench = b;
  const inView = new Set();
  const io = new IntersectionObserver((entries) => {
    for (const e of entries) {
      if (e.isIntersecting) inView.add(e.target);
      else inView.delete(e.target);
    }
  });
  const watchPanels = () => document.querySelectorAll('section.panel').forEach((el) => io.observe(el));
  const onScreen = (el) => {
    const panel = el?.closest('section.panel');
    return !panel || inView.has(panel);
  };
  const afterPaint = (fn) =>
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => fn(performance.now());
      ch.port2.postMessage(0);
    });
  const start = (kind) => {
    watchPanels();
    b.t0 = performance.now();
    b.kind = kind;
    b.painted = null;
    b.updated = null;
    b.firstFrame = null;
    b.mutations = 0;
    if (b.trace) b.trace = [];
    const t0 = b.t0;
    afterPaint((t) => {
      b.frames.push(t - t0);
      if (b.t0 === t0) b.firstFrame = t - t0;
    });
  };
  document.addEventListener('input', () => start('input'), true);
  // A span is added when the press ends (the picker selects on release, so a drag can extend it).
  document.addEventListener('pointerup', () => start('pointer'), true);
  const observe = () =>
    new MutationObserver((records) => {
      b.lastMutation = performance.now();
      if (b.t0 === null) return;
      b.mutations++;
      const t0 = b.t0;
      const now = performance.now() - t0;
      let seen = false;
      for (const m of records) {
        const el = m.target.nodeType === 1 ? m.target : m.target.parentElement;
        if (!seen && onScreen(el)) seen = true;
        if (b.trace) {
          const where = el?.closest('section[id], [role="dialog"], header, aside')?.id || el?.closest('header, aside')?.tagName || el?.tagName;
          b.trace.push([Math.round(now), where]);
        }
      }
      afterPaint((t) => {
        if (b.t0 !== t0) return;
        b.updated = Math.max(b.updated ?? 0, t - t0);
        if (seen) b.painted = Math.max(b.painted ?? 0, t - t0);
      });
    }).observe(document.documentElement, { subtree: true, childList: true, characterData: true, attributes: true });
  if (document.documentElement) observe();
  else document.addEventListener('DOMContentLoaded', observe);
}

const WORDS =
  'the model fills each blank one span at a time and every span sees the spans placed before it while part a sees only itself'.split(' ');

/** `n` words (the word tokenizer makes exactly `n` tokens of them). */
export function words(n) {
  return Array.from({ length: n }, (_, i) => WORDS[(i * 7 + Math.floor(i / WORDS.length)) % WORDS.length]).join(' ');
}

/** Spans of 3 tokens, one every 40 tokens (about 7.5% masked), starting at 10. */
export function spansFor(n) {
  const spans = [];
  for (let s = 10; s + 3 <= n; s += 40) spans.push([s, s + 3]);
  return spans;
}

/** A link to `n` words with their spans, word tokens, no [CLS] framing. */
export function linkFor(n) {
  const spans = spansFor(n);
  const q = new URLSearchParams({
    text: words(n),
    tok: 'words',
    cls: '0',
    base: '0',
    spans: spans.map(([a, b]) => `${a}-${b}`).join(','),
    order: spans.map((_, i) => i).join(','),
  });
  return `?${q}`;
}

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.unref();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/** `vite preview` of `outDir` (building it when asked or missing). */
export async function preview({ build = false, outDir = 'dist', buildOptions = {} } = {}) {
  const vite = await import('vite');
  const out = resolve(root, outDir);
  if (build || !existsSync(join(out, 'index.html'))) {
    console.error(`bench: building ${outDir}/`);
    await vite.build({ root, logLevel: 'warn', build: { outDir: out, emptyOutDir: true, ...buildOptions } });
  }
  const port = await freePort();
  const server = await vite.preview({ root, logLevel: 'warn', build: { outDir: out }, preview: { host: '127.0.0.1', port, strictPort: true, open: false } });
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}

/**
 * Waits until the page has had no DOM mutation for `quietMs` (an edit's renders are done) and, when
 * given, `ready` (a function run in the page) returns true. Quiet alone is not enough: a deferred
 * render that takes longer than `quietMs` mutates nothing until it commits, so the next edit would
 * interrupt it and the figures would time only the urgent render.
 */
export async function settle(page, quietMs = 600, maxMs = 60_000, ready = null, arg = null) {
  const end = Date.now() + maxMs;
  for (;;) {
    const idle = await page.evaluate(() => performance.now() - window.__bench.lastMutation);
    if (idle >= quietMs && (!ready || (await page.evaluate(ready, arg)))) return;
    if (Date.now() > end) throw new Error('the page never settled');
    await new Promise((r) => setTimeout(r, Math.max(50, quietMs - idle)));
  }
}

/**
 * In the page: have the deferred panels caught up with the textarea? The Text panel's chip of the
 * last token shows the text's last word (the word tokenizer), and so does the last token drawn
 * in Part A (the benchmark texts end outside any span, and `scrollToEnd` has brought the end of
 * each list into view). The deferred panels commit together, so two suffice.
 */
export function panelsCaughtUp() {
  const area = document.querySelector('#panel-text textarea');
  const words = area?.value.trim().split(/\s+/) ?? [];
  const last = words[words.length - 1];
  const text = document.querySelector(`#panel-text [data-link="text:${words.length - 1}"] .chip-text`)?.textContent;
  const partA = document.querySelector('#panel-part-a .chips > :last-child .chip-text')?.textContent;
  return text === last && partA === last;
}

/**
 * In the page: scrolls every chip list and the positions table to their ends, where a keystroke at
 * the end of the text changes them, so that the changed chips and cells are in view (and drawn,
 * where a long list only draws what is in view).
 */
export function scrollToEnd() {
  for (const el of document.querySelectorAll('.chips, .table-scroll')) {
    el.scrollTop = el.scrollHeight;
    el.scrollLeft = el.scrollWidth;
  }
}

/**
 * Brings option `at` of the span picker into view. A long list draws only the options near its
 * view, so the option may not exist yet: scroll to where it should be until it does.
 */
export async function revealOption(page, at) {
  for (let tries = 0; tries < 30; tries++) {
    const found = await page.evaluate(
      ([i, first]) => {
        const list = document.querySelector('[role="listbox"]');
        const el = list.querySelector(`[data-index="${i}"]`);
        if (el) {
          el.scrollIntoView({ block: 'center' });
          return true;
        }
        const drawn = [...list.querySelectorAll('[data-index]')];
        const total = Number(drawn[0]?.getAttribute('aria-setsize')) || drawn.length;
        if (first) list.scrollTop = (i / total) * list.scrollHeight - list.clientHeight / 2;
        else {
          // The middle of what is drawn (the option holding the tab stop may be drawn far away).
          const idx = drawn.map((e) => Number(e.dataset.index)).sort((x, y) => x - y);
          list.scrollTop += (i < idx[idx.length >> 1] ? -1 : 1) * (list.clientHeight / 2);
        }
        return false;
      },
      [at, tries === 0],
    );
    await settle(page, 150);
    if (found) return;
  }
  throw new Error(`option ${at} never came into view`);
}

/** In the page: does the span picker show token `at` inside a span? */
export function spanShown(at) {
  const el = document.querySelector(`[role="listbox"] [data-index="${at}"]`);
  return !!el && el.classList.contains('chip-span') && !!document.querySelector(`#panel-part-a [data-link^="span:"]`);
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** `--name value` from the command line, or `fallback`. */
export function option(argv, name, fallback) {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
}

/**
 * A new page (with the probe) on the text of `n` words, loaded and settled, its textarea focused
 * with the caret at the end, and every chip list and the positions table scrolled to their ends.
 * Returns the page and its context (close the context when done).
 */
export async function openAtEnd(browser, url, n, contextOptions = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...contextOptions });
  await context.addInitScript(probe);
  const page = await context.newPage();
  await page.goto(url + linkFor(n));
  await page.getByRole('table', { name: '2D positions' }).waitFor();
  await settle(page, 1500, 120_000); // the model panel loads its weights at start-up
  const text = page.getByRole('textbox', { name: 'Text', exact: true });
  await text.focus();
  await text.evaluate((el) => el.setSelectionRange(el.value.length, el.value.length));
  await page.evaluate(scrollToEnd);
  await settle(page);
  return { context, page };
}

/**
 * What a benchmark measures and with what: the build to test (`vite preview`, rebuilt with
 * `--build`), with `--baseline DIR` another build served from DIR beside it, and headless
 * Chromium. `close()` stops them all.
 */
export async function benchSetup(argv) {
  const builds = [['this', await preview({ build: argv.includes('--build') })]];
  const baseDir = option(argv, 'baseline', null);
  if (baseDir) builds.push(['baseline', await preview({ outDir: baseDir })]);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  const close = async () => {
    await browser.close();
    for (const [, server] of builds) await server.close();
  };
  return { builds, baseDir, browser, close };
}
