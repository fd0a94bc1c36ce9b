#!/usr/bin/env node
// npm run bench:ui -- is for one edit at a time. This one types a burst: BURST letters with DELAY
// ms between keys (a fast typist: 60 ms is 16 keys a second), at the end of a text of N tokens,
// and prints, per size, the frame of each keystroke: how long after its `input` event the frame
// showing it was painted (median, 90th percentile and max over all keys of all bursts). During a
// burst the panels out of view catch up every 600 ms at most (src/app/ui/lane.ts) and the panels
// in view follow each key, so this is where typing could wait for them.
//
//   node scripts/bench/ui-burst.mjs [--build] [--bursts 3] [--burst 30] [--delay 60] [--sizes 512,2048] [--baseline DIR]
import { benchSetup, median, openAtEnd, option, settle } from './ui-harness.mjs';

const argv = process.argv.slice(2);
const opt = (name, fallback) => option(argv, name, fallback);
const BURSTS = Number(opt('bursts', 3));
const BURST = Number(opt('burst', 30));
const DELAY = Number(opt('delay', 60));
const SIZES = opt('sizes', '512,2048').split(',').map(Number);

async function burstSize(browser, url, n) {
  const { context, page } = await openAtEnd(browser, url, n);
  // Warm-up, as bench:ui: 4 s of single keystrokes.
  const warmEnd = Date.now() + 4000;
  for (let i = 0; Date.now() < warmEnd || i % 2; i++) {
    await page.keyboard.press(i % 2 ? 'Backspace' : 'x');
    await settle(page, 300);
  }
  const frames = [];
  for (let b = 0; b < BURSTS; b++) {
    await page.evaluate(() => {
      window.__bench.frames = [];
    });
    await page.keyboard.type(' quick brown fox jumps over it'.slice(0, BURST).padEnd(BURST, 'x'), { delay: DELAY });
    await settle(page, 800);
    const got = await page.evaluate(() => window.__bench.frames);
    if (process.env.BURST_DEBUG) console.error(got.map((x) => Math.round(x)).join(' '));
    frames.push(...got);
    for (let i = 0; i < BURST; i++) await page.keyboard.press('Backspace', { delay: 5 });
    await settle(page, 800);
  }
  await context.close();
  return frames;
}

const fmt = (x) => x.toFixed(1);
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

async function main() {
  const { builds, browser, close } = await benchSetup(argv);
  const rows = [];
  try {
    for (const n of SIZES)
      for (const [name, server] of builds) {
        console.error(`burst: ${n} tokens, ${name}…`);
        rows.push([name, n, await burstSize(browser, server.url, n)]);
      }
  } finally {
    await close();
  }
  console.log(`Typing bursts: ${BURSTS} × ${BURST} keys, ${DELAY} ms apart; ms from each key's input event to its frame painted; Chromium ${browser.version()}, ${new Date().toISOString()}`);
  console.log('| build | tokens | keys | median | 90th percentile | max |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, n, xs] of rows) console.log(`| ${name} | ${n} | ${xs.length} | ${fmt(median(xs))} | ${fmt(pct(xs, 0.9))} | ${fmt(Math.max(...xs))} |`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
