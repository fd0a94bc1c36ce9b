#!/usr/bin/env node
// npm run bench:ui — time from an edit (a keystroke in the text; a span added) to the panels in
// view painted, and to every panel updated, at 64, 512 and 2,048 tokens, in headless Chromium
// against `vite preview` of the build.
// Prints medians (and min–max) of RUNS runs, how long the textarea's own frame waited, and in how
// many runs the panels in view were painted in the edit's own frame.
//
//   node scripts/bench/ui.mjs [--build] [--runs N] [--sizes 64,512,2048] [--warm-ms 4000] [--baseline DIR] [--json]
//   BENCH_REDUCED=1 node scripts/bench/ui.mjs   (the same under prefers-reduced-motion: no transitions)
//
// A benchmark, not a test: the numbers depend on the machine and its load.
import { benchSetup, median, openAtEnd, option, panelsCaughtUp, revealOption, settle, spanShown, spansFor } from './ui-harness.mjs';

const argv = process.argv.slice(2);
const opt = (name, fallback) => option(argv, name, fallback);
const RUNS = Number(opt('runs', 7));
const SIZES = opt('sizes', '64,512,2048').split(',').map(Number);
const WARM_MS = Number(opt('warm-ms', 4000));

/** One edit: does it, waits for the page to settle (and `ready`), returns what the probe saw. */
async function measure(page, edit, ready = panelsCaughtUp, arg = null) {
  await edit();
  await settle(page, 600, 60_000, ready, arg);
  return page.evaluate(() => ({ painted: window.__bench.painted, updated: window.__bench.updated, firstFrame: window.__bench.firstFrame, mutations: window.__bench.mutations }));
}

async function benchSize(browser, url, n) {
  const { context, page } = await openAtEnd(browser, url, n, process.env.BENCH_REDUCED ? { reducedMotion: 'reduce' } : {});
  const keys = [];
  // Warm-up: keystrokes for WARM_MS at least (an even number, so the text is back as it was). The
  // first edits after loading run code for the first time, and the pacer (src/store/pace.ts)
  // needs a few edits, or a retry 3 s later, before the panels in view follow each keystroke.
  const warmEnd = Date.now() + WARM_MS;
  for (let i = 0; i < 2 || Date.now() < warmEnd || i % 2; i++) await measure(page, () => page.keyboard.press(i % 2 ? 'Backspace' : 'x'));
  for (let i = 0; i < RUNS; i++) {
    // Alternate adding and deleting a letter of the last word: every run changes a token.
    keys.push(await measure(page, () => page.keyboard.press(i % 2 ? 'Backspace' : 'x')));
  }

  const spans = [];
  const taken = new Set(spansFor(n).flatMap(([a, b]) => Array.from({ length: b - a }, (_, k) => a + k)));
  const free = Array.from({ length: n }, (_, i) => i).filter((i) => !taken.has(i) && i > 0);
  for (let i = 0; i <= RUNS; i++) {
    const at = free[Math.floor(((i + 1) * free.length) / (RUNS + 2))];
    await revealOption(page, at);
    const chip = page.getByRole('listbox', { name: 'Tokens: choose spans' }).locator(`[data-index="${at}"]`);
    const box = await chip.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await settle(page, 400); // hover highlighting is not the edit
    const r = await measure(
      page,
      async () => {
        await page.mouse.down();
        await page.mouse.up();
      },
      spanShown,
      at,
    );
    if (i > 0) spans.push(r);
    await page.keyboard.press('Delete'); // the chip has focus: remove the span again
    await settle(page, 600, 60_000, (i) => !document.querySelector(`[role="listbox"] [data-index="${i}"]`)?.classList.contains('chip-span'), at);
  }
  await context.close();
  return { n, keys, spans };
}

const fmt = (x) => (x === null || x === undefined ? '—' : x.toFixed(1));
const row = (cells) => `| ${cells.join(' | ')} |`;

async function main() {
  // --baseline DIR: the same benchmark, size by size, against another build (say, of an earlier
  // commit) served from DIR, printed beside this one.
  const { builds, baseDir, browser, close } = await benchSetup(argv);
  const results = [];
  try {
    for (const n of SIZES)
      for (const [build, server] of builds) {
        console.error(`bench: ${n} tokens${build === 'this' ? '' : `, ${build}`}…`);
        results.push({ ...(await benchSize(browser, server.url, n)), build });
      }
  } finally {
    await close();
  }
  const base = baseDir !== null;
  if (argv.includes('--json')) {
    console.log(JSON.stringify(results, null, 2));
    return;
  }
  console.log(`UI latency, ms: median (min–max) of ${RUNS} runs; Chromium ${browser.version()}, ${new Date().toISOString()}${base ? `; baseline: ${baseDir}` : ''}`);
  const head = [
    'tokens',
    'keystroke → panels in view painted',
    'keystroke → every panel updated',
    'keystroke → textarea painted',
    'in the keystroke’s frame',
    'span added → panels in view painted',
    'span added → every panel updated',
    'in the click’s frame',
  ];
  console.log(row(base ? ['build', ...head] : head));
  console.log(row(Array.from({ length: head.length + (base ? 1 : 0) }, () => '---:')));
  for (const r of results) {
    const stat = (xs) => `${fmt(median(xs))} (${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))})`;
    // Runs whose panels in view were painted in the edit's own frame (the first one after it).
    const sameFrame = (runs) => `${runs.filter((k) => k.painted !== null && k.painted <= k.firstFrame + 0.5).length}/${runs.length}`;
    const cells = [
      String(r.n),
      stat(r.keys.map((k) => k.painted)),
      stat(r.keys.map((k) => k.updated)),
      stat(r.keys.map((k) => k.firstFrame)),
      sameFrame(r.keys),
      stat(r.spans.map((k) => k.painted)),
      stat(r.spans.map((k) => k.updated)),
      sameFrame(r.spans),
    ];
    console.log(row(base ? [r.build, ...cells] : cells));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
