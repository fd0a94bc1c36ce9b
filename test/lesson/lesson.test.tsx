// The guided lesson as a user meets it: the button starts it on the paper's example, "Step k of n",
// Next and the arrow keys move, Escape leaves and gives the user's own text back.
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { lessonStore, resetLesson } from '../../src/lesson/lessonStore';
import { LESSON_STEPS, visibilityCell } from '../../src/lesson/steps';
import { Lesson, LessonButton, LanguageSwitch } from '../../src/panels/Lesson';
import { TextPanel } from '../../src/panels/Text/TextPanel';
import { currentDerived, resetStore, setText, store } from '../../src/store';

const n = LESSON_STEPS.length;
const OWN = 'my own words about infilling';

function renderLesson() {
  return render(
    <>
      <LessonButton />
      <LanguageSwitch />
      <TextPanel />
      <Lesson />
    </>,
  );
}

beforeEach(() => {
  resetStore({ text: OWN, spans: [{ start: 2, end: 3 }], order: [0] });
  resetLesson();
});

// Role queries are slow in jsdom on a loaded machine: give each test room.
describe('the lesson', { timeout: 30_000 }, () => {
  it('starts on the paper’s example at "Step 1 of n"', async () => {
    renderLesson();
    expect(screen.queryByRole('region', { name: 'Lesson' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Lesson' }));
    const region = screen.getByRole('region', { name: 'Lesson' });
    expect(within(region).getByText(`Step 1 of ${n}`)).toBeInTheDocument();
    expect(store.getState().text).toBe('x1 x2 x3 x4 x5 x6');
    expect(document.documentElement.dataset.lessonPanel).toBe('text');
  });

  it('moves with Next, ArrowRight, Space and ArrowLeft, and stops at the ends', async () => {
    renderLesson();
    await userEvent.click(screen.getByRole('button', { name: 'Lesson' }));
    const region = screen.getByRole('region', { name: 'Lesson' });
    expect(within(region).getByRole('button', { name: 'Previous' })).toBeDisabled();
    await userEvent.click(within(region).getByRole('button', { name: 'Next' }));
    expect(within(region).getByText(`Step 2 of ${n}`)).toBeInTheDocument();
    fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    expect(within(region).getByText(`Step 3 of ${n}`)).toBeInTheDocument();
    expect(document.documentElement.dataset.lessonPanel).toBe('part-a');
    fireEvent.keyDown(document.body, { key: ' ' });
    expect(within(region).getByText(`Step 4 of ${n}`)).toBeInTheDocument();
    fireEvent.keyDown(document.body, { key: 'ArrowLeft' });
    expect(within(region).getByText(`Step 3 of ${n}`)).toBeInTheDocument();
    for (let i = 0; i < n + 2; i++) fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    expect(within(region).getByText(`Step ${n} of ${n}`)).toBeInTheDocument();
    expect(within(region).getByRole('button', { name: 'Finish' })).toBeInTheDocument();
  });

  it('leaves the arrow keys to text fields', async () => {
    renderLesson();
    await userEvent.click(screen.getByRole('button', { name: 'Lesson' }));
    fireEvent.keyDown(screen.getByRole('textbox', { name: 'Text' }), { key: 'ArrowRight' });
    expect(screen.getByText(`Step 1 of ${n}`)).toBeInTheDocument();
  });

  it('Escape leaves and restores the user’s text, spans and order', async () => {
    renderLesson();
    const before = { text: store.getState().text, spans: store.getState().spans, order: store.getState().order };
    await userEvent.click(screen.getByRole('button', { name: 'Lesson' }));
    fireEvent.keyDown(document.body, { key: 'ArrowRight' });
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(screen.queryByRole('region', { name: 'Lesson' })).toBeNull();
    const s = store.getState();
    expect({ text: s.text, spans: s.spans, order: s.order }).toEqual(before);
    expect(screen.getByRole('textbox', { name: 'Text' })).toHaveValue(OWN);
    expect(document.documentElement.dataset.lessonPanel).toBeUndefined();
  });

  it('follows the user’s own text when asked, sampling spans if there are none', async () => {
    resetStore({ text: OWN, spans: [], order: [] });
    renderLesson();
    await userEvent.click(screen.getByRole('button', { name: 'Lesson' }));
    await userEvent.click(screen.getByRole('radio', { name: 'My own text' }));
    expect(store.getState().text).toBe(OWN);
    expect(store.getState().spans.length).toBeGreaterThan(0);
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(store.getState().spans).toEqual([]);
  });

  it('answers "can x3 see x5 x6?" at the mask step, lighting the cell that shows it', async () => {
    renderLesson();
    await userEvent.click(screen.getByRole('button', { name: 'Lesson' }));
    act(() => lessonStore.setState({ step: LESSON_STEPS.findIndex((s) => s.id === 'mask') }));
    const region = screen.getByRole('region', { name: 'Lesson' });
    expect(region).toHaveTextContent('Can x3 see x5 x6? It depends on the shuffled order');
    expect(region).toHaveTextContent('Lit: the [S] of “x3” (place 2 in Part B) looking at “x5 x6” (place 1)');
    // Part B order (x5 x6, x3): x3's [S] is at 8, x5 at 6.
    expect(visibilityCell(currentDerived().construction)).toMatchObject({ q: 8, k: 6 });
    expect(store.getState().pointer).toEqual({ kind: 'cell', q: 8, k: 6 });
  });

  it('answers the position questions at the positions step', async () => {
    renderLesson();
    await userEvent.click(screen.getByRole('button', { name: 'Lesson' }));
    act(() => lessonStore.setState({ step: LESSON_STEPS.findIndex((s) => s.id === 'positions') }));
    const region = screen.getByRole('region', { name: 'Lesson' });
    expect(region).toHaveTextContent('a span of length ℓ has 1 … ℓ+1');
    expect(region).toHaveTextContent('The code counts from 0, the paper’s Figure 2 from 1');
    expect(region).toHaveTextContent('never told a span’s length in advance');
  });

  it('toggles the presenter view on <html>', async () => {
    renderLesson();
    await userEvent.click(screen.getByRole('button', { name: 'Lesson' }));
    const toggle = screen.getByRole('button', { name: 'Presenter view' });
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    expect(document.documentElement.dataset.presenter).toBe('1');
    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(document.documentElement.dataset.presenter).toBeUndefined();
  });

  it('speaks Chinese, names included', async () => {
    renderLesson();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Language' }), 'zh');
    expect(store.getState().lang).toBe('zh');
    await userEvent.click(screen.getByRole('button', { name: '课程' }));
    const region = screen.getByRole('region', { name: '课程' });
    expect(within(region).getByText(`第 1 步，共 ${n} 步`)).toBeInTheDocument();
    expect(within(region).getByRole('button', { name: '下一步' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: /Language/ })).toHaveValue('zh');
  });

  it('notes that CJK text is one token per character', () => {
    renderLesson();
    expect(screen.queryByRole('note')).toBeNull();
    act(() => setText('GLM 能填空'));
    expect(screen.getByRole('note')).toHaveTextContent('each one becomes a token of its own');
  });
});
