// The app shell: it loads, names itself, logs no errors, and passes an accessibility check.
import { AxeBuilder } from '@axe-core/playwright';
import { assert, test } from './lib.mjs';

test('shell: the header shows the app name and tagline', async ({
  page,
  baseUrl,
  consoleErrors,
  screenshot,
}) => {
  await page.goto(baseUrl);
  const banner = page.getByRole('banner');
  const heading = banner.getByRole('heading', { level: 1 });
  await heading.waitFor();
  assert.equal((await heading.textContent())?.trim(), 'GLM Infill Lab');
  assert.match((await banner.textContent()) ?? '', /fill them back in/);
  assert.equal(await page.title(), 'GLM Infill Lab');
  assert.equal(await page.getByRole('main').count(), 1);
  await screenshot('shell');
  assert.deepEqual(consoleErrors, [], 'the page logged errors');
});

test('shell: no serious or critical accessibility violations', async ({ page, baseUrl }) => {
  await page.goto(baseUrl);
  await page.getByRole('heading', { level: 1 }).waitFor();
  const { violations } = await new AxeBuilder({ page }).analyze();
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = bad.map((v) => `${v.id} (${v.impact}, ${v.nodes.length} nodes): ${v.help}`);
  assert.deepEqual(summary, [], 'axe found serious or critical violations');
}, { timeout: 180_000 });
