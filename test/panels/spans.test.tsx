import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetStore, store } from '../../src/store';
import { option, partATokens, partBSegments, renderPanels, tableRow } from './render';

// [CLS] the cat sat on the mat today [EOS]  (indices 0..8)
beforeEach(() =>
  resetStore({
    tokenizer: 'words',
    text: 'the cat sat on the mat today',
    cls: true,
    spans: [],
    order: [],
  }),
);

const status = () => screen.getByRole('status', { name: 'Messages' });

// Each step renders every pipeline panel; generous time for a busy machine.
describe('Spans panel', { timeout: 20_000 }, () => {
  it('clicking a chip makes a span, and Part A, Part B and the positions follow', async () => {
    const user = userEvent.setup({ delay: null });
    renderPanels();
    expect(screen.getByText(/No spans yet/)).toBeInTheDocument();
    await user.click(option('cat', 2));
    expect(store.getState().spans).toEqual([{ start: 2, end: 3 }]);
    expect(partATokens()).toEqual([
      '[CLS]',
      'the',
      '[MASK]',
      'sat',
      'on',
      'the',
      'mat',
      'today',
      '[EOS]',
    ]);
    expect(partBSegments()).toEqual(['[S] cat / cat [E]']);
    expect(tableRow('Token')).toEqual([
      '[CLS]',
      'the',
      '[MASK]',
      'sat',
      'on',
      'the',
      'mat',
      'today',
      '[EOS]',
      '[S]',
      'cat',
    ]);
    expect(tableRow('Position').slice(9)).toEqual(['2', '2']);
    expect(screen.getByRole('list', { name: 'Chosen spans' })).toHaveTextContent('cat');
  });

  it('dragging across chips makes one span', () => {
    renderPanels();
    fireEvent.pointerDown(option('the', 5), { button: 0, pointerId: 1 });
    fireEvent.pointerOver(option('mat', 6), { pointerId: 1 });
    expect(option('the', 5)).toHaveAttribute('aria-selected', 'true');
    expect(option('mat', 6)).toHaveAttribute('aria-selected', 'true');
    fireEvent.pointerUp(window, { pointerId: 1 });
    expect(store.getState().spans).toEqual([{ start: 5, end: 7 }]);
    expect(partBSegments()).toEqual(['[S] the mat / the mat [E]']);
  });

  it('shift-click extends the last span from its anchor', async () => {
    const user = userEvent.setup({ delay: null });
    renderPanels();
    await user.click(option('on', 4));
    await user.keyboard('{Shift>}');
    await user.click(option('mat', 6));
    await user.keyboard('{/Shift}');
    expect(store.getState().spans).toEqual([{ start: 4, end: 7 }]);
    expect(partBSegments()).toEqual(['[S] on the mat / on the mat [E]']);
    // and back again: the anchor stays where the span began
    await user.keyboard('{Shift>}');
    await user.click(option('the', 5));
    await user.keyboard('{/Shift}');
    expect(store.getState().spans).toEqual([{ start: 4, end: 6 }]);
  });

  it('keyboard: arrows move, Shift+arrows select, Enter adds, Delete removes', async () => {
    const user = userEvent.setup({ delay: null });
    renderPanels();
    const listbox = screen.getByRole('listbox', { name: 'Tokens: choose spans' });
    const tabbable = within(listbox)
      .getAllByRole('option')
      .filter((o) => o.tabIndex === 0);
    expect(tabbable).toHaveLength(1); // roving tabindex: one tab stop
    act(() => tabbable[0]!.focus());
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(option('cat', 2)).toHaveFocus();
    expect(option('cat', 2).tabIndex).toBe(0);
    await user.keyboard('{Shift>}{ArrowRight}{ArrowRight}{/Shift}');
    expect(option('cat', 2)).toHaveAttribute('aria-selected', 'true');
    expect(option('on', 4)).toHaveAttribute('aria-selected', 'true');
    await user.keyboard('{Enter}');
    expect(store.getState().spans).toEqual([{ start: 2, end: 5 }]);
    expect(option('on', 4)).toHaveAttribute('aria-selected', 'false');
    expect(option('on', 4)).toHaveAccessibleName(/in span 0/);
    // Space adds the focused token alone
    await user.keyboard('{ArrowRight}{ArrowRight}{ }');
    expect(store.getState().spans).toEqual([
      { start: 2, end: 5 },
      { start: 6, end: 7 },
    ]);
    await user.keyboard('{ArrowLeft}{ArrowLeft}{Delete}');
    expect(store.getState().spans).toEqual([{ start: 6, end: 7 }]);
  });

  it('refuses an overlapping span and says why, in a live region', async () => {
    const user = userEvent.setup({ delay: null });
    renderPanels();
    await user.click(option('cat', 2));
    await user.click(option('cat', 2));
    expect(store.getState().spans).toEqual([{ start: 2, end: 3 }]);
    expect(status()).toHaveAttribute('aria-live', 'polite');
    expect(status()).toHaveTextContent(/may not overlap/);
    await user.click(within(status()).getByRole('button', { name: /^Dismiss/ }));
    expect(status()).toBeEmptyDOMElement();
  });

  it('refuses [CLS] with a reason', async () => {
    const user = userEvent.setup({ delay: null });
    renderPanels();
    await user.click(option('[CLS]', 0));
    expect(store.getState().spans).toEqual([]);
    expect(status()).toHaveTextContent(/\[CLS\] is never masked/);
  });

  it('allows adjacent spans but flags them', async () => {
    const user = userEvent.setup({ delay: null });
    renderPanels();
    await user.click(option('cat', 2));
    await user.click(option('sat', 3));
    expect(store.getState().spans).toHaveLength(2);
    expect(screen.getAllByText(/touches span/)).toHaveLength(2);
    expect(status()).toHaveTextContent(/sampler always leaves/);
  });

  it('Remove buttons are named by their span and remove it', async () => {
    const user = userEvent.setup({ delay: null });
    renderPanels();
    await user.click(option('cat', 2));
    fireEvent.pointerDown(option('the', 5), { button: 0, pointerId: 1 });
    fireEvent.pointerOver(option('mat', 6), { pointerId: 1 });
    fireEvent.pointerUp(window, { pointerId: 1 });
    await user.click(screen.getByRole('button', { name: 'Remove span 1: the mat' }));
    expect(store.getState().spans).toEqual([{ start: 2, end: 3 }]);
    expect(partBSegments()).toEqual(['[S] cat / cat [E]']);
  });

  it('Sample draws spans with the seed; Clear removes them all', async () => {
    const user = userEvent.setup({ delay: null });
    resetStore({
      tokenizer: 'words',
      text: 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty',
      spans: [],
      order: [],
    });
    renderPanels();
    await user.click(screen.getByRole('button', { name: 'Sample' }));
    const first = store.getState().spans;
    expect(first.length).toBeGreaterThan(0);
    expect(partBSegments()).toHaveLength(first.length);
    await user.click(screen.getByRole('button', { name: 'Clear' }));
    expect(store.getState().spans).toEqual([]);
    expect(screen.getByText(/No spans yet/)).toBeInTheDocument();
  });

  it('each Sample press draws anew and shows its seed; typing a seed back reproduces its draw', async () => {
    const user = userEvent.setup({ delay: null });
    resetStore({
      tokenizer: 'words',
      text: 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty',
      spans: [],
      order: [],
      seed: 42,
    });
    renderPanels();
    const seedField = screen.getByLabelText('Seed');
    const sample = screen.getByRole('button', { name: 'Sample' });
    await user.click(sample);
    const first = { spans: store.getState().spans, segments: partBSegments() };
    const firstSeed = (seedField as HTMLInputElement).value;
    expect(first.spans.length).toBeGreaterThan(0);
    expect(firstSeed).toBe('42'); // an unused seed draws as it is
    await user.click(sample);
    const second = { spans: store.getState().spans, segments: partBSegments() };
    expect(seedField).not.toHaveValue(Number(firstSeed));
    expect(seedField).toHaveValue(store.getState().seed);
    expect(second).not.toEqual(first);
    // Typing the first seed back and pressing Sample draws exactly the first draw again.
    await user.clear(seedField);
    await user.type(seedField, firstSeed);
    await user.click(sample);
    expect(seedField).toHaveValue(Number(firstSeed));
    expect({ spans: store.getState().spans, segments: partBSegments() }).toEqual(first);
    // Enter in the seed field samples too; the focused field still shows the seed moving on.
    await user.clear(seedField);
    await user.type(seedField, `${firstSeed}{Enter}`);
    expect(store.getState().spans).toEqual(first.spans);
    await user.keyboard('{Enter}');
    expect(seedField).toHaveFocus();
    expect(seedField).toHaveValue(Number(firstSeed) + 1);
    expect(store.getState().spans).toEqual(second.spans);
  });

  it('the sampler form edits objective, λ, ratio and seed in the store', async () => {
    const user = userEvent.setup({ delay: null });
    renderPanels();
    await user.selectOptions(screen.getByLabelText('Objective'), 'sentence');
    expect(store.getState().objective).toBe('sentence');
    expect(screen.getByLabelText('λ (mean length)')).toBeDisabled();
    const seed = screen.getByLabelText('Seed');
    await user.clear(seed);
    await user.type(seed, '7');
    expect(store.getState().seed).toBe(7);
    const ratio = screen.getByLabelText('Mask ratio');
    await user.clear(ratio);
    await user.type(ratio, '0.3');
    expect(store.getState().sampler.ratio).toBe(0.3);
  });
});
