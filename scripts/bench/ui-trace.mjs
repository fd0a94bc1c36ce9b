// Diagnostic: which panels mutate after a keystroke, and when (ms after the input event).
//   node scripts/bench/ui-trace.mjs [tokens]
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, openAtEnd, panelsCaughtUp, preview, settle } from './ui-harness.mjs';
const n = Number(process.argv[2] || 64);
const server = await preview();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
const { page } = await openAtEnd(browser, server.url, n);
for (let i = 0; i < 3; i++) {
  await page.evaluate(() => { window.__bench.trace = []; });
  await page.keyboard.press(i % 2 ? 'Backspace' : 'x');
  await settle(page, 600, 60000, panelsCaughtUp);
  const b = await page.evaluate(() => window.__bench);
  const summary = {};
  for (const [t, w] of b.trace) { summary[w] ??= [t, t, 0]; summary[w][1] = t; summary[w][2]++; }
  console.log(i, 'painted', b.painted?.toFixed(0), 'updated', b.updated?.toFixed(0), 'first frame', b.firstFrame?.toFixed(0), JSON.stringify(summary));
}
await browser.close(); await server.close();
