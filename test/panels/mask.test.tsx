import { act, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MaskPanel } from '../../src/panels/Mask/MaskPanel';
import { resetStore, setPointer, store } from '../../src/store';

// The paper's example, as the spec (docs/glm-blank-infilling.md, section 1) writes it out:
// x1..x6, spans [x3] and [x5 x6], Part B order (x5 x6, x3).
const PAPER = {
  text: 'x1 x2 x3 x4 x5 x6',
  cls: false,
  spans: [
    { start: 2, end: 3 },
    { start: 4, end: 6 },
  ],
  order: [1, 0],
};
const TOKENS = ['x1', 'x2', '[MASK]', 'x4', '[MASK]', '[S]', 'x5', 'x6', '[S]', 'x3'];
const SEP = 5; // len(Part A) = n - Σℓ + k = 6 - 3 + 2
/** The spec's rule (section 1.7): query q may attend to key k iff k < sep or k <= q. */
const sees = (q: number, k: number) => k < SEP || k <= q;

const grid = () => screen.getByRole('grid', { name: 'Attention mask' });
/** Rows of gridcells, found through the ARIA structure alone (the first row holds column headers). */
const cellRows = () =>
  within(grid())
    .getAllByRole('row')
    .map((row) => within(row).queryAllByRole('gridcell'))
    .filter((cells) => cells.length > 0);
/** Cell (q, k). The elements are stable across re-renders, so look the rows up once per render. */
let rowsCache: { grid: HTMLElement; rows: HTMLElement[][] } | null = null;
const cell = (q: number, k: number) => {
  const g = grid();
  if (rowsCache?.grid !== g) rowsCache = { grid: g, rows: cellRows() };
  return rowsCache.rows[q]![k]!;
};
const details = () => screen.getByRole('status');

// jsdom computes roles and names slowly; a 100-cell grid needs more than the default 5 s on a busy machine.
vi.setConfig({ testTimeout: 20_000 });

beforeEach(() => resetStore(PAPER));

describe('MaskPanel: the paper example', () => {
  it('is a section headed "Attention mask" holding a grid of that name', () => {
    render(<MaskPanel />);
    expect(screen.getByRole('region', { name: 'Attention mask' })).toContainElement(grid());
    expect(screen.getByRole('heading', { level: 2, name: 'Attention mask' })).toBeInTheDocument();
  });

  it('has 10 × 10 gridcells with row and column headers', () => {
    render(<MaskPanel />);
    const rows = cellRows();
    expect(rows).toHaveLength(10);
    for (const r of rows) expect(r).toHaveLength(10);
    expect(within(grid()).getAllByRole('gridcell')).toHaveLength(100);
    expect(
      within(grid())
        .getAllByRole('rowheader')
        .map((h) => h.getAttribute('aria-label')),
    ).toEqual(TOKENS.map((t, i) => `query ${i} ${t}`));
    // One corner header plus one per key.
    const cols = within(grid()).getAllByRole('columnheader');
    expect(cols).toHaveLength(11);
    expect(cols.slice(1).map((h) => h.getAttribute('aria-label'))).toEqual(
      TOKENS.map((t, i) => `key ${i} ${t}`),
    );
  });

  it('names every cell by its query and key tokens and says visible or masked by the rule', () => {
    render(<MaskPanel />);
    const rows = cellRows();
    const esc = (t: string) => t.replace(/[[\]]/g, '\\$&');
    for (let q = 0; q < 10; q++) {
      for (let k = 0; k < 10; k++) {
        const word = sees(q, k) ? 'visible' : 'masked';
        // The name starts with the query and key tokens, then the verdict; no reason says
        // "visible" or "masked", so the word after the colon is the only one.
        const name = new RegExp(
          `^query ${q} ${esc(TOKENS[q]!)}, key ${k} ${esc(TOKENS[k]!)}: ${word} — [^]+$`,
        );
        expect(rows[q]![k]!, `(${q}, ${k})`).toHaveAccessibleName(name);
      }
    }
  });

  it('reads the example given in the issue', () => {
    render(<MaskPanel />);
    expect(cell(6, 2)).toHaveAccessibleName(
      'query 6 x5, key 2 [MASK]: visible — a Part B token sees all of Part A',
    );
  });

  it('numbers from 1 when the paper numbering is chosen', () => {
    resetStore({ ...PAPER, base: 1 });
    render(<MaskPanel />);
    expect(cell(6, 2)).toHaveAccessibleName(/^query 7 x5, key 3 \[MASK\]: visible/);
  });

  it('describes the whole matrix in one sentence', () => {
    render(<MaskPanel />);
    expect(grid()).toHaveAccessibleDescription(
      '10×10 mask, sep = 5: Part A (5 tokens) sees itself; Part B (5 tokens) sees Part A and earlier Part B tokens.',
    );
  });

  it('has a legend naming visible, masked, Part A and Part B', () => {
    render(<MaskPanel />);
    const legend = screen.getByRole('list', { name: 'Legend' });
    for (const word of ['visible', 'masked', 'Part A', 'Part B'])
      expect(legend).toHaveTextContent(word);
  });
});

