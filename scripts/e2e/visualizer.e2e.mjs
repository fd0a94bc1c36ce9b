// The visualizer's main flows, driven through what users see and their accessible names: type text
// and see tokens; pick spans and watch Part A, Part B, the 2D positions and the mask follow; reorder
// Part B; open a link (and a broken one); back/forward; export; axe in both themes.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { assert, test } from './lib.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PAPER = '?text=x1%20x2%20x3%20x4%20x5%20x6&spans=2-3,4-6&order=1,0&cls=0&base=0';
/** The paper's Figure 2, 0-based (THUDM/GLM blocklm_utils.py computes these). */
const PAPER_POSITIONS = ['0', '1', '2', '3', '4', '4', '4', '4', '2', '2'];
const PAPER_BLOCKS = ['0', '0', '0', '0', '0', '1', '2', '3', '1', '2'];

/** The chip texts of a list, by its accessible name. */
const chips = (page, name) =>
  page.getByRole('list', { name, exact: true }).locator('.chip-text').allTextContents();

/** The cells of a row of the "2D positions" table, by its row header. */
async function tableRow(page, header) {
  const table = page.getByRole('table', { name: '2D positions' });
  const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: header, exact: true }) });
  return (await row.getByRole('cell').allTextContents()).map((s) => s.trim());
}

/** Waits until `read()` deep-equals `want` (panels follow the text in a deferred render). */
async function until(read, want, ms = 15_000) {
  const end = Date.now() + ms;
  let got;
  for (;;) {
    got = await read();
    try {
      assert.deepEqual(got, want);
      return;
    } catch (e) {
      if (Date.now() > end) throw e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

const maskCells = (page) => page.getByRole('grid', { name: 'Attention mask', exact: true }).getByRole('gridcell').count();
const option = (page, token, index) =>
  page.getByRole('option', { name: new RegExp(`^${token} ${index}, token ${index}\\b`) });

test('visualizer: typing text shows its tokens', async ({ page, baseUrl, consoleErrors, screenshot }) => {
  await page.goto(`${baseUrl}?text=x1&spans=&cls=0`);
  const text = page.getByRole('textbox', { name: 'Text', exact: true });
  await text.click();
  await text.press('End');
  await text.pressSequentially(' x2 x3 x4 x5 x6');
  assert.equal(await text.inputValue(), 'x1 x2 x3 x4 x5 x6');
  await until(() => chips(page, 'Tokens'), ['x1', 'x2', 'x3', 'x4', 'x5', 'x6']);
  await until(() => chips(page, 'Part A tokens'), ['x1', 'x2', 'x3', 'x4', 'x5', 'x6']);
  await until(() => maskCells(page), 36);
  await screenshot('visualizer-typed');
  assert.deepEqual(consoleErrors, []);
});

test('visualizer: panels in view follow a keystroke in its own render, panels out of view once typing pauses', async ({ page, baseUrl, consoleErrors }) => {
  await page.goto(`${baseUrl}?text=x1%20x2&spans=&cls=0`);
  await until(() => maskCells(page), 4);
  await page.waitForTimeout(300); // the observers have reported which panels are in view
  // In one task of the page: type a word as the browser would (an input event), then look after the
  // microtasks in which React flushes a keystroke's render, and again after a pause. Doing it all
  // inside the page keeps the check independent of how fast this machine is.
  const seen = await page.evaluate(async () => {
    const area = document.querySelector('#panel-text textarea');
    const set = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set;
    set.call(area, 'x1 x2 zebra');
    area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: 'zebra' }));
    for (let i = 0; i < 10; i++) await Promise.resolve();
    const chipsHave = (id) => [...document.querySelectorAll(`#${id} .chip-text`)].some((c) => c.textContent === 'zebra');
    const zooHas = () => (document.getElementById('panel-zoo')?.textContent ?? '').includes('zebra');
    const now = { text: chipsHave('panel-text'), zoo: zooHas() };
    await new Promise((r) => setTimeout(r, 60)); // a transition would be done; the pause is 120 ms
    const soon = { zoo: zooHas() };
    await new Promise((r) => setTimeout(r, 1000));
    return { now, soon, later: { zoo: zooHas() } };
  });
  assert.equal(seen.now.text, true, 'the Text panel (in view) shows the word’s chip in the keystroke’s own render');
  assert.equal(seen.now.zoo, false);
  assert.equal(seen.soon.zoo, false, 'the objective zoo (out of view) waits for a pause in the typing');
  assert.equal(seen.later.zoo, true, 'the objective zoo has caught up once typing paused');
  // Scrolled into view, the zoo shows the text as it is.
  await page.locator('#panel-zoo').scrollIntoViewIfNeeded();
  await until(async () => (await page.locator('#panel-zoo').textContent()).includes('zebra'), true);
  assert.deepEqual(consoleErrors, []);
});

