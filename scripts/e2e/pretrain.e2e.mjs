// Pre-training in the page: GLM's objective trains a tiny model on the text, in a Web Worker; the
// held-out loss falls, Pause stops it, a step's draw goes into the panels, Reset starts over.
import { readFileSync } from 'node:fs';
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
  // The probe ("fills getting better"): the panels' spans, re-filled every 10 steps; the true
  // tokens' probability has risen since step 0, and the history lists the fills.
  const probe = p.getByRole('img', { name: 'Target probability' });
  const said = await probe.evaluate((el) => el.querySelector('desc')?.textContent ?? '');
  const pm = /^At step (\d+) the true tokens get a mean probability of ([\d.×⁻]+) \(at step 0: ([\d.×⁻]+)\)/.exec(said);
  assert.ok(pm && Number(pm[1]) >= 10, said);
  const num = (x) => Number(x.replace(/×10⁻(\d+)$/, 'e-$1'));
  assert.ok(num(pm[2]) > num(pm[3]), said);
  assert.ok((await p.getByRole('table', { name: /Fill history/ }).locator('tbody tr').count()) >= 2, 'probes listed');
  assert.match(await p.textContent(), /Probing “this nation”; “better future”: the panels’ spans when the run began\./);
  await p.getByRole('button', { name: 'Pause', exact: true }).click();
  await p.getByText(/^Paused after step \d+/).waitFor();
  // Reports the worker posted before it read the Pause may still be on their way to the page;
  // after that, at most the step under way when Pause came finishes (within one step).
  await page.waitForTimeout(400);
  const atPause = await stepOf(page);
  await page.waitForTimeout(1000);
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

test('pretrain: the ablations train beside GLM; the curves save as CSV and PNG, the model as manifest.json + glm.bin; it fills blanks', async ({ page, baseUrl, consoleErrors, screenshot }) => {
  await page.goto(baseUrl);
  const p = panel(page);
  await p.scrollIntoViewIfNeeded();
  await p.getByRole('checkbox', { name: /Train the ablations too/ }).check();
  await p.getByLabel('Step budget').fill('20');
  await p.getByRole('button', { name: 'Start', exact: true }).click();
  await p.getByText(/^Finished: 20 steps/).waitFor({ timeout: 180_000 });
  const desc = (await p.locator('.pt-curve figcaption').textContent()) ?? '';
  for (const run of ['GLM', 'without shuffled spans', 'without 2D positions'])
    assert.match(desc, new RegExp(`${run}: training [\\d.]+, held-out [\\d.]+ \\(from [\\d.]+\\)`), desc);
  await screenshot('pretrain-ablations');

  /** Clicks a button and returns the download's name and bytes. */
  const save = async (name) => {
    const [d] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), p.getByRole('button', { name, exact: true }).click()]);
    return { name: d.suggestedFilename(), body: readFileSync(await d.path()) };
  };
  const csv = await save('Download the loss curves as CSV');
  assert.equal(csv.name, 'glm-pretrain-loss.csv');
  const rows = csv.body.toString('utf8').trim().split('\n');
  assert.equal(rows[0], 'step,run,train_loss,heldout_loss');
  // Step 0 (held-out only) and steps 1..20, three models each.
  assert.equal(rows.length, 1 + 3 * 21, `${rows.length} rows`);
  assert.deepEqual(rows.slice(-3).map((r) => r.split(',').slice(0, 2).join(',')), ['20,glm', '20,no-shuffle', '20,no-2d']);
  const png = await save('Download Loss curve as PNG');
  assert.equal(png.name, 'glm-pretrain-loss.png');
  assert.equal(png.body.subarray(1, 4).toString('latin1'), 'PNG');

  await p.getByRole('button', { name: 'Prepare the model files' }).click();
  await p.getByRole('group', { name: 'Model files after step 20' }).waitFor();
  const manifest = await save('Download manifest.json');
  const m = JSON.parse(manifest.body.toString('utf8'));
  assert.equal(m.format, 'glm-infill-lab/1');
  assert.equal(m.tokenizer, 'tokenizer.json');
  assert.equal(m.training.steps, 20);
  const bin = await save('Download glm.bin');
  assert.equal(bin.name, 'glm.bin');
  assert.equal(bin.body.length, m.weights.bytes);

  await p.getByRole('button', { name: 'Fill the blanks', exact: true }).click();
  await p.getByText(/^After 20 steps, GLM’s model wrote:/).waitFor();
  assert.ok((await p.locator('.pt-fill li').count()) >= 1, 'a filled blank is listed');
  assert.deepEqual(consoleErrors, []);
}, { timeout: 300_000 });

test('pretrain: from the shipped model, the run fine-tunes its weights: its held-out loss starts far below ln V and falls', async ({ page, baseUrl, consoleErrors, screenshot }) => {
  await page.goto(baseUrl);
  const p = panel(page);
  await p.scrollIntoViewIfNeeded();
  const from = p.getByRole('group', { name: 'Start from' });
  await from.getByRole('radio', { name: /The shipped model/ }).check();
  // The limit is the shipped model's, from its manifest (public/models is replaced by newer models).
  const max = JSON.parse(readFileSync(new URL('../../public/models/manifest.json', import.meta.url), 'utf8')).config.maxPositions;
  await p.getByText(new RegExp(`the shipped model holds at most ${max}\\)`)).waitFor();
  await p.getByLabel('Step budget').fill('10');
  await p.getByLabel('Probe every (steps)').fill('5');
  await p.getByRole('button', { name: 'Start', exact: true }).click();
  await p.getByText(/^Finished: 10 steps/).waitFor({ timeout: 180_000 });
  assert.match((await p.locator('dl.pt-figures').textContent()) ?? '', /Started fromthe shipped model’s weights \(fine-tuning\)/);
  const desc = (await p.locator('.pt-curve figcaption').textContent()) ?? '';
  const m = /Guessing evenly over the ([\d,]+) pieces/.exec(desc);
  const lnV = Math.log(Number(m?.[1].replace(/,/g, '')));
  const h = /held-out loss ([\d.]+) nats at step 10, from ([\d.]+) before training/.exec(desc);
  assert.ok(h, desc);
  const [after, start] = [Number(h[1]), Number(h[2])];
  assert.ok(start < lnV - 2, `held-out before fine-tuning ${start}, ln V ${lnV}`);
  assert.ok(after < start, `held-out ${start} → ${after}`);
  await p.getByRole('button', { name: 'Reset', exact: true }).click();
  await p.getByText(/^Not started/).waitFor();
  assert.ok(await from.getByRole('radio', { name: /The shipped model/ }).isChecked(), 'the start stays after Reset');
  await screenshot('pretrain-finetune');
  assert.deepEqual(consoleErrors, []);
}, { timeout: 300_000 });