describe('MaskPanel: keyboard', () => {
  it('has one tab stop, and the arrow keys, Home and End move focus', async () => {
    const user = userEvent.setup();
    render(<MaskPanel />);
    const tabbable = () =>
      [...grid().querySelectorAll<HTMLElement>('[role="gridcell"]')].filter(
        (c) => c.tabIndex === 0,
      );
    expect(tabbable()).toHaveLength(1);
    await user.tab();
    expect(cell(0, 0)).toHaveFocus();
    await user.keyboard('{ArrowRight}');
    expect(cell(0, 1)).toHaveFocus();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(cell(2, 1)).toHaveFocus();
    await user.keyboard('{ArrowLeft}{ArrowLeft}{ArrowUp}');
    expect(cell(1, 0)).toHaveFocus(); // stops at the edge
    await user.keyboard('{End}');
    expect(cell(1, 9)).toHaveFocus();
    await user.keyboard('{Home}');
    expect(cell(1, 0)).toHaveFocus();
    await user.keyboard('{Control>}{End}{/Control}');
    expect(cell(9, 9)).toHaveFocus();
    expect(tabbable()).toEqual([cell(9, 9)]);
    // Focus says why, and points the rest of the app at the cell.
    expect(details()).toHaveTextContent('query 9 x3, key 9 x3: visible — a token sees itself');
    expect(store.getState().pointer).toEqual({ kind: 'cell', q: 9, k: 9 });
  });
});

describe('MaskPanel: reasons on hover', () => {
  // One cell of each kind, worked out from the example by hand.
  const cases: [number, number, 'visible' | 'masked', string][] = [
    [0, 1, 'visible', 'Part A sees all of Part A'],
    [0, 6, 'masked', 'Part A never sees Part B'],
    [6, 2, 'visible', 'a Part B token sees all of Part A'],
    [6, 6, 'visible', 'a token sees itself'],
    [7, 5, 'visible', 'a Part B token sees the earlier tokens of its own span'], // x6 sees its [S]
    [8, 6, 'visible', 'a Part B token sees the spans placed before it'], // x3's [S] sees x5
    [5, 7, 'masked', 'future token: not generated yet'],
  ];
  for (const [q, k, state, reason] of cases) {
    it(`(${q}, ${k}): ${state}, ${reason}`, async () => {
      const user = userEvent.setup();
      render(<MaskPanel />);
      await user.hover(cell(q, k));
      expect(details()).toHaveTextContent(
        `query ${q} ${TOKENS[q]}, key ${k} ${TOKENS[k]}: ${state} — ${reason}`,
      );
      expect(store.getState().pointer).toEqual({ kind: 'cell', q, k });
    });
  }

  it('hovering a label points at its token and says what it sees', async () => {
    const user = userEvent.setup();
    render(<MaskPanel />);
    await user.hover(within(grid()).getAllByRole('rowheader')[6]!);
    expect(store.getState().pointer).toEqual({ kind: 'seq', index: 6 });
    expect(details()).toHaveTextContent(
      '6 x5: as a query it sees 7 of 10 tokens; as a key it is seen by 4.',
    );
  });

  it('lights up the rows and columns of a token pointed at elsewhere', () => {
    const { container } = render(<MaskPanel />);
    expect(container.querySelectorAll('.mask-band')).toHaveLength(0);
    act(() => setPointer({ kind: 'text', index: 5 })); // x6: Part B copy at 7, its span's mask at 4
    // A row band and a column band for each of the two sequence positions.
    expect(container.querySelectorAll('.mask-band')).toHaveLength(4);
  });
});

