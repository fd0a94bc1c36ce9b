// The quiz: checking marks exactly the wrong cells, scores "x of y right", and explains; the
// position quiz checks against construct().
import { fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { canAttend, construct } from '../../src/glm';
import { QuizPanel } from '../../src/panels/Quiz/QuizPanel';
import { PAPER_EXAMPLE, resetStore, store } from '../../src/store';

vi.setConfig({ testTimeout: 30_000 });

const cellButtons = () => [...document.querySelectorAll<HTMLButtonElement>('.quiz-grid button')];

describe('QuizPanel (mask)', () => {
  beforeEach(() => resetStore({ ...PAPER_EXAMPLE }));

  it('marks every wrong cell and scores the rest', () => {
    render(<QuizPanel />);
    const n = 10;
    const sep = 5;
    const buttons = cellButtons();
    expect(buttons).toHaveLength(n * n);
    expect(buttons[0]).toHaveAttribute('aria-pressed', 'false');
    expect(buttons[5 * n + 2]).toHaveAccessibleName('query 5 [S], key 2 [MASK]');

    // The student marks Part A's block only, plus one wrong cell (Part A query 0 on key 7).
    const marked = new Set<number>();
    for (let q = 0; q < sep; q++) for (let k = 0; k < sep; k++) marked.add(q * n + k);
    marked.add(0 * n + 7);
    for (const i of marked) fireEvent.click(buttons[i]!);
    expect(buttons[7]).toHaveAttribute('aria-pressed', 'true');

    fireEvent.click(screen.getByRole('button', { name: 'Check' }));
    let wrong = 0;
    for (let q = 0; q < n; q++) for (let k = 0; k < n; k++) if (canAttend(sep, q, k) !== marked.has(q * n + k)) wrong++;
    const flagged = cellButtons().filter((b) => b.classList.contains('is-wrong'));
    expect(flagged).toHaveLength(wrong);
    expect(flagged.every((b) => b.textContent === '✗' && b.getAttribute('aria-label')!.endsWith('— wrong'))).toBe(true);
    expect(screen.getByText(`${n * n - wrong} of ${n * n} right`)).toBeInTheDocument();
    expect(screen.getByText(/query 0 x1, key 7 x6 is masked:/)).toHaveTextContent('Part A never sees Part B');
  });

  it('reveals and resets', () => {
    render(<QuizPanel />);
    fireEvent.click(screen.getByRole('button', { name: 'Reveal' }));
    fireEvent.click(screen.getByRole('button', { name: 'Check' }));
    expect(screen.getByText('100 of 100 right')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Reset' }));
    expect(cellButtons().every((b) => b.getAttribute('aria-pressed') === 'false')).toBe(true);
  });

  it('falls back to the paper’s example for long sequences', () => {
    resetStore({ text: 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen', cls: true, spans: [{ start: 2, end: 3 }], order: [0] });
    render(<QuizPanel />);
    expect(cellButtons()).toHaveLength(100);
    fireEvent.click(screen.getByRole('button', { name: 'Use the paper’s example' }));
    expect(store.getState().text).toBe(PAPER_EXAMPLE.text);
    // The quiz counts from 0, as the code does: its fallback keeps the reader's numbering.
    expect(store.getState().base).toBe(0);
  });
});

describe('QuizPanel (positions)', () => {
  it('checks position and block position against construct()', () => {
    resetStore({ ...PAPER_EXAMPLE });
    render(<QuizPanel initialMode="positions" />);
    const c = construct(PAPER_EXAMPLE.text.split(' '), PAPER_EXAMPLE.spans, { order: PAPER_EXAMPLE.order });
    // Right answers everywhere except [S] of x5 x6's segment (index 5): position 5 instead of 4.
    for (let i = c.sep; i < c.tokens.length; i++) {
      const tok = `${i} ${c.tokens[i]}`;
      fireEvent.change(screen.getByLabelText(`position of ${tok}`), { target: { value: String(i === 5 ? 5 : c.positionIds[i]) } });
      fireEvent.change(screen.getByLabelText(`block position of ${tok}`), { target: { value: String(c.blockPositionIds[i]) } });
    }
    fireEvent.click(screen.getByRole('button', { name: 'Check' }));
    expect(screen.getByText('9 of 10 right')).toBeInTheDocument();
    expect(screen.getByLabelText('position of 5 [S]')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText(/Position of 5 \[S\]: you wrote 5, it is 4/)).toBeInTheDocument();
  });
});