test('visualizer: choosing spans changes Part A, Part B, positions and mask', async ({ page, baseUrl, screenshot }) => {
  await page.goto(`${baseUrl}?text=x1%20x2%20x3%20x4%20x5%20x6&spans=&cls=0`);
  await until(() => maskCells(page), 36);
  await option(page, 'x3', 2).click();
  await until(() => chips(page, 'Part A tokens'), ['x1', 'x2', '[MASK]', 'x4', 'x5', 'x6']);
  await option(page, 'x5', 4).click();
  await option(page, 'x6', 5).click({ modifiers: ['Shift'] });
  await until(() => chips(page, 'Part A tokens'), ['x1', 'x2', '[MASK]', 'x4', '[MASK]']);
  const segments = page.getByRole('list', { name: 'Part B segments, in order' }).locator(':scope > li');
  assert.equal(await segments.count(), 2);
  await until(() => tableRow(page, 'Block position'), ['0', '0', '0', '0', '0', '1', '2', '1', '2', '3']);
  const positions = await tableRow(page, 'Position');
  assert.deepEqual(positions.slice(0, 5), ['0', '1', '2', '3', '4']);
  assert.deepEqual([...positions.slice(5)].sort(), ['2', '2', '4', '4', '4']);
  await until(() => maskCells(page), 100);
  // Part A never sees Part B: the first query cannot see the last key.
  const cell = page
    .getByRole('grid', { name: 'Attention mask', exact: true })
    .getByRole('gridcell', { name: /^query 0 x1, key 9 .*masked/ });
  assert.equal(await cell.count(), 1);
  // The link follows the view once the edits have been still for a moment (src/store/persist.ts).
  await until(async () => /spans=2-3%2C4-6/.test(page.url()), true);
  await screenshot('visualizer-spans');
});

test('visualizer: reordering Part B with the Move buttons and the keyboard', async ({ page, baseUrl }) => {
  await page.goto(`${baseUrl}?text=x1%20x2%20x3%20x4%20x5%20x6&spans=2-3,4-6&order=0,1&cls=0&base=0`);
  await until(() => tableRow(page, 'Position'), ['0', '1', '2', '3', '4', '2', '2', '4', '4', '4']);
  await page.getByRole('button', { name: 'Move down: span 0 (x3)' }).click();
  await until(() => tableRow(page, 'Position'), PAPER_POSITIONS);
  await until(() => tableRow(page, 'Block position'), PAPER_BLOCKS);
  // The keyboard: focus a Move button and press Enter.
  const up = page.getByRole('button', { name: 'Move up: span 0 (x3)' });
  await up.focus();
  await page.keyboard.press('Enter');
  await until(() => tableRow(page, 'Position'), ['0', '1', '2', '3', '4', '2', '2', '4', '4', '4']);
  await until(async () => /order=0%2C1/.test(page.url()), true);
});

