// The permutation explorer: k! rows, cells that match spansSeen, and "Use this order".
import { fireEvent, render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { allOrders, spansSeen } from '../../src/glm';
import { applySubOrder } from '../../src/panels/Explorer/explore';
import { ExplorerPanel } from '../../src/panels/Explorer/ExplorerPanel';
import { PAPER_EXAMPLE, resetStore, store } from '../../src/store';

vi.setConfig({ testTimeout: 30_000 });

const THREE = {
  text: 'the cat sat on the mat while the dog slept by the door',
  cls: true,
  spans: [
    { start: 2, end: 3 },
    { start: 5, end: 7 },
    { start: 9, end: 11 },
  ],
  order: [2, 0, 1],
};

const bodyRows = () => [...document.querySelectorAll('.xp-table tbody tr')] as HTMLElement[];

describe('ExplorerPanel', () => {
  beforeEach(() => resetStore(THREE));

  it('lists all 3! orders with the spans each span sees', () => {
    render(<ExplorerPanel />);
    const rows = bodyRows();
    expect(rows).toHaveLength(6);
    const orders = allOrders(3);
    rows.forEach((row, r) => {
      const sees = spansSeen(orders[r]!);
      const cells = [...row.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent);
      expect(cells).toEqual(sees.map((s) => (s.length ? `sees ${s.join(', ')}` : '—')));
    });
    const current = rows.filter((r) => r.getAttribute('aria-current') === 'true');
    expect(current).toHaveLength(1);
    expect(within(current[0]!).getByText('current')).toBeInTheDocument();
    expect(rows.indexOf(current[0]!)).toBe(orders.findIndex((o) => o.join() === '2,0,1'));
  });

  it('makes a row the current order', () => {
    render(<ExplorerPanel />);
    fireEvent.click(screen.getByRole('button', { name: 'Use the order 0 (cat) → 1 (the mat) → 2 (dog slept)' }));
    expect(store.getState().order).toEqual([0, 1, 2]);
  });

  it('answers "Can x3 see x5 x6?" for the paper’s example', () => {
    resetStore({ ...PAPER_EXAMPLE });
    render(<ExplorerPanel />);
    expect(screen.getByText('Can “x3” see “x5 x6”?')).toBeInTheDocument();
    expect(screen.getByText(/It depends on the order/)).toHaveTextContent('in 1 of the 2 orders below. In the current order it can.');
  });

  it('keeps the other spans in place when only the first five are explored', () => {
    expect(applySubOrder([5, 3, 1, 0, 2, 4], [0, 1, 2, 3, 4], 5)).toEqual([5, 0, 1, 2, 3, 4]);
  });
});
