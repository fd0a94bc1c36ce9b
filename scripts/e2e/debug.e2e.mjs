// The debugging panels: import a batch from your own collator (valid, corrupted, garbage) and see
// every panel follow it or the view kept; draw the span sampler's statistics in a worker.
// Needs StatsPanel and ImportPanel mounted in the app (regions "Sampler statistics" and
// "Import a batch").
import { assert, test } from './lib.mjs';

const importPanel = (page) => page.getByRole('region', { name: 'Import a batch' });
const statsPanel = (page) => page.getByRole('region', { name: 'Sampler statistics' });

/** The text of every panel but the import panel: what "the view" shows. */
function viewTextNow(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('main section')]
      .filter((s) => s.id !== 'panel-import')
      .map((s) => s.textContent)
      .join('\n'),
  );
}

/** The view once it has settled (panels may render a large change in a deferred pass). */
async function viewText(page) {
  // Settled = the same text on three reads in a row (deferred panels and windowed lists may
  // commit a beat later on a busy machine).
  let last = await viewTextNow(page);
  let same = 0;
  for (let i = 0; i < 40 && same < 2; i++) {
    await page.waitForTimeout(250);
    const now = await viewTextNow(page);
    same = now === last ? same + 1 : 0;
    last = now;
  }
  return last;
}

/** A busy CI machine (or a cold dev server) can take a while to load the app. */
const SLOW = { timeout: 90_000 };

test('debug: a valid batch renders in every panel with no problems', async ({ page, baseUrl, consoleErrors, screenshot }) => {
  await page.goto(baseUrl);
  const panel = importPanel(page);
  await panel.waitFor();
  const before = await viewText(page);
  await panel.getByRole('button', { name: 'Valid batch' }).click();
  await panel.getByText(/^Showing “valid\.json”: 28 tokens, sep = 20, 3 spans inferred/).waitFor();
  await panel.getByText(/^No problems: this batch follows GLM’s reference layout/).waitFor();
  assert.equal(await panel.getByRole('list', { name: 'Problems' }).count(), 0);
  await panel.getByText(/^The engine builds exactly this batch/).waitFor();
  const after = await viewText(page);
  assert.notEqual(after, before, 'the other panels did not change');
  assert.match(after, /blanks/, 'the imported tokens are not shown outside the import panel');
  await screenshot('debug-import-valid');
  await panel.getByRole('button', { name: 'Back to my text' }).click();
  await panel.getByText(/^No batch imported/).waitFor();
  // The panels follow in a deferred render: give them time on a loaded machine.
  for (let end = Date.now() + 20_000; (await viewText(page)) !== before && Date.now() < end; ) {
    await page.waitForTimeout(200);
  }
  assert.equal(await viewText(page), before, 'going back did not restore the view');
  assert.deepEqual(consoleErrors, [], 'the page logged errors');
}, SLOW);

test('debug: a corrupted batch lists its problems by field and index, and a click lights the cell', async ({ page, baseUrl, consoleErrors, screenshot }) => {
  await page.goto(baseUrl);
  const panel = importPanel(page);
  await panel.getByRole('button', { name: 'Corrupted batch' }).click();
  const list = panel.getByRole('list', { name: 'Problems' });
  await list.waitFor();
  const items = list.getByRole('listitem');
  assert.equal(await items.count(), 2);
  const text = (await list.textContent()) ?? '';
  assert.match(text, /position_ids\[24\]\s*expected 3 · found 4/);
  assert.match(text, /targets\[21\]\s*expected "span" · found "spans"/);
  await items.filter({ hasText: 'position_ids[24]' }).getByRole('button').click();
  // The diff table lights the column; panels that mark columns with data-seq-index / data-link do too.
  await panel.locator('.diff-table col.is-lit').first().waitFor({ state: 'attached' });
  assert.ok((await panel.locator('.diff-table td.is-diff').count()) >= 4, 'the diff marks no cells');
  assert.ok((await panel.getByText('≠').count()) >= 4, 'the differing cells carry no ≠ mark');
  await screenshot('debug-import-corrupted');
  assert.deepEqual(consoleErrors, [], 'the page logged errors');
}, SLOW);

test('debug: garbage gets a message that says where, and the view is kept', async ({ page, baseUrl, consoleErrors, screenshot }) => {
  await page.goto(baseUrl);
  const panel = importPanel(page);
  await panel.getByRole('button', { name: 'Valid batch' }).click();
  await panel.getByText(/^Showing “valid\.json”/).waitFor();
  const before = await viewText(page);
  await panel.getByRole('textbox', { name: 'Batch JSON' }).fill('{"tokens": ["a", "b"],\n "targets": ["a" "b"]}');
  await panel.getByRole('button', { name: 'Import', exact: true }).click();
  const alert = panel.getByRole('alert');
  await alert.waitFor();
  const message = (await alert.textContent()) ?? '';
  assert.match(message, /not JSON: the parser stopped at line 2, column 18/);
  assert.match(message, /Nothing was changed: the panels still show “valid\.json”/);
  assert.equal(await viewText(page), before, 'the view changed');
  await panel.getByText(/^Showing “valid\.json”/).waitFor();
  await screenshot('debug-import-garbage');

  await panel.getByRole('textbox', { name: 'Batch JSON' }).fill('garbage');
  await panel.getByRole('button', { name: 'Import', exact: true }).click();
  await alert.getByText(/parser stopped at line 1, column 1/).waitFor();
  assert.equal(await viewText(page), before, 'the view changed');
  assert.deepEqual(consoleErrors, [], 'the page logged errors');
}, SLOW);

test(
  'debug: the sampler statistics draw 2,000 samples in a worker and plot them',
  async ({ page, baseUrl, consoleErrors, screenshot }) => {
    await page.goto(baseUrl);
    const panel = statsPanel(page);
    await panel.waitFor();
    await panel.getByRole('radio', { name: /Reference \(L = 512\)/ }).check();
    await panel.getByRole('spinbutton', { name: 'Draws' }).fill('2000');
    await panel.getByRole('button', { name: 'Run' }).click();
    const done = panel.getByText(/^2,000 draws in [\d.]+ s \(([\d,]+) draws per second, in a Web Worker\)\.$/);
    await done.waitFor({ timeout: 60_000 });
    for (const name of ['Span length histogram', 'Masked fraction', 'Spans per draw', 'Mask rate by position']) {
      const img = panel.getByRole('img', { name });
      await img.waitFor();
      assert.ok((await img.locator('rect, path').count()) > 2, `${name} has no marks`);
    }
    const table = panel.getByRole('table', { name: 'Sampler summary' });
    assert.match((await table.textContent()) ?? '', /24\.5 ± 2\.5/);
    console.log(`    ${await done.textContent()}`);
    await screenshot('debug-stats');
    assert.deepEqual(consoleErrors, [], 'the page logged errors');
  },
  { timeout: 90_000 },
);