test('visualizer: a link opens the same view, and back/forward walk the changes', async ({ page, baseUrl, screenshot }) => {
  await page.goto(baseUrl + PAPER);
  await until(() => tableRow(page, 'Position'), PAPER_POSITIONS);
  assert.deepEqual(await tableRow(page, 'Block position'), PAPER_BLOCKS);
  assert.deepEqual(await tableRow(page, 'Token'), ['x1', 'x2', '[MASK]', 'x4', '[MASK]', '[S]', 'x5', 'x6', '[S]', 'x3']);
  assert.deepEqual(await tableRow(page, 'Target'), ['x1', 'x2', '[MASK]', 'x4', '[MASK]', 'x5', 'x6', '[E]', 'x3', '[E]']);
  assert.deepEqual(await tableRow(page, 'Loss'), ['0', '0', '0', '0', '0', '1', '1', '1', '1', '1']);
  assert.equal(await page.getByRole('textbox', { name: 'Text', exact: true }).inputValue(), 'x1 x2 x3 x4 x5 x6');
  assert.equal(await maskCells(page), 100);
  await screenshot('visualizer-paper-link');

  await page.getByRole('button', { name: 'Move down: span 1 (x5 x6)' }).click();
  await until(() => tableRow(page, 'Position'), ['0', '1', '2', '3', '4', '2', '2', '4', '4', '4']);
  await until(async () => /order=0%2C1/.test(page.url()), true);
  await page.goBack();
  await until(() => tableRow(page, 'Position'), PAPER_POSITIONS);
  await page.goForward();
  await until(() => tableRow(page, 'Position'), ['0', '1', '2', '3', '4', '2', '2', '4', '4', '4']);
});

test('visualizer: a malformed link opens with a message and keeps the text', async ({ page, baseUrl, screenshot }) => {
  await page.goto(`${baseUrl}?text=x1%20x2%20x3%20x4&spans=9-3,x&order=7`);
  const messages = page.getByRole('status', { name: 'Messages' });
  await messages.getByText(/could not be used/).waitFor();
  assert.match((await messages.textContent()) ?? '', /spans=9-3,x/);
  assert.equal(await page.getByRole('textbox', { name: 'Text', exact: true }).inputValue(), 'x1 x2 x3 x4');
  await until(async () => (await chips(page, 'Tokens')).filter((t) => /^x\d$/.test(t)), ['x1', 'x2', 'x3', 'x4']);
  await screenshot('visualizer-malformed-link');
});

/** Chooses an Export menu item and returns the download's name and contents. */
async function exportItem(page, item) {
  await page.getByRole('button', { name: 'Export' }).click();
  const failed = page.getByText(/^Could not export/);
  const [download] = await Promise.all([
    Promise.race([
      page.waitForEvent('download', { timeout: 90_000 }),
      failed.waitFor({ state: 'attached', timeout: 90_000 }).then(async () => {
        throw new Error(`${item}: ${await failed.textContent()}`);
      }),
    ]),
    page.getByRole('menuitem', { name: item, exact: true }).click(),
  ]);
  return { name: download.suggestedFilename(), body: readFileSync(await download.path()) };
}

test('visualizer: export saves the batch as the CLI constructs it, and pictures', async ({ page, baseUrl, screenshot }) => {
  await page.goto(baseUrl + PAPER);
  await until(() => tableRow(page, 'Position'), PAPER_POSITIONS);
  const batch = await exportItem(page, 'Batch JSON');
  assert.equal(batch.name, 'glm-batch.json');
  const cli = execFileSync('npx', ['tsx', 'src/cli/main.ts', 'construct'], {
    cwd: root,
    input: JSON.stringify({ tokens: ['x1', 'x2', 'x3', 'x4', 'x5', 'x6'], spans: [[2, 3], [4, 6]], order: [1, 0] }),
    encoding: 'utf8',
  });
  assert.deepEqual(JSON.parse(batch.body.toString('utf8')), JSON.parse(cli));
  assert.equal(batch.body.toString('utf8').trim(), cli.trim());

  const svg = await exportItem(page, 'SVG: 2D positions');
  assert.equal(svg.name, 'glm-positions.svg');
  assert.match(svg.body.toString('utf8'), /^<svg /);

  const fig = await exportItem(page, 'Figure 2 (portrait, SVG)');
  assert.match(fig.body.toString('utf8'), /^<svg [^>]*width="\d+"/);
  const png = await exportItem(page, 'Figure 2 (portrait, PNG)');
  assert.equal(png.body.subarray(1, 4).toString('latin1'), 'PNG');
  const pngWidth = png.body.readUInt32BE(16);
  const svgWidth = Number(/width="(\d+)"/.exec(fig.body.toString('utf8'))[1]);
  assert.equal(pngWidth, svgWidth * 2, 'Figure 2 PNG is drawn at 2×');

  const panelPng = await exportItem(page, 'PNG: 2D positions');
  assert.equal(panelPng.body.subarray(1, 4).toString('latin1'), 'PNG');
  // Kept for a look: the exported pictures, as a slide would get them.
  mkdirSync(join(root, 'e2e-screenshots'), { recursive: true });
  writeFileSync(join(root, 'e2e-screenshots', 'export-positions-panel.png'), panelPng.body);
  writeFileSync(join(root, 'e2e-screenshots', 'export-figure2.png'), png.body);

  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name: 'Preview Figure 2…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Figure 2, on your text' });
  await dialog.waitFor();
  await dialog.locator('img').evaluate((img) => img.decode());
  await screenshot('visualizer-figure2-preview');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
}, { timeout: 180_000 }); // the CLI and PNG encoding are slow on a loaded machine

