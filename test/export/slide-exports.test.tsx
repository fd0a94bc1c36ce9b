// Slide-ready exports: the Export menu grouped with Figure 2 first, Figure 2 as a 16:9 slide or in
// portrait and light whatever the page's theme, panel pictures without their chrome and cropped to
// their content, and the Attention mask drawn as a native SVG.
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { elementToSvg, svgSize } from '../../src/export';
import { translate, type MessageKey } from '../../src/i18n';
import { ExportMenu } from '../../src/panels/Export';
import { currentFigure2, currentMaskSvg } from '../../src/panels/Export/figure';
import { PAPER_EXAMPLE, resetStore } from '../../src/store';

const t = (key: MessageKey, vars?: Record<string, string | number>) => translate('en', key, vars);
/** The full-size background rect every export starts with, and its colour. */
const background = (svg: string) => /<rect width="100%" height="100%" fill="([^"]+)"\/>/.exec(svg)?.[1];

/** Captures what `download` hands to the browser. */
function captureDownloads() {
  const saved: { name: string; blob: Blob }[] = [];
  const blobs = new Map<string, Blob>();
  let n = 0;
  vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
    const url = `blob:test/${n++}`;
    blobs.set(url, b as Blob);
    return url;
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ name: this.download, blob: blobs.get(this.href)! });
  });
  return saved;
}

function renderWithPanels() {
  return render(
    <>
      <ExportMenu />
      <section id="panel-text" aria-labelledby="panel-text-title">
        <h2 id="panel-text-title">Text and tokens</h2>
      </section>
      <section id="panel-mask" aria-labelledby="panel-mask-title">
        <h2 id="panel-mask-title">Attention mask</h2>
      </section>
    </>,
  );
}

beforeEach(() => resetStore({ ...PAPER_EXAMPLE, theme: 'dark', lang: 'en' }));
afterEach(() => vi.restoreAllMocks());

describe('Figure 2 for slides', () => {
  it('is light by default even when the page is dark, and follows the theme when asked', () => {
    const light = currentFigure2(t)!;
    expect(background(light)).toBe('#ffffff');
    expect(light).not.toContain('#0e1116');
    expect(background(currentFigure2(t, { layout: 'slide' })!)).toBe('#ffffff');
    expect(background(currentFigure2(t, { colours: 'theme' })!)).toBe('#0e1116');
    resetStore({ ...PAPER_EXAMPLE, theme: 'light', lang: 'en' });
    expect(background(currentFigure2(t, { colours: 'theme' })!)).toBe('#ffffff');
  });

  it('comes as a 16:9 slide and in portrait', () => {
    const slide = svgSize(currentFigure2(t, { layout: 'slide' })!);
    expect(slide).toEqual({ width: 1920, height: 1080 });
    expect(slide.width / slide.height).toBe(16 / 9);
    const portrait = svgSize(currentFigure2(t, { layout: 'portrait' })!);
    expect(portrait.height).toBeGreaterThan(portrait.width);
  });
});

describe('the Export menu', { timeout: 30_000 }, () => {
  it('is grouped, Figure 2 first, and opens on the slide', async () => {
    const user = userEvent.setup();
    renderWithPanels();
    screen.getByRole('button', { name: 'Export' }).focus();
    await user.keyboard('{ArrowDown}');
    const menu = screen.getByRole('menu', { name: 'Export' });
    const groups = within(menu).getAllByRole('group');
    expect(groups.map((g) => g.getAttribute('aria-label'))).toEqual(['Figure 2', 'PNG of a panel', 'SVG of a panel', 'Batch and link']);
    expect(within(groups[0]!).getAllByRole('menuitem').map((m) => m.textContent)).toEqual([
      'Figure 2 (16:9 slide, PNG)',
      'Figure 2 (16:9 slide, SVG)',
      'Figure 2 (portrait, PNG)',
      'Figure 2 (portrait, SVG)',
      'Preview Figure 2…',
    ]);
    expect(within(groups[1]!).getAllByRole('menuitem').map((m) => m.textContent)).toEqual(['PNG: Text and tokens', 'PNG: Attention mask']);
    // Every item is in a group; the first one has focus and is the menu's tab stop.
    expect(within(menu).getAllByRole('menuitem')).toHaveLength(groups.reduce((n, g) => n + within(g).getAllByRole('menuitem').length, 0));
    expect(document.activeElement).toHaveTextContent('Figure 2 (16:9 slide, PNG)');
    expect(document.activeElement).toHaveAttribute('tabindex', '0');
    await user.keyboard('{End}');
    expect(document.activeElement).toHaveTextContent('Copy link');
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toHaveTextContent('Figure 2 (16:9 slide, PNG)');
  });

  it('saves the slide as a light 1920 × 1080 SVG from the keyboard, in the dark theme', async () => {
    const saved = captureDownloads();
    const user = userEvent.setup();
    renderWithPanels();
    screen.getByRole('button', { name: 'Export' }).focus();
    await user.keyboard('{Enter}{ArrowDown}{Enter}');
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]!.name).toBe('glm-figure2-slide.svg');
    const svg = await saved[0]!.blob.text();
    expect(svgSize(svg)).toEqual({ width: 1920, height: 1080 });
    expect(background(svg)).toBe('#ffffff');
  });

  it('saves the portrait SVG under its old file name', async () => {
    const saved = captureDownloads();
    const user = userEvent.setup();
    renderWithPanels();
    await user.click(screen.getByRole('button', { name: 'Export' }));
    await user.click(screen.getByRole('menuitem', { name: 'Figure 2 (portrait, SVG)' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]!.name).toBe('glm-figure2.svg');
  });

  it('saves the Attention mask panel as a native SVG: a rect per cell, no HTML inside', async () => {
    const saved = captureDownloads();
    const user = userEvent.setup();
    renderWithPanels();
    await user.click(screen.getByRole('button', { name: 'Export' }));
    await user.click(screen.getByRole('menuitem', { name: 'SVG: Attention mask' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0]!.name).toBe('glm-mask.svg');
    const svg = await saved[0]!.blob.text();
    expect(svg).not.toContain('foreignObject');
    expect(svg.match(/<rect class="[vmf]"/g)).toHaveLength(100);
    expect(svg.length).toBeLessThan(100_000);
    expect(svg).toBe(currentMaskSvg(t)); // the page's theme and numbering
  });
});

