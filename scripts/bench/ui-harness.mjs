// Shared by the UI benchmarks: the page-side probe, the texts and links, and the preview server.
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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
 * Runs in the page before the app. At the edit (the textarea's `input`, or the `pointerdown` that
 * starts a span) it notes performance.now(). Every DOM mutation after that schedules a probe that
 * waits for the next frame (requestAnimationFrame) and then for the task after it (a MessageChannel
 * message): that is when the frame holding the mutation has been painted. The last probe of an edit
 * is "every panel painted". The first probe after `input`, mutation or not, is when the textarea's
 * own frame was painted: how long typing waited.
 */
export function probe() {
  const b = { t0: null, kind: null, painted: null, typed: null, lastMutation: 0, mutations: 0 };
  window.__bench = b;
  const afterPaint = (fn) =>
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => fn(performance.now());
      ch.port2.postMessage(0);
    });
  const start = (kind) => {
    b.t0 = performance.now();
    b.kind = kind;
    b.painted = null;
    b.typed = null;
    b.mutations = 0;
    if (b.trace) b.trace = [];
    const t0 = b.t0;
    afterPaint((t) => {
      if (b.t0 === t0) b.typed = t - t0;
    });
  };
  document.addEventListener('input', () => start('input'), true);
  document.addEventListener('pointerdown', () => start('pointer'), true);
  const observe = () =>
    new MutationObserver((records) => {
      b.lastMutation = performance.now();
      if (b.t0 === null) return;
      b.mutations++;
      const t0 = b.t0;
      if (b.trace) {
        const now = performance.now() - t0;
        for (const m of records) {
          const el = m.target.nodeType === 1 ? m.target : m.target.parentElement;
          const where = el?.closest('section[id], [role="dialog"], header, aside')?.id || el?.closest('header, aside')?.tagName || el?.tagName;
          b.trace.push([Math.round(now), where]);
        }
      }
      afterPaint((t) => {
        if (b.t0 === t0) b.painted = Math.max(b.painted ?? 0, t - t0);
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

/** Waits until the page has had no DOM mutation for `quietMs` (an edit's renders are done). */
export async function settle(page, quietMs = 600, maxMs = 60_000) {
  const end = Date.now() + maxMs;
  for (;;) {
    const idle = await page.evaluate(() => performance.now() - window.__bench.lastMutation);
    if (idle >= quietMs) return;
    if (Date.now() > end) throw new Error('the page never settled');
    await new Promise((r) => setTimeout(r, Math.max(50, quietMs - idle)));
  }
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
