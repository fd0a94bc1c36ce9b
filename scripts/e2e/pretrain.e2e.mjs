// Pre-training in the page: GLM's objective trains a tiny model on the text, in a Web Worker; the
// held-out loss falls, Pause stops it, a step's draw goes into the panels, Reset starts over.
import { assert, test } from './lib.mjs';

const panel = (page) => page.getByRole('region', { name: 'Pre-training' });
const stepOf = async (page) => Number((await panel(page).getByText(/^(Training: step|Paused after step) \d+/).textContent())?.match(/\d+/)?.[0]);

test('pretrain: start, the held-out loss falls, pause, show the step’s draw in the panels, reset', async ({ page, baseUrl, consoleErrors, screenshot }) => {
  await page.goto(baseUrl);
  const p = panel(page);
  await p.scrollIntoViewIfNeeded();
  await p.getByRole('button', { name: 'Start', exact: true }).click();
  await p.getByRole('img', { name: /Loss curve/ }).waitFor();
  // The curve's caption gives the figures in words: wait until the held-out loss is under half its start.
  const end = Date.now() + 120_000;
  let desc = '';
  for (;;) {
    desc = (await p.locator('.pt-curve figcaption').textContent()) ?? '';
    const m = /held-out loss ([\d.]+) nats at step \d+, from ([\d.]+)/.exec(desc);
    if (m && Number(m[1]) < Number(m[2]) / 2) break;
    if (Date.now() > end) throw new Error(`held-out loss did not halve: ${desc}`);
    await page.waitForTimeout(500);
  }
  await p.getByRole('button', { name: 'Pause', exact: true }).click();
  await p.getByText(/^Paused after step \d+/).waitFor();
  // The step under way when Pause came may still finish (Pause takes effect within one step).
  const atPause = await stepOf(page);
  await page.waitForTimeout(500);
  const paused = await stepOf(page);
  assert.ok(paused - atPause <= 1, `${paused - atPause} steps after Pause`);
  await page.waitForTimeout(1000);
  assert.equal(await stepOf(page), paused, 'no step after Pause');
  await screenshot('pretrain-paused');

  const draw = (await p.getByText(/^Spans: /).textContent()) ?? '';
  await p.getByRole('button', { name: 'Show in panels', exact: true }).click();
  await p.getByText('Shown in the panels above.').waitFor();
  // The Part B panel now holds the draw's spans (its first quoted span's words are in it).
  const first = /“([^”]+)”/.exec(draw)?.[1] ?? '';
  assert.ok(first.length > 0, draw);
  const partB = page.getByRole('region', { name: /Part B/ }).first();
  await partB.getByText(first.split(' ')[0], { exact: false }).first().waitFor();

  await p.getByRole('button', { name: 'Reset', exact: true }).click();
  await p.getByText(/^Not started/).waitFor();
  assert.deepEqual(consoleErrors, []);
}, { timeout: 240_000 });