describe('the Figure 2 preview', { timeout: 30_000 }, () => {
  it('shows the slide, then portrait, and the page’s colours when asked', async () => {
    const user = userEvent.setup();
    renderWithPanels();
    await user.click(screen.getByRole('button', { name: 'Export' }));
    await user.click(screen.getByRole('menuitem', { name: 'Preview Figure 2…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Figure 2, on your text' });
    const img = () => dialog.querySelector('img')!;
    const shown = () => decodeURIComponent(img().getAttribute('src')!.replace(/^data:image\/svg\+xml;charset=utf-8,/, ''));
    expect(within(dialog).getByRole('radio', { name: '16:9 slide' })).toBeChecked();
    expect(svgSize(shown())).toEqual({ width: 1920, height: 1080 });
    expect(background(shown())).toBe('#ffffff');
    await user.click(within(dialog).getByRole('radio', { name: 'Portrait' }));
    expect(svgSize(shown()).height).toBeGreaterThan(svgSize(shown()).width);
    await user.click(within(dialog).getByRole('checkbox', { name: /page’s theme colours/ }));
    expect(background(shown())).toBe('#0e1116');
    expect(img()).toHaveAccessibleName(/\(d\) the attention mask/);
    await act(async () => user.click(within(dialog).getByRole('button', { name: 'Close' })));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('panel pictures', () => {
  function panel() {
    document.body.innerHTML = `
      <section id="panel-x" aria-label="A panel" style="background-color: rgb(10, 20, 30)">
        <h2>A panel</h2>
        <p>Content stays.</p>
        <div class="panel-actions"><button class="button" type="button">Shuffle</button></div>
        <label for="seed">Seed</label><input id="seed" value="42">
        <p class="field-hint">Hint about the controls.</p>
        <p data-export="skip">Hover or focus a cell.</p>
        <div class="box" style="background-color: rgb(200, 0, 0)">Drawn box</div>
        <textarea>the text typed</textarea>
        <button class="quiz-cell" type="button">cell</button>
      </section>`;
    return document.getElementById('panel-x')!;
  }

  it('leave out buttons, form fields and hints, and keep the rest', () => {
    const svg = elementToSvg(panel());
    for (const gone of ['Shuffle', 'Seed', 'value="42"', 'Hint about the controls', 'Hover or focus', 'the text typed', '<textarea'])
      expect(svg, gone).not.toContain(gone);
    for (const kept of ['Content stays.', 'Drawn box', 'A panel']) expect(svg).toContain(kept);
    expect(svg).toContain('>cell</button>'); // a button that is not styled as a control is content
    expect(document.querySelector('[data-exporting]')).toBeNull(); // the page is left as it was
    expect(document.querySelectorAll('iframe, style')).toHaveLength(0);
  });

  it('write styles once, as classes in one style block', () => {
    const svg = elementToSvg(panel());
    expect(svg.match(/<style>/g)).toHaveLength(1);
    // Inside the panel (the wrapper that shifts it by the crop is ours): classes, no inline styles.
    const inside = svg.slice(svg.indexOf('<section'));
    expect(inside).not.toContain(' style="');
    expect(inside).toMatch(/<section [^>]*class="s\d+ export-root"/);
  });

  it('are cropped to their content, with 16 px around it', () => {
    const el = panel();
    const box = el.querySelector<HTMLElement>('.box')!;
    const rect = (left: number, top: number, width: number, height: number) =>
      ({ left, top, width, height, right: left + width, bottom: top + height, x: left, y: top, toJSON: () => ({}) }) as DOMRect;
    vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
      if (this === el) return rect(100, 50, 1000, 400);
      if (this === box) return rect(120, 70, 300, 200); // the only thing painted
      return rect(0, 0, 0, 0);
    });
    // Text has no boxes here (no layout): the content is the drawn box, 20..320 × 20..220 in the panel.
    const { width, height } = svgSize(elementToSvg(el));
    expect({ width, height }).toEqual({ width: 300 + 2 * 16, height: 200 + 2 * 16 });
    expect(elementToSvg(el)).toContain('margin:-4px 0 0 -4px');
  });
});
