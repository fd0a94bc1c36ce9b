// The guided lesson, walked end to end in English and in Chinese with a screenshot per step
// (lesson-en-1.png … lesson-zh-9.png), then Escape giving the user's own text back; then the
// lesson beside the panels on wide windows and as a foldable bottom sheet on narrow ones, never
// over what its step lights, its notes never cut (lesson-dock-*.png, lesson-sheet-*.png).
// Needs the app to mount LessonButton, Lesson and LanguageSwitch (src/panels/Lesson).
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert, test } from './lib.mjs';

// Viewport shots (not the fixture's full-page ones): the lesson is fixed beside (or under) the
// panels, and what a class sees is the window, the step's panel beside the lesson.
const shotDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'e2e-screenshots');
/** @param {import('playwright-core').Page} page @param {string} name */
async function shot(page, name) {
  mkdirSync(shotDir, { recursive: true });
  await page.screenshot({ path: join(shotDir, `${name}.png`) });
}

const WORDS = {
  en: { button: 'Lesson', region: 'Lesson', next: 'Next', finish: 'Finish', step: (k, n) => `Step ${k} of ${n}`, presenter: 'Presenter view' },
  zh: { button: '课程', region: '课程', next: '下一步', finish: '完成', step: (k, n) => `第 ${k} 步，共 ${n} 步`, presenter: '演示模式' },
};
const STEPS = 9;
const OWN = 'my own text stays where it was';

for (const lang of /** @type {const} */ (['en', 'zh'])) {
  const w = WORDS[lang];
  test(`lesson: walks every step in ${lang} and gives the user's text back`, async ({ page, baseUrl, consoleErrors }) => {
    await page.setViewportSize({ width: 1400, height: 900 });
    // Instant scrolling: a shot taken mid smooth-scroll draws the docked lesson out of place.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(baseUrl);
    const textbox = page.getByRole('textbox', { name: lang === 'en' ? 'Text' : '文本', exact: true });
    // The user's own text, typed before the lesson (in English: the page starts in English).
    await page.getByRole('textbox', { name: 'Text', exact: true }).fill(OWN);
    if (lang === 'zh') await page.getByRole('combobox', { name: /Language/ }).selectOption('zh');
    const htmlLang = await page.evaluate(() => document.documentElement.lang);
    assert.ok(htmlLang.startsWith(lang), `<html lang> follows the language (${htmlLang})`);

    await page.getByRole('button', { name: w.button, exact: true }).click();
    const region = page.getByRole('region', { name: w.region });
    await region.waitFor();
    for (let k = 1; k <= STEPS; k++) {
      await region.getByText(w.step(k, STEPS), { exact: true }).waitFor();
      const panel = await page.evaluate(() => document.documentElement.dataset.lessonPanel);
      assert.ok(panel, `step ${k} brings a panel forward`);
      await page.waitForTimeout(600); // the smooth scroll and the deferred panels settle
      await shot(page, `lesson-${lang}-${k}`);
      if (k < STEPS) await page.keyboard.press(k % 2 ? 'ArrowRight' : 'Space');
    }
    await region.getByRole('button', { name: w.finish }).waitFor();

    await page.getByRole('button', { name: w.presenter }).click();
    assert.equal(await page.evaluate(() => document.documentElement.dataset.presenter), '1');
    await page.keyboard.press('ArrowLeft');
    await region.getByText(w.step(STEPS - 1, STEPS), { exact: true }).waitFor();
    await page.waitForTimeout(800);
    await shot(page, `lesson-${lang}-presenter`);

    await page.keyboard.press('Escape');
    await region.waitFor({ state: 'detached' });
    assert.equal(await textbox.inputValue(), OWN, 'Escape restores the user’s own text');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.lessonPanel ?? null), null);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.presenter ?? null), null);
    assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource/.test(e)), [], 'the page logged errors');
  }, { timeout: 300_000 });
}

// ---- the lesson never hides what it points at (issue 14) ----

/** The box of the first element matching `selector`, in viewport px, or null. */
async function box(page, selector) {
  return page.evaluate((s) => {
    const el = document.querySelector(s);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  }, selector);
}

const overlaps = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Opens the lesson and walks to step `k` with its Next button (the mouse stays on the lesson). */
async function lessonAt(page, baseUrl, k) {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(baseUrl);
  await page.getByRole('button', { name: 'Lesson', exact: true }).click();
  const region = page.getByRole('region', { name: 'Lesson' });
  await region.waitFor();
  for (let i = 1; i < k; i++) {
    await region.getByRole('button', { name: 'Next' }).click();
    await region.getByText(`Step ${i + 1} of ${STEPS}`, { exact: true }).waitFor();
  }
  return region;
}

/** Waits for what step 7 lights (the [S] row of the mask) and for the scroll to it to settle. */
async function litSRow(page) {
  await page.locator('#panel-mask .mask-band-row.is-strong').waitFor();
  let last = null;
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(100);
    const now = await box(page, '#panel-mask .mask-band-row.is-strong');
    if (last && now && now.top === last.top) return now;
    last = now;
  }
  return last;
}

