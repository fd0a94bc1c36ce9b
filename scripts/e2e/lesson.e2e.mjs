// The guided lesson, walked end to end in English and in Chinese with a screenshot per step
// (lesson-en-1.png … lesson-zh-9.png), then Escape giving the user's own text back.
// Needs the app to mount LessonButton, Lesson and LanguageSwitch (src/panels/Lesson).
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assert, test } from './lib.mjs';

// Viewport shots (not the fixture's full-page ones): the lesson is docked at the bottom of the
// window, and what a class sees is the window, the step's panel above the lesson.
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
