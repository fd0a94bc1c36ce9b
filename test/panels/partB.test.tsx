import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { PAPER_EXAMPLE, resetStore, store } from '../../src/store';
import { partATokens, partBSegments, renderPanels, tableRow } from './render';

beforeEach(() => resetStore({ ...PAPER_EXAMPLE }));

// Each step renders every pipeline panel; generous time for a busy machine.
describe('Part A and Part B panels', { timeout: 20_000 }, () => {
  it('show the paper example: masks in Part A, spans in shuffled order in Part B', () => {
    renderPanels();
    expect(partATokens()).toEqual(['x1', 'x2', '[MASK]', 'x4', '[MASK]']);
    expect(partBSegments()).toEqual(['[S] x5 x6 / x5 x6 [E]', '[S] x3 / x3 [E]']);
    expect(screen.getByText('order: 1, 0')).toBeInTheDocument();
  });

  it('names each mask token after the span it stands for', () => {
    renderPanels();
    expect(screen.getByTitle('mask for span 0: x3')).toHaveAccessibleName(
      '[MASK] 2, mask for span 0: x3',
    );
    expect(
      screen.getByRole('listitem', { name: '[MASK] 4, mask for span 1: x5 x6' }),
    ).toBeInTheDocument();
  });

  it('Move up / Move down reorder Part B, and the positions follow', async () => {
    const user = userEvent.setup({ delay: null });
    renderPanels();
    await user.click(screen.getByRole('button', { name: 'Move up: span 0 (x3)' }));
    expect(store.getState().order).toEqual([0, 1]);
    expect(partBSegments()).toEqual(['[S] x3 / x3 [E]', '[S] x5 x6 / x5 x6 [E]']);
    expect(screen.getByText('order: 0, 1')).toBeInTheDocument();
    // the spec's second order: position 0 1 2 3 4 2 2 4 4 4, block 0 0 0 0 0 1 2 1 2 3
    expect(tableRow('Position')).toEqual(['0', '1', '2', '3', '4', '2', '2', '4', '4', '4']);
    expect(tableRow('Block position')).toEqual(['0', '0', '0', '0', '0', '1', '2', '1', '2', '3']);
    await user.click(screen.getByRole('button', { name: 'Move down: span 0 (x3)' }));
    expect(store.getState().order).toEqual([1, 0]);
    // a disabled move does nothing (and keeps focus on the button)
    const up = screen.getByRole('button', { name: 'Move up: span 1 (x5 x6)' });
    expect(up).toHaveAttribute('aria-disabled', 'true');
    await user.click(up);
    expect(store.getState().order).toEqual([1, 0]);
  });

  it('Shuffle draws a new order from the next seed', async () => {
    const user = userEvent.setup({ delay: null });
    renderPanels();
    const seed = store.getState().seed;
    await user.click(screen.getByRole('button', { name: 'Shuffle' }));
    expect(store.getState().seed).toBe(seed + 1);
    expect([...store.getState().order].sort()).toEqual([0, 1]);
    expect(screen.getByText(`seed ${seed + 1}`)).toBeInTheDocument();
  });

  it('reorders by drag and drop', () => {
    renderPanels();
    const segs = screen
      .getByRole('list', { name: 'Part B segments, in order' })
      .querySelectorAll(':scope > li');
    const data = new Map<string, string>();
    const dataTransfer = {
      setData: (k: string, v: string) => data.set(k, v),
      getData: (k: string) => data.get(k) ?? '',
      effectAllowed: '',
      dropEffect: '',
    };
    fireDrag('dragStart', segs[1]!, dataTransfer);
    fireDrag('dragOver', segs[0]!, dataTransfer);
    fireDrag('drop', segs[0]!, dataTransfer);
    expect(store.getState().order).toEqual([0, 1]);
  });
});

function fireDrag(type: 'dragStart' | 'dragOver' | 'drop', el: Element, dataTransfer: object) {
  fireEvent[type](el, { dataTransfer });
}
