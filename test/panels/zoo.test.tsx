// The objective zoo: one ARIA grid per scheme, named "Attention mask — <scheme>", whose cells
// follow each scheme's definition.
import { render, screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ZooPanel } from '../../src/panels/Zoo/ZooPanel';
import { PAPER_EXAMPLE, resetStore } from '../../src/store';

const SCHEME_NAMES = [
  'BERT (masked LM)',
  'GPT (causal LM)',
  'Prefix LM (UniLM)',
  'T5 (span corruption)',
  'XLNet (permutation LM, query stream)',
  'GLM (blank infilling)',
  'GLM without shuffling',
  'GLM without 2D positions',
  'GLM with sentinel tokens',
];

// The machine is shared with a training run; role queries over hundreds of cells are slow.
vi.setConfig({ testTimeout: 30_000 });

/** The grids (role="grid") by accessible name (aria-label). */
function grids(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('[role="grid"]')];
}
function grid(name: string): HTMLElement {
  const g = grids().find((el) => el.getAttribute('aria-label') === name);
  if (!g) throw new Error(`no grid named ${name}`);
  return g;
}

/** The cells of a grid as a 0/1 matrix read from their names ("...: visible"). */
function readGrid(g: HTMLElement): number[][] {
  return [...g.querySelectorAll(':scope > [role="row"]')].map((row) =>
    [...row.querySelectorAll('[role="gridcell"]')].map((c) => (c.getAttribute('aria-label')!.endsWith(': visible') ? 1 : 0)),
  );
}

describe('ZooPanel', () => {
  beforeEach(() => resetStore({ ...PAPER_EXAMPLE }));

  it('names every grid "Attention mask — <scheme>"', () => {
    render(<ZooPanel />);
    const all = grids();
    expect(all).toHaveLength(SCHEME_NAMES.length);
    const names = all.map((g) => g.getAttribute('aria-label')!);
    for (const name of names) expect(name.startsWith('Attention mask')).toBe(true);
    for (const scheme of SCHEME_NAMES) expect(names.some((n) => n.includes(scheme))).toBe(true);
    expect(screen.getByRole('region', { name: 'Objective zoo' })).toBeInTheDocument();
  });

  it('draws BERT fully visible and GPT lower-triangular', () => {
    render(<ZooPanel />);
    const n = 6; // x1..x6: BERT and GPT keep the text's length
    const bert = readGrid(grid('Attention mask — BERT (masked LM)'));
    const gpt = readGrid(grid('Attention mask — GPT (causal LM)'));
    const all = Array.from({ length: n }, () => Array.from({ length: n }, () => 1));
    const causal = Array.from({ length: n }, (_, q) => Array.from({ length: n }, (_, k) => (k <= q ? 1 : 0)));
    expect(bert).toEqual(all);
    expect(gpt).toEqual(causal);
  });

  it('draws GLM with sep = 5 (k < sep or k ≤ q) and names cells by query and key', () => {
    render(<ZooPanel />);
    const g = grid('Attention mask — GLM (blank infilling)');
    const glm = readGrid(g);
    const n = 10;
    expect(glm).toEqual(Array.from({ length: n }, (_, q) => Array.from({ length: n }, (_, k) => (k < 5 || k <= q ? 1 : 0))));
    expect(g.querySelector('[data-q="0"][data-k="5"]')).toHaveAttribute('role', 'gridcell');
    expect(g.querySelector('[data-q="0"][data-k="5"]')).toHaveAccessibleName('query 0 x1, key 5 [S]: masked');
  });

  it('says what each objective’s targets can see, and the paper’s note on T5', () => {
    render(<ZooPanel />);
    expect(screen.getByText(/Each \[MASK\] is predicted independently/)).toBeInTheDocument();
    expect(screen.getByText(/T5’s span corruption is GLM without shuffling and with sentinel tokens/)).toBeInTheDocument();
  });

  it('paints a canvas with one summary cell past 48 tokens', () => {
    const text = Array.from({ length: 60 }, (_, i) => `w${i}`).join(' ');
    resetStore({ text, cls: false, spans: [{ start: 2, end: 4 }], order: [0] });
    render(<ZooPanel />);
    const cells = within(grid('Attention mask — GPT (causal LM)')).getAllByRole('gridcell');
    expect(cells).toHaveLength(1);
    expect(cells[0]).toHaveAccessibleName('60×60 mask: 1830 of 3600 cells visible.');
  });
});
