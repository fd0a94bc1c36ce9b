import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { PaperExampleButton } from '../../src/panels/Controls/PaperExampleButton';
import { PAPER_EXAMPLE, resetStore, store } from '../../src/store';
import { renderPanels, tableRow } from './render';

beforeEach(() => resetStore({ ...PAPER_EXAMPLE }));

// Golden values from docs/glm-blank-infilling.md §1 ("The paper's example"), not from the code.
const GOLDEN = {
  Token: 'x1 x2 [MASK] x4 [MASK] [S] x5 x6 [S] x3',
  Target: 'x1 x2 [MASK] x4 [MASK] x5 x6 [E] x3 [E]',
  Loss: '0 0 0 0 0 1 1 1 1 1',
  Position: '0 1 2 3 4 4 4 4 2 2',
  'Block position': '0 0 0 0 0 1 2 3 1 2',
};

// Each step renders every pipeline panel; generous time for a busy machine.
describe('2D positions', { timeout: 20_000 }, () => {
  it('is a table named "2D positions" with the five row headers', () => {
    renderPanels();
    const table = screen.getByRole('table', { name: '2D positions' });
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((h) => h.textContent),
    ).toEqual(['Token', 'Target', 'Position', 'Block position', 'Loss']);
    for (const h of within(table).getAllByRole('rowheader'))
      expect(h).toHaveAttribute('scope', 'row');
  });

  it('shows the paper example exactly as the spec gives it (0-based, as the code computes)', () => {
    renderPanels();
    for (const [row, values] of Object.entries(GOLDEN))
      expect(tableRow(row).join(' ')).toBe(values);
    const table = screen.getByRole('table', { name: '2D positions' });
    expect(within(table).getByRole('columnheader', { name: 'Part A' })).toHaveAttribute(
      'colspan',
      '5',
    );
    expect(within(table).getByRole('columnheader', { name: 'Part B' })).toHaveAttribute(
      'colspan',
      '5',
    );
    const indices = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent)
      .filter((s) => /^\d+$/.test(s ?? ''));
    expect(indices.join(' ')).toBe('0 1 2 3 4 5 6 7 8 9');
  });

  it('the 1-based switch shows the numbers of the paper figure', async () => {
    const user = userEvent.setup({ delay: null });
    renderPanels();
    const group = screen.getByRole('group', { name: 'Numbering' });
    expect(within(group).getByRole('radio', { name: '0-based (code)' })).toBeChecked();
    await user.click(within(group).getByRole('radio', { name: '1-based (paper)' }));
    expect(store.getState().base).toBe(1);
    // Figure 2: Position 1 2 3 4 5 5 5 5 3 3; block positions unchanged.
    expect(tableRow('Position').join(' ')).toBe('1 2 3 4 5 5 5 5 3 3');
    expect(tableRow('Block position').join(' ')).toBe('0 0 0 0 0 1 2 3 1 2');
    const table = screen.getByRole('table', { name: '2D positions' });
    const indices = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent)
      .filter((s) => /^\d+$/.test(s ?? ''));
    expect(indices.join(' ')).toBe('1 2 3 4 5 6 7 8 9 10');
    expect(screen.getByText(/paper’s Figure 2 from 1/)).toBeInTheDocument();
  });

  it('with [CLS], 0-based code numbers equal the figure’s 1-based numbers', () => {
    resetStore({
      tokenizer: 'words',
      text: 'x1 x2 x3 x4 x5 x6',
      cls: true,
      spans: [
        { start: 3, end: 4 },
        { start: 5, end: 7 },
      ],
      order: [1, 0],
    });
    renderPanels();
    expect(tableRow('Position').slice(0, 6).join(' ')).toBe('0 1 2 3 4 5');
    expect(tableRow('Token').slice(1, 6).join(' ')).toBe('x1 x2 [MASK] x4 [MASK]');
  });
});

describe('the Paper example button', { timeout: 20_000 }, () => {
  it('opens Figure 2 in the paper’s 1-based numbering, saying the code counts from 0', async () => {
    const user = userEvent.setup({ delay: null });
    resetStore({
      tokenizer: 'words',
      text: 'the cat sat',
      cls: true,
      spans: [],
      order: [],
      base: 0,
    });
    render(<PaperExampleButton />);
    renderPanels();
    expect(screen.queryByText(/reference code counts from 0/)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Paper example' }));
    expect(store.getState()).toMatchObject({ ...PAPER_EXAMPLE, base: 1 });
    const group = screen.getByRole('group', { name: 'Numbering' });
    expect(within(group).getByRole('radio', { name: '1-based (paper)' })).toBeChecked();
    // Figure 2 of the paper: Position 1 2 3 4 5 5 5 5 3 3.
    expect(tableRow('Position').join(' ')).toBe('1 2 3 4 5 5 5 5 3 3');
    expect(tableRow('Block position').join(' ')).toBe('0 0 0 0 0 1 2 3 1 2');
    expect(
      screen.getByText(
        /^Numbered from 1, as in the paper’s Figure 2\. The reference code counts from 0/,
      ),
    ).toBeInTheDocument();
    // The switch still shows the code's numbering, and the note goes with it.
    await user.click(within(group).getByRole('radio', { name: '0-based (code)' }));
    expect(tableRow('Position').join(' ')).toBe(GOLDEN.Position);
    expect(screen.queryByText(/reference code counts from 0/)).toBeNull();
  });
});
