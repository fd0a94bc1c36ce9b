// Label in name (WCAG 2.5.3): a chip's accessible name starts with the text it shows, token and
// number ("cat 2, token 2, in span 0"), so speech input can reach it by what is on screen. Checked
// with axe's own rule (label-content-name-mismatch), run here in jsdom.
import { act, screen, within } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetStore, setBase, setLang } from '../../src/store';
import { renderPanels } from './render';

/** axe's label-content-name-mismatch over the document: the violating elements' names. */
async function labelMismatches(): Promise<string[]> {
  const r = await axe.run(document, {
    runOnly: { type: 'rule', values: ['label-content-name-mismatch'] },
  });
  expect(r.incomplete.filter((x) => x.error)).toEqual([]);
  return r.violations.flatMap((v) =>
    v.nodes.map((n) => n.html.match(/aria-label="([^"]*)"/)?.[1] ?? n.html),
  );
}

/** How many elements the rule checked and found good. */
async function labelPasses(): Promise<number> {
  const r = await axe.run(document, {
    runOnly: { type: 'rule', values: ['label-content-name-mismatch'] },
  });
  return r.passes.reduce((n, p) => n + p.nodes.length, 0);
}

beforeEach(() => {
  // jsdom has no canvas: axe's icon-font test only needs a context to exist when told (by a
  // zero occurrence threshold) to trust that the page's fonts draw letters, not icons.
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (
    this: HTMLCanvasElement,
  ) {
    return { canvas: this } as never;
  });
  axe.configure({
    checks: [{ id: 'label-content-name-mismatch', options: { occurrenceThreshold: 0 } }],
  });
  resetStore({
    tokenizer: 'words',
    text: 'the cat sat',
    cls: true,
    spans: [{ start: 2, end: 3 }],
    order: [0],
  });
});
afterEach(() => {
  axe.reset();
  vi.restoreAllMocks();
});

describe('token chip names', { timeout: 30_000 }, () => {
  it('start with the chip’s visible token and number, and stay descriptive', () => {
    renderPanels();
    const picker = screen.getByRole('listbox', { name: 'Tokens: choose spans' });
    expect(
      within(picker)
        .getAllByRole('option')
        .map((o) => o.getAttribute('aria-label')),
    ).toEqual([
      '[CLS] 0, token 0',
      'the 1, token 1',
      'cat 2, token 2, in span 0',
      'sat 3, token 3',
      '[EOS] 4, token 4',
    ]);
    const mask = screen.getByTitle('mask for span 0: cat');
    expect(mask).toHaveAccessibleName('[MASK] 2, mask for span 0: cat');
  });

  it('pass axe’s label-content-name-mismatch rule in both numberings and both languages', async () => {
    renderPanels();
    expect(await labelMismatches()).toEqual([]);
    expect(await labelPasses()).toBeGreaterThanOrEqual(5); // the five options were checked
    act(() => setBase(1));
    expect(screen.getByRole('option', { name: /^cat 3, token 3, in span 1$/ })).toBeInTheDocument();
    expect(await labelMismatches()).toEqual([]);
    act(() => setLang('zh'));
    expect(screen.getByRole('option', { name: /^cat 3，词元 3，属于片段 1$/ })).toBeInTheDocument();
    expect(await labelMismatches()).toEqual([]);
  });
});
