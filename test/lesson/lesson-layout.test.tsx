// The lesson beside or under the panels, never over what its step lights: docked on a wide window,
// a foldable bottom sheet on a narrow one, and each step scrolling its panel, or what it lights,
// into the part of the window the lesson leaves free.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { goToStep, resetLesson, startLesson } from '../../src/lesson/lessonStore';
import { LESSON_STEPS } from '../../src/lesson/steps';
import { Lesson } from '../../src/panels/Lesson';
import { resetStore } from '../../src/store';

const MASK = LESSON_STEPS.findIndex((s) => s.id === 'mask');
const POSITIONS = LESSON_STEPS.findIndex((s) => s.id === 'positions');

/** Boxes (viewport px) the fake page reports: by data-box="top,bottom", the lesson by its own. */
let sheetTop = 568;
function boxOf(el: Element): DOMRect {
  const b = (el as HTMLElement).dataset?.box;
  let top = 0;
  let bottom = 0;
  if (b) [top, bottom] = b.split(',').map(Number) as [number, number];
  else if (el.classList.contains('lesson')) [top, bottom] = [sheetTop, 768];
  return { top, bottom, left: 0, right: 100, width: 100, height: bottom - top, x: 0, y: top, toJSON: () => ({}) } as DOMRect;
}

/** Stand-ins for the step panels: a tall mask panel whose lit [S] row is far down, a short positions panel. */
function Page({ litTop }: { litTop: number }) {
  return (
    <>
      <section id="panel-positions" className="panel" data-box="0,400">
        <table>
          <tbody>
            <tr>
              <td className="is-lit" data-box="100,130" />
            </tr>
          </tbody>
        </table>
      </section>
      <section id="panel-mask" className="panel" data-box="0,900">
        <div className="is-lit" data-box="50,80" />
        <div className="mask-band mask-band-row is-strong" data-box={`${litTop},${litTop + 28}`} />
      </section>
      <Lesson />
    </>
  );
}

function setWidth(width: number) {
  act(() => {
    Object.defineProperty(window, 'innerWidth', { configurable: true, value: width });
    window.dispatchEvent(new Event('resize'));
  });
}

const scrolled = vi.fn<(this: Element, arg?: boolean | ScrollIntoViewOptions) => void>();

beforeEach(() => {
  resetStore();
  resetLesson();
  sheetTop = 568;
  scrolled.mockReset();
  Element.prototype.scrollIntoView = function (this: Element, arg?: boolean | ScrollIntoViewOptions) {
    scrolled.call(this, arg);
  };
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    return boxOf(this);
  });
  Object.defineProperty(window, 'innerHeight', { configurable: true, value: 768 });
});

afterEach(() => {
  vi.restoreAllMocks();
  // @ts-expect-error jsdom has none; the test put one there
  delete window.matchMedia;
  act(() => resetLesson());
});

/** The element scrollIntoView was last called on, and how. */
function lastScroll() {
  const call = scrolled.mock.calls.at(-1);
  return call ? { el: scrolled.mock.contexts.at(-1) as Element, opts: call[0] as ScrollIntoViewOptions } : null;
}

describe('the lesson’s layout', { timeout: 30_000 }, () => {
  it('docks beside the panels at 1280 px and is a bottom sheet at 900 px, following a resize', () => {
    setWidth(1280);
    render(<Page litTop={300} />);
    act(() => startLesson('paper'));
    const region = screen.getByRole('region', { name: 'Lesson' });
    expect(region).toHaveAttribute('data-layout', 'dock');
    expect(document.documentElement.dataset.lessonLayout).toBe('dock');
    expect(within(region).queryByRole('button', { name: /Notes/ })).toBeNull();
    setWidth(900);
    expect(region).toHaveAttribute('data-layout', 'sheet');
    expect(document.documentElement.dataset.lessonLayout).toBe('sheet');
    // The page leaves the sheet's height free under the panels.
    expect(document.documentElement.style.getPropertyValue('--lesson-sheet-h')).toBe('200px');
  });

  it('clears its marks on <html> when it ends', () => {
    setWidth(900);
    render(<Page litTop={300} />);
    act(() => startLesson('paper'));
    act(() => resetLesson());
    expect(document.documentElement.dataset.lessonLayout).toBeUndefined();
    expect(document.documentElement.style.getPropertyValue('--lesson-sheet-h')).toBe('');
  });

  it('as a sheet folds its notes away and back with the Notes button, keeping Previous and Next', () => {
    setWidth(900);
    render(<Page litTop={300} />);
    act(() => startLesson('paper'));
    const region = screen.getByRole('region', { name: 'Lesson' });
    const fold = within(region).getByRole('button', { name: /Notes/ });
    expect(fold).toHaveAttribute('aria-expanded', 'true');
    const body = document.getElementById(fold.getAttribute('aria-controls')!)!;
    expect(body).toBeVisible();
    expect(within(body).getByText(/plain text split into tokens/)).toBeInTheDocument();
    fireEvent.click(fold);
    expect(fold).toHaveAttribute('aria-expanded', 'false');
    expect(body).not.toBeVisible();
    expect(within(region).getByRole('button', { name: 'Next' })).toBeVisible();
    fireEvent.click(fold);
    expect(fold).toHaveAttribute('aria-expanded', 'true');
    expect(body).toBeVisible();
  });
});

describe('a step brings what it lights into view', { timeout: 30_000 }, () => {
  it('centres the mask’s lit [S] row when it lies below the window, smoothly', async () => {
    setWidth(1280);
    render(<Page litTop={820} />);
    act(() => startLesson('paper'));
    act(() => goToStep(MASK));
    await waitFor(() => expect(lastScroll()?.el.classList.contains('mask-band-row')).toBe(true));
    expect(lastScroll()!.opts).toMatchObject({ block: 'center', behavior: 'smooth' });
  });

  it('shows a panel from its top when what it lights fits under its title', async () => {
    setWidth(1280);
    render(<Page litTop={820} />);
    act(() => startLesson('paper'));
    act(() => goToStep(POSITIONS));
    await waitFor(() => expect(lastScroll()?.el.id).toBe('panel-positions'));
    expect(lastScroll()!.opts).toMatchObject({ block: 'start' });
  });

  it('counts the sheet: the same row that fits beside a docked lesson is centred above a sheet', async () => {
    // Row ends at 628: inside a 768 px window, but under a sheet from 568 px.
    setWidth(1280);
    const { unmount } = render(<Page litTop={600} />);
    act(() => startLesson('paper'));
    act(() => goToStep(MASK));
    await waitFor(() => expect(lastScroll()?.el.id).toBe('panel-mask'));
    unmount();
    act(() => resetLesson());
    scrolled.mockReset();
    setWidth(900);
    render(<Page litTop={600} />);
    act(() => startLesson('paper'));
    act(() => goToStep(MASK));
    await waitFor(() => expect(lastScroll()?.el.classList.contains('mask-band-row')).toBe(true));
    expect(lastScroll()!.opts).toMatchObject({ block: 'center' });
  });

  it('jumps without animation when the user prefers reduced motion', async () => {
    window.matchMedia = ((q: string) => ({ matches: q.includes('reduce'), media: q, addEventListener() {}, removeEventListener() {} })) as unknown as typeof window.matchMedia;
    setWidth(1280);
    render(<Page litTop={820} />);
    act(() => startLesson('paper'));
    act(() => goToStep(MASK));
    await waitFor(() => expect(lastScroll()?.el.classList.contains('mask-band-row')).toBe(true));
    expect(lastScroll()!.opts.behavior).toBe('auto');
  });
});
