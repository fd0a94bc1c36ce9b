// The tiny GLM in the page: it loads in its Web Worker from the app's own files (no request
// leaves the machine), fills the blanks, draws attention on the mask, and when the weights are
// missing the page says so clearly while the other panels keep working.
import { assert, test } from './lib.mjs';

/** Every URL the page (and its model worker) asks for. */
function recordRequests(page) {
  const urls = [];
  page.on('request', (r) => urls.push(r.url()));
  return urls;
}

const isLocal = (url, baseUrl) =>
  url.startsWith(new URL(baseUrl).origin + '/') ||
  url.startsWith('data:') ||
  url.startsWith('blob:');

const modelPanel = (page) => page.getByRole('region', { name: 'Tiny GLM' });

test(
  'model: loads from the app’s own files, fills every blank, and colours the mask',
  async ({ page, baseUrl, consoleErrors, screenshot }) => {
    const urls = recordRequests(page);
    await page.goto(baseUrl);
    const panel = modelPanel(page);
    await panel.waitFor();
    // The other panels are there at once; the model loads after the first paint.
    await page.getByRole('region', { name: 'Text and tokens' }).waitFor();
    await panel.getByText(/^Ready:/).waitFor({ timeout: 90_000 });
    assert.ok(
      urls.some((u) => u.endsWith('/models/glm.bin')),
      'the weights were fetched by the page',
    );
    assert.ok(
      urls.some((u) => /\.wasm$/.test(u)),
      'a .wasm backend binary was fetched from the app',
    );
    const outside = urls.filter((u) => !isLocal(u, baseUrl));
    assert.deepEqual(outside, [], 'requests left localhost');

    await panel.getByRole('button', { name: 'Fill blanks' }).click();
    const done = panel.getByText(/^Generated \d+ tokens? for \d+ blanks? in \d+ ms\.$/);
    await done.waitFor({ timeout: 30_000 });
    const list = panel.getByRole('list', { name: 'Generated spans, in Part B order' });
    const items = await list.getByRole('listitem').all();
    assert.ok(items.length >= 1, 'no blanks were filled');
    for (const item of items) {
      assert.ok(
        (await item.locator('.model-token').count()) > 0,
        `a blank stayed empty: ${await item.textContent()}`,
      );
    }
    const filled = panel.getByRole('figure', { name: 'The text with the blanks filled in' });
    const text = (await filled.textContent()) ?? '';
    assert.ok(!text.includes('…'), `a blank was not filled in the text: ${text}`);
    assert.equal(await filled.locator('mark').count(), items.length);

    // Beam search: the same blanks, each filled with a whole span, in the real worker.
    await panel.getByRole('radio', { name: 'Beam' }).check();
    await panel.getByRole('button', { name: 'Fill blanks' }).click();
    await panel.getByText(/keeps the 5 most probable partial spans/).waitFor();
    await panel
      .getByRole('button', { name: 'Stop' })
      .waitFor({ state: 'detached', timeout: 30_000 });
    await done.waitFor({ timeout: 30_000 });
    for (const item of await list.getByRole('listitem').all()) {
      assert.ok(
        (await item.locator('.model-token').count()) > 0,
        `a blank stayed empty with the beam: ${await item.textContent()}`,
      );
    }
    await screenshot('model-beam');

    await panel.getByRole('button', { name: 'Score' }).click();
    const table = panel.getByRole('table', { name: 'Target scores' });
    await table.waitFor();
    assert.ok((await table.getByRole('row').count()) > 1, 'the score table is empty');

    await panel.getByLabel('Layer').selectOption({ label: 'Layer 0' });
    await panel.getByText(/every masked cell is exactly 0/).waitFor();
    const mask = page.getByRole('region', { name: 'Attention mask' });
    await mask.getByText(/attention weight, 0 to/).waitFor({ timeout: 15_000 });

    await screenshot('model-panel');
    assert.deepEqual(
      urls.filter((u) => !isLocal(u, baseUrl)),
      [],
      'requests left localhost',
    );
    assert.deepEqual(consoleErrors, [], 'the page logged errors');
  },
  { timeout: 150_000 },
);

test(
  'model: a missing weight file gives a clear message and the other panels still work',
  async ({ page, baseUrl, consoleErrors }) => {
    await page.route('**/models/glm.bin', (route) =>
      route.fulfill({ status: 404, body: 'not found' }),
    );
    await page.goto(baseUrl);
    const alert = modelPanel(page).getByRole('alert');
    await alert.waitFor({ timeout: 90_000 });
    const message = (await alert.textContent()) ?? '';
    assert.match(message, /The model could not load/);
    assert.match(message, /404/);
    assert.match(message, /model file glm\.bin/, 'the message names the missing file');
    assert.match(message, /Everything else on this page still works/);
    assert.equal(
      await modelPanel(page).getByRole('button', { name: 'Fill blanks' }).isDisabled(),
      true,
    );

    // The pipeline panels still follow the text.
    const text = page.getByLabel('Text', { exact: true });
    await text.fill('the cat sat on the mat');
    await page.getByRole('region', { name: 'Attention mask' }).waitFor();
    assert.ok(
      (await page.getByRole('region', { name: 'Text and tokens' }).textContent())?.includes('mat'),
      'the text panel did not update',
    );
    // The same failure in Chinese: the worker's code and values, translated by the page.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh');
    const zhPanel = page.getByRole('region', { name: '迷你 GLM' });
    await zhPanel.getByText(/服务器对模型文件 glm\.bin/).waitFor();
    assert.doesNotMatch((await zhPanel.getByRole('alert').textContent()) ?? '', /fetching/);
    // Only the refused weight file may be reported (as a failed resource load).
    const unexpected = consoleErrors.filter((e) => !/404|Failed to load resource/.test(e));
    assert.deepEqual(unexpected, [], 'the page logged errors');
  },
  { timeout: 120_000 },
);