/** The colour of pixel (x, y) of a PNG, read back in the page: [r, g, b]. */
async function pixel(page, png, x, y) {
  return page.evaluate(
    async ({ b64, x, y }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d');
      ctx.drawImage(img, 0, 0);
      return [...ctx.getImageData(x, y, 1, 1).data.slice(0, 3)];
    },
    { b64: png.toString('base64'), x, y },
  );
}

test('visualizer: slide-ready exports: a light 16:9 Figure 2 in the dark theme, panels without controls, a small mask', async ({ page, baseUrl }) => {
  await page.goto(`${baseUrl + PAPER}&theme=dark`);
  await until(() => tableRow(page, 'Position'), PAPER_POSITIONS);
  const slide = await exportItem(page, 'Figure 2 (16:9 slide, PNG)');
  assert.equal(slide.name, 'glm-figure2-slide.png');
  assert.deepEqual([slide.body.readUInt32BE(16), slide.body.readUInt32BE(20)], [1920, 1080]);
  assert.deepEqual(await pixel(page, slide.body, 4, 4), [255, 255, 255], 'the slide is light in the dark theme');

  const mask = await exportItem(page, 'SVG: Attention mask');
  const maskSvg = mask.body.toString('utf8');
  assert.ok(mask.body.length < 100_000, `the mask SVG is ${mask.body.length} bytes`);
  assert.equal(maskSvg.match(/<rect class="[vmf]"/g)?.length, 100, 'one rect per cell');
  const maskPng = await exportItem(page, 'PNG: Attention mask');
  const maskWidth = maskPng.body.readUInt32BE(16);
  assert.equal(maskWidth, 2 * Number(/width="(\d+)"/.exec(maskSvg)[1]), 'the PNG is the SVG at 2×');
  assert.ok(maskWidth < 1400, `the mask PNG is ${maskWidth} px wide: as wide as the mask, not the page`);

  const positions = await exportItem(page, 'SVG: 2D positions');
  const text = positions.body.toString('utf8');
  assert.ok(positions.body.length < 100_000, `the positions SVG is ${positions.body.length} bytes`);
  assert.ok(!text.includes('1-based (paper)'), 'the numbering toggle is left out');
  assert.ok(!/<(button|input)\b/.test(text), 'no controls');
  assert.ok(text.includes('Block position'), 'the table is there');
}, { timeout: 180_000 });

test('visualizer: the Export menu works from the keyboard and copies the link', async ({ page, baseUrl }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseUrl).origin });
  await page.goto(baseUrl + PAPER);
  const button = page.getByRole('button', { name: 'Export' });
  await button.focus();
  await page.keyboard.press('ArrowUp'); // opens on the last item
  const focused = () => page.evaluate(() => document.activeElement?.textContent);
  assert.equal(await focused(), 'Copy link');
  await page.keyboard.press('ArrowDown'); // wraps to the first
  assert.equal(await focused(), 'Figure 2 (16:9 slide, PNG)');
  await page.keyboard.press('Escape');
  assert.equal(await page.getByRole('menu').count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-haspopup')), 'menu');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await page.getByText('Link copied.').waitFor({ state: 'attached' });
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /spans=2-3%2C4-6&order=1%2C0/);
  const other = await page.context().newPage();
  await other.goto(copied);
  await until(() => tableRow(other, 'Position'), PAPER_POSITIONS);
});