/** Whether any of the lesson's text is clipped: each note whole, the lesson scrollable when long. */
async function clippedNotes(page) {
  return page.evaluate(() => {
    const lesson = document.querySelector('.lesson');
    const cut = [];
    for (const el of lesson.querySelectorAll('.lesson-body, .lesson-step-title, .lesson-text, .lesson-lit, .lesson-confusion, .lesson-confusion p')) {
      if (el.scrollHeight > el.clientHeight + 1) cut.push(`${el.className}: ${el.scrollHeight} > ${el.clientHeight}`);
    }
    const scrolls = ['auto', 'scroll'].includes(getComputedStyle(lesson).overflowY);
    if (lesson.scrollHeight > lesson.clientHeight + 1 && !scrolls) cut.push('the lesson is longer than its box and does not scroll');
    // Scrolled to its end, the last note ends above the nav (sticky at the bottom), not under it.
    lesson.scrollTop = lesson.scrollHeight;
    const notes = lesson.querySelectorAll('.lesson-body > *');
    const lastNote = notes[notes.length - 1].getBoundingClientRect();
    const nav = lesson.querySelector('.lesson-nav').getBoundingClientRect();
    if (lastNote.bottom > nav.top + 1) cut.push(`the last note ends at ${lastNote.bottom}, under the nav at ${nav.top}`);
    lesson.scrollTop = 0;
    return cut;
  });
}

for (const [width, height] of [[1280, 800], [1920, 1080]]) {
  test(`lesson: docked beside the panels at ${width}×${height}, step 7's [S] row in view and step 6's notes whole`, async ({ page, baseUrl, consoleErrors }) => {
    await page.setViewportSize({ width, height });
    const region = await lessonAt(page, baseUrl, 7);
    assert.equal(await region.getAttribute('data-layout'), 'dock');
    const lesson = await box(page, '.lesson');
    assert.ok(lesson.left > width / 2 && Math.round(lesson.right) === width, `the lesson is a column at the right (${JSON.stringify(lesson)})`);
    assert.ok(lesson.top <= 0 && lesson.bottom >= height - 1, 'the column is the window’s height');
    // The panels reflow beside it: none reaches under it.
    const main = await box(page, '.app-main');
    assert.ok(main.right <= lesson.left + 1, `the panels end at ${main.right}, the lesson begins at ${lesson.left}`);

    const lit = await litSRow(page);
    assert.ok(lit, 'step 7 lights the [S] row');
    assert.ok(!overlaps(lit, lesson), `the lit row ${JSON.stringify(lit)} is not under the lesson ${JSON.stringify(lesson)}`);
    assert.ok(lit.top >= 0 && lit.bottom <= height && lit.left >= 0 && lit.right <= width, `the lit row is inside the window: ${JSON.stringify(lit)}`);
    await shot(page, `lesson-dock-${width}-7`);

    await region.getByRole('button', { name: 'Previous' }).click();
    await region.getByText(`Step 6 of ${STEPS}`, { exact: true }).waitFor();
    await page.waitForTimeout(300);
    assert.deepEqual(await clippedNotes(page), [], 'step 6’s notes are whole');
    await shot(page, `lesson-dock-${width}-6`);
    assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource/.test(e)), [], 'the page logged errors');
  }, { timeout: 120_000 });
}

test('lesson: a foldable bottom sheet at 900×800, the lit [S] row above it', async ({ page, baseUrl, consoleErrors }) => {
  await page.setViewportSize({ width: 900, height: 800 });
  const region = await lessonAt(page, baseUrl, 7);
  assert.equal(await region.getAttribute('data-layout'), 'sheet');
  const sheet = await box(page, '.lesson');
  assert.ok(sheet.bottom >= 799 && sheet.left <= 0 && sheet.right >= 899, 'the sheet spans the bottom of the window');
  assert.ok(sheet.bottom - sheet.top <= 0.35 * 800 + 1, `the sheet is at most 35% of the height (${sheet.bottom - sheet.top} px)`);
  const lit = await litSRow(page);
  assert.ok(lit && lit.top >= 0 && lit.bottom <= sheet.top, `the lit row ${JSON.stringify(lit)} is above the sheet at ${sheet.top}`);
  assert.deepEqual(await clippedNotes(page), [], 'step 7’s notes are whole (the sheet scrolls)');
  await shot(page, 'lesson-sheet-900-7');

  const fold = region.getByRole('button', { name: 'Notes' });
  assert.equal(await fold.getAttribute('aria-expanded'), 'true');
  await fold.click();
  assert.equal(await fold.getAttribute('aria-expanded'), 'false');
  assert.equal(await region.locator('.lesson-body').isVisible(), false, 'folded, the notes are hidden');
  const folded = await box(page, '.lesson');
  assert.ok(folded.bottom - folded.top < sheet.bottom - sheet.top, 'folded, the sheet is lower');
  assert.ok(await region.getByRole('button', { name: 'Next' }).isVisible(), 'folded, Next stays');
  await fold.press('Enter');
  assert.equal(await fold.getAttribute('aria-expanded'), 'true', 'the Notes button works from the keyboard');
  await shot(page, 'lesson-sheet-900-7-unfolded');
  assert.deepEqual(consoleErrors.filter((e) => !/Failed to load resource/.test(e)), [], 'the page logged errors');
}, { timeout: 120_000 });