describe('MaskPanel: weights', () => {
  it('puts each cell weight in its name, exactly 0 where masked', () => {
    const n = 10;
    const weights = Array.from({ length: n }, (_, q) =>
      Array.from({ length: n }, (_, k) => (q + 1) / 100 + k / 1000),
    );
    render(<MaskPanel weights={weights} />);
    expect(cell(6, 2)).toHaveAccessibleName(/: visible — .*; weight 0\.072$/);
    expect(cell(0, 6)).toHaveAccessibleName(/: masked — .*; weight 0$/);
    expect(screen.getByRole('list', { name: 'Legend' })).toHaveTextContent('attention weight');
  });
});

describe('MaskPanel: long sequences on a canvas', () => {
  const words = Array.from({ length: 90 }, (_, i) => `w${i}`).join(' ');

  it('draws past 64 tokens on a canvas, with one focusable cell that still says visible or masked', async () => {
    resetStore({ text: words, cls: true, spans: [{ start: 10, end: 13 }], order: [0] });
    const user = userEvent.setup();
    const { container } = render(<MaskPanel />);
    const n = 92 - 3 + 1 + 4; // [CLS] + 90 words + [EOS], one span of 3: n + 2k
    expect(container.querySelector('canvas')).not.toBeNull();
    const g = grid();
    expect(g).toHaveAttribute('aria-rowcount', String(n + 1));
    const cells = within(g).getAllByRole('gridcell');
    expect(cells).toHaveLength(1);
    expect(cells[0]).toHaveAttribute('tabindex', '0');
    expect(cells[0]).toHaveAccessibleName(
      /^query 0 \[CLS\], key 0 \[CLS\]: visible — Part A sees all of Part A$/,
    );
    expect(within(g).getAllByRole('rowheader')).toHaveLength(1);
    expect(within(g).getAllByRole('columnheader')).toHaveLength(1);

    await user.tab();
    expect(within(g).getByRole('gridcell')).toHaveFocus();
    await user.keyboard('{Control>}{End}{/Control}');
    const last = within(g).getByRole('gridcell');
    expect(last).toHaveFocus();
    expect(last).toHaveAccessibleName(new RegExp(`^query ${n - 1} \\[E\\]|^query ${n - 1} `));
    expect(last).toHaveAccessibleName(/: visible — a token sees itself$/);
    await user.keyboard('{ArrowUp}');
    // Row n-2 cannot see key n-1: a future token.
    expect(within(g).getByRole('gridcell')).toHaveAccessibleName(
      /: masked — future token: not generated yet$/,
    );
    expect(within(g).getByRole('gridcell')).toHaveFocus();
  });

  it('maps the mouse to the cell under it', () => {
    resetStore({ text: words, cls: true, spans: [], order: [] });
    render(<MaskPanel />);
    const g = grid();
    const n = 92;
    const cellPx = parseFloat(g.style.width) / n;
    fireEvent.mouseMove(g, { clientX: 3.5 * cellPx, clientY: 70.5 * cellPx });
    expect(store.getState().pointer).toEqual({ kind: 'cell', q: 70, k: 3 });
    expect(details()).toHaveTextContent(
      'query 70 w69, key 3 w2: visible — Part A sees all of Part A',
    );
  });
  it('re-aims the hover when the matrix scrolls under a still mouse, and drops it once the mouse is off', () => {
    resetStore({ text: words, cls: true, spans: [], order: [] });
    render(<MaskPanel />);
    const g = grid();
    const cellPx = parseFloat(g.style.width) / 92;
    fireEvent.mouseMove(g, { clientX: 3.5 * cellPx, clientY: 70.5 * cellPx });
    expect(store.getState().pointer).toEqual({ kind: 'cell', q: 70, k: 3 });
    // The scroll box moves the grid up by 10 rows: the mouse, unmoved, is now over row 80.
    const rect = (dy: number) => () => new DOMRect(0, -dy * cellPx, 92 * cellPx, 92 * cellPx);
    g.getBoundingClientRect = rect(10);
    fireEvent.scroll(window);
    expect(store.getState().pointer).toEqual({ kind: 'cell', q: 80, k: 3 });
    // Scrolled past the grid's end: no cell is under the mouse, and none stays highlighted.
    g.getBoundingClientRect = rect(40);
    fireEvent.scroll(g.parentElement!);
    expect(store.getState().pointer).toBeNull();
  });
});