test('visualizer: long texts: the fragment carries 3,000 characters; 20,000 survive Reload and Copy link offers the JSON', async ({ page, baseUrl, screenshot }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseUrl).origin });
  const words = 'the people of this nation will build a better future for their children'.split(' ');
  const prose = (n) => Array.from({ length: n }, (_, i) => words[(i * 7 + (i >> 3)) % words.length] + (i % 5 === 0 ? ` ${i}` : '')).join(' ');
  const box = page.getByRole('textbox', { name: 'Text', exact: true });

  await page.goto(baseUrl);
  const mid = prose(600).slice(0, 3000);
  await box.fill(mid);
  await until(async () => new URL(page.url()).hash.startsWith('#text='), true);
  const link = page.url();
  assert.ok(new URL(link).search.length < 2000, 'the query stays short');
  const other = await page.context().newPage();
  const res = await other.goto(link);
  assert.equal(res?.status(), 200);
  assert.equal(await other.getByRole('textbox', { name: 'Text', exact: true }).inputValue(), mid);
  await other.close();

  const long = prose(4000).slice(0, 20000);
  await box.fill(long);
  await until(async () => new URL(page.url()).searchParams.get('long'), '1');
  assert.ok(page.url().length < 400, `the link is ${page.url().length} characters`);
  const reloaded = await page.reload();
  assert.equal(reloaded?.status(), 200);
  assert.equal((await box.inputValue()).length, 20000);
  await page.getByRole('button', { name: 'Export' }).click();
  await page.getByRole('menuitem', { name: 'Copy link', exact: true }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Copy link' });
  await dialog.getByText(/too long to share in a link/).waitFor();
  assert.equal(await dialog.getByRole('button', { name: 'Save batch JSON' }).count(), 1);
  await screenshot('visualizer-long-text-link');
});

for (const theme of ['light', 'dark']) {
  test(`visualizer: no serious or critical accessibility violations (${theme} theme)`, async ({ page, baseUrl, screenshot }) => {
    await page.goto(`${baseUrl + PAPER}&theme=${theme}`);
    await until(() => tableRow(page, 'Position'), PAPER_POSITIONS);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), theme);
    const check = async (what) => {
      const { violations } = await new AxeBuilder({ page }).analyze();
      const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      const summary = bad.map((v) => `${v.id} (${v.impact}, ${v.nodes.length} nodes: ${v.nodes[0]?.target}): ${v.help}`);
      assert.deepEqual(summary, [], `axe found serious or critical violations ${what}`);
    };
    await check('on the page');
    await page.getByRole('button', { name: 'Export' }).click();
    await page.getByRole('menu').waitFor();
    await screenshot(`visualizer-export-menu-${theme}`);
    await check('with the Export menu open');
  }, { timeout: 240_000 }); // axe over ~600 nodes takes long on a loaded machine
}

test('visualizer: on the canvas mask, scrolling under a still mouse moves the details to the cell now under it', async ({ page, baseUrl }) => {
  const words = Array.from({ length: 300 }, (_, i) => `w${i}`).join('%20');
  await page.goto(`${baseUrl}?text=${words}&spans=&cls=0`);
  const grid = page.getByRole('grid', { name: 'Attention mask', exact: true });
  await grid.locator('canvas').waitFor();
  await grid.scrollIntoViewIfNeeded();
  const box = await grid.locator('canvas').boundingBox();
  const view = page.viewportSize();
  // Well inside the canvas: its top and left edges sit under the sticky axis labels.
  const x = box.x + 300;
  const y = Math.max(box.y, 0) + 250;
  assert.ok(y + 200 < view.height, 'the mouse is well inside the viewport');
  await page.mouse.move(x, y);
  const details = page.locator('.mask-details');
  const row = async () => Number((/^query (\d+)/.exec((await details.textContent()) ?? '') ?? [])[1]);
  await until(async () => Number.isFinite(await row()), true);
  const before = await row();
  await page.mouse.wheel(0, 300);
  // The grid moved up under the mouse (its box or the page scrolled), so a later row is under it.
  let moved = box.y;
  await until(async () => {
    moved = (await grid.locator('canvas').boundingBox()).y;
    return moved < box.y - 50;
  }, true);
  // The row now under the mouse, from the geometry alone: 300 tokens over the canvas's height.
  const want = before + Math.round((box.y - moved) / (box.height / 300));
  await until(async () => Math.abs((await row()) - want) <= 1, true);
});
