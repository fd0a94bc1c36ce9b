// Presentation mode as a presenter meets it: the Present button or F enters (full screen where the
// browser allows it, the whole window otherwise), the arrows and Page Up/Down (clickers) move
// between the six stages and each stage's name is announced, Escape leaves; a running lesson
// leads the stage. The stage's CSS is checked in the browser (scripts/e2e/present.e2e.mjs).
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Presentation, PresentButton } from '../../src/app/present/Presentation';
import { presentStore, resetPresent, STAGES, stageOfPanel } from '../../src/app/present/presentStore';
import { largestFitting, stageFontRange } from '../../src/app/present/useStageFit';
import { rowsFor } from '../../src/app/ui/useMasonry';
import { goToStep, resetLesson, startLesson } from '../../src/lesson/lessonStore';
import { LESSON_STEPS } from '../../src/lesson/steps';
import { resetStore } from '../../src/store';

const root = document.documentElement;
const announced = () => document.querySelector('[data-present-announce]')?.textContent;
const key = (k: string, target: Element = document.body) => fireEvent.keyDown(target, { key: k });

function renderPresent() {
  return render(
    <>
      <PresentButton />
      <input aria-label="Some field" />
      <Presentation />
    </>,
  );
}

beforeEach(() => {
  resetStore();
  resetPresent();
  resetLesson();
});
afterEach(() => {
  resetPresent();
  resetLesson();
  delete (root as Partial<HTMLElement>).requestFullscreen;
  vi.restoreAllMocks();
});

describe('presentation mode', { timeout: 30_000 }, () => {
  it('enters with the Present button and leaves with Escape', async () => {
    renderPresent();
    expect(root.dataset.present).toBeUndefined();
    await userEvent.click(screen.getByRole('button', { name: 'Present' }));
    expect(root.dataset.present).toBe('text');
    const bar = screen.getByRole('region', { name: 'Presentation' });
    expect(within(bar).getByText('1 / 6')).toBeInTheDocument();
    expect(within(bar).getByText('Text and spans')).toBeInTheDocument();
    expect(announced()).toBe('Stage 1 of 6: Text and spans');
    expect(bar).toHaveFocus();
    key('Escape');
    expect(root.dataset.present).toBeUndefined();
    expect(screen.queryByRole('region', { name: 'Presentation' })).toBeNull();
    expect(announced()).toBe('');
    expect(screen.getByRole('button', { name: 'Present' })).toHaveFocus();
  });

  it('toggles with F, but not while typing', () => {
    renderPresent();
    key('f', screen.getByRole('textbox', { name: 'Some field' }));
    expect(presentStore.getState().active).toBe(false);
    key('F');
    expect(presentStore.getState().active).toBe(true);
    key('f');
    expect(presentStore.getState().active).toBe(false);
  });

  it('moves through the six stages with the arrows and Page Up / Page Down, announcing each', () => {
    renderPresent();
    key('f');
    const ids: string[] = [root.dataset.present!];
    const names: string[] = [announced()!];
    for (const k of ['ArrowRight', 'PageDown', 'ArrowRight', 'PageDown', 'ArrowRight']) {
      key(k);
      ids.push(root.dataset.present!);
      names.push(announced()!);
    }
    expect(ids).toEqual(['text', 'parts', 'positions', 'mask', 'model', 'pretrain']);
    expect(names[3]).toBe('Stage 4 of 6: Attention mask');
    expect(names[5]).toBe('Stage 6 of 6: Pre-training');
    key('ArrowRight'); // stays at the last stage
    expect(root.dataset.present).toBe('pretrain');
    expect(screen.getByRole('button', { name: 'Next' })).toBeDisabled();
    key('PageUp');
    key('ArrowLeft');
    expect(root.dataset.present).toBe('mask');
    // The arrows keep their own meaning in a text field (and in the mask's grid).
    key('ArrowLeft', screen.getByRole('textbox', { name: 'Some field' }));
    expect(root.dataset.present).toBe('mask');
  });

  it('moves with the bar’s buttons too', async () => {
    renderPresent();
    key('f');
    const bar = screen.getByRole('region', { name: 'Presentation' });
    expect(within(bar).getByRole('button', { name: 'Previous' })).toBeDisabled();
    await userEvent.click(within(bar).getByRole('button', { name: 'Next' }));
    expect(root.dataset.present).toBe('parts');
    await userEvent.click(within(bar).getByRole('button', { name: 'Leave' }));
    expect(root.dataset.present).toBeUndefined();
  });

  it('asks for the browser’s full screen, and leaves when the browser’s full screen ends', async () => {
    const request = vi.fn(() => {
      Object.defineProperty(document, 'fullscreenElement', { value: root, configurable: true });
      return Promise.resolve();
    });
    root.requestFullscreen = request as unknown as HTMLElement['requestFullscreen'];
    renderPresent();
    await act(async () => key('f'));
    expect(request).toHaveBeenCalledTimes(1);
    expect(presentStore.getState().fullscreen).toBe(true);
    // The browser's own Escape leaves full screen without a keydown reaching the page.
    Object.defineProperty(document, 'fullscreenElement', { value: null, configurable: true });
    act(() => {
      document.dispatchEvent(new Event('fullscreenchange'));
    });
    expect(presentStore.getState().active).toBe(false);
  });

  it('falls back to the whole window where full screen is not available', async () => {
    expect(root.requestFullscreen).toBeUndefined(); // jsdom has none
    renderPresent();
    await act(async () => key('f'));
    expect(presentStore.getState()).toMatchObject({ active: true, fullscreen: false });
    expect(root.dataset.present).toBe('text');
  });

  it('follows a running lesson: the keys move the lesson and the stage shows its panel', () => {
    renderPresent();
    act(() => startLesson('paper'));
    const mask = LESSON_STEPS.findIndex((s) => s.panel === 'mask');
    act(() => goToStep(mask));
    key('f');
    expect(root.dataset.present).toBe('mask');
    key('ArrowRight');
    expect(root.dataset.present).toBe(STAGES[stageOfPanel(LESSON_STEPS[mask + 1]!.panel)]!.id);
    key('ArrowLeft');
    expect(root.dataset.present).toBe('mask');
  });
});

describe('fitting a stage', () => {
  it('finds the largest size that fits', () => {
    expect(largestFitting(16, 64, (px) => px <= 37)).toBe(37);
    expect(largestFitting(16, 64, () => true)).toBe(64);
    expect(largestFitting(16, 64, () => false)).toBe(16);
  });

  it('sizes type from the window’s height', () => {
    expect(stageFontRange(1080)).toEqual({ min: 22, max: 60 });
    expect(stageFontRange(800).min).toBeGreaterThanOrEqual(16);
    expect(stageFontRange(2160).max).toBe(72);
  });

  it('names stages (a)–(f) and maps each lesson panel to its stage', () => {
    expect(STAGES.map((s) => s.id)).toEqual(['text', 'parts', 'positions', 'mask', 'model', 'pretrain']);
    expect(stageOfPanel('spans')).toBe(0);
    expect(stageOfPanel('part-b')).toBe(1);
    expect(stageOfPanel('mask')).toBe(3);
  });
});

describe('packing the panels', () => {
  it('spans as many 4 px rows as a panel’s height and margin need', () => {
    expect(rowsFor(400, 16)).toBe(104);
    expect(rowsFor(401, 16)).toBe(105);
    expect(rowsFor(0, 0)).toBe(1);
  });
});
