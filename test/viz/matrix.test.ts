import { describe, expect, it } from 'vitest';
import {
  cellAt,
  cellRect,
  cellSize,
  clipLabel,
  DOM_LIMIT,
  indexAt,
  labelIndices,
  labelStepFor,
  matrixLayout,
  MAX_CELL,
  MIN_CELL,
  MIN_LABELLED_CELL,
  partSegments,
  PART_BAND,
  quadrants,
  stageLayout,
  runsOf,
  tooltipAt,
} from '../../src/viz/matrix';

describe('cellSize', () => {
  it('fills the width, clamped between the minimum and MAX_CELL', () => {
    expect(cellSize(1000, 10)).toBe(MAX_CELL);
    expect(cellSize(1000, 300)).toBe(3);
    expect(cellSize(1000, 2048)).toBe(MIN_CELL);
    expect(cellSize(1000, 100)).toBe(10);
  });

  it('keeps cells big enough to read labels while every token has one (n <= 64)', () => {
    expect(cellSize(300, 64)).toBe(MIN_LABELLED_CELL);
    expect(cellSize(300, DOM_LIMIT + 1)).toBe(4);
  });

  it('also fits a height budget', () => {
    expect(cellSize(2000, 100, 500)).toBe(5);
    expect(cellSize(2000, 10, 100)).toBe(MIN_LABELLED_CELL);
  });
});

describe('labels', () => {
  it('picks a nice step that keeps labels apart', () => {
    expect(labelStepFor(20, 15)).toBe(1);
    expect(labelStepFor(3, 15)).toBe(5);
    expect(labelStepFor(3, 16)).toBe(10);
    expect(labelStepFor(1, 150)).toBe(200);
  });

  it('labels every index at step 1, else the multiples of the step in the shown numbering', () => {
    expect(labelIndices(4, 1)).toEqual([0, 1, 2, 3]);
    expect(labelIndices(12, 5)).toEqual([0, 5, 10]);
    expect(labelIndices(12, 5, 1)).toEqual([4, 9]); // shown as 5 and 10
  });

  it('clips long tokens with an ellipsis', () => {
    expect(clipLabel('short')).toBe('short');
    expect(clipLabel('abcdefghijklmnopq', 6)).toBe('abcde…');
  });
});

describe('parts and quadrants', () => {
  it('splits at sep into four quadrants that tile the body', () => {
    const q = quadrants(5, 10, 20);
    expect(q.map((r) => r.id)).toEqual(['AA', 'AB', 'BA', 'BB']);
    expect(q[0]).toMatchObject({ x: 0, y: 0, width: 100, height: 100 });
    expect(q[1]).toMatchObject({ x: 100, y: 0, width: 100, height: 100 });
    expect(q[3]).toMatchObject({ x: 100, y: 100, width: 100, height: 100 });
    expect(q.reduce((s, r) => s + r.width * r.height, 0)).toBe(200 * 200);
  });

  it('gives Part A, Part B and padding segments, with how much of the name fits', () => {
    const s = partSegments(5, 12, 20, 10);
    expect(s.map((p) => [p.part, p.from, p.to, p.start, p.length, p.fit])).toEqual([
      ['A', 0, 5, 0, 100, 'full'],
      ['B', 5, 10, 100, 100, 'full'],
      ['pad', 10, 12, 200, 40, 'short'],
    ]);
    expect(partSegments(10, 10, 3).map((p) => p.part)).toEqual(['A']);
    expect(partSegments(300, 302, 3)[1]!.fit).toBe('none');
  });
});

describe('matrixLayout', () => {
  it('lays out the paper example in the DOM with room for labels', () => {
    const l = matrixLayout({ n: 10, sep: 5, width: 1200, labelChars: 8 });
    expect(l.dom).toBe(true);
    expect(l.cell).toBe(MAX_CELL);
    expect(l.size).toBe(280);
    expect(l.labelStep).toBe(1);
    expect(l.left).toBeGreaterThan(l.labelSize);
    expect(l.width).toBe(l.left + l.size + 1);
    expect(l.band(3)).toBe(3 * l.cell);
    expect(l.band.bandwidth()).toBe(l.cell);
  });

  it('switches to the canvas past 64 tokens and samples labels', () => {
    const l = matrixLayout({ n: 2048, sep: 1700, width: 1200, labelChars: 12 });
    expect(l.dom).toBe(false);
    expect(l.cell).toBe(MIN_CELL);
    expect(l.gap).toBe(0);
    expect(l.labelStep).toBeGreaterThan(1);
  });

  it('never returns a cell below 3 px or above 28 px', () => {
    for (const n of [1, 2, 10, 63, 64, 65, 200, 512, 5000]) {
      for (const width of [200, 1280, 2560, 10000]) {
        const l = matrixLayout({ n, sep: Math.floor(n / 2), width, labelChars: 10 });
        expect(l.cell).toBeGreaterThanOrEqual(3);
        expect(l.cell).toBeLessThanOrEqual(28);
      }
    }
  });
});

describe('matrixLayout with the page’s scale', () => {
  it('grows labels, bands, strips and the largest cell with the root font (scale 1 as before)', () => {
    const one = matrixLayout({ n: 10, sep: 5, width: 2000, labelChars: 9 });
    const two = matrixLayout({ n: 10, sep: 5, width: 2000, labelChars: 9, scale: 2 });
    expect([one.font, one.partBand, one.cell]).toEqual([13, PART_BAND, MAX_CELL]);
    expect(two.font).toBe(26);
    expect(two.partBand).toBe(2 * PART_BAND);
    expect(two.cell).toBe(2 * MAX_CELL);
    expect(two.left).toBeGreaterThan(one.left);
  });
});

describe('stageLayout (presentation mode)', () => {
  // The figure's room on a 1920 × 1080 stage (the words beside it, the bar and the heading off).
  const STAGE = { width: 1300, height: 860 };
  // …and on a 1280 × 800 one.
  const SMALL = { width: 800, height: 600 };

  it('labels up to 16 tokens at 24 px or more on a 1920 × 1080 stage', () => {
    for (let n = 2; n <= 16; n++) {
      const l = stageLayout({ n, sep: Math.ceil(n / 2), labelChars: 9, ...STAGE });
      expect(l.font, `n = ${n}`).toBeGreaterThanOrEqual(24);
      expect(l.font, `a label fits its cell, n = ${n}`).toBeLessThanOrEqual(l.cell);
      expect(l.height).toBeLessThanOrEqual(STAGE.height);
      expect(l.width).toBeLessThanOrEqual(STAGE.width);
    }
  });

  it('fills most of the stage’s height with the paper’s example (10 tokens)', () => {
    for (const room of [STAGE, SMALL]) {
      const l = stageLayout({ n: 10, sep: 5, labelChars: 9, ...room });
      expect(l.height).toBeGreaterThanOrEqual(0.85 * room.height);
      expect(l.cell).toBeGreaterThan(MAX_CELL);
      expect(l.dom).toBe(true);
    }
  });

  it('past 64 tokens fits the room both ways, labels sampled at their usual size', () => {
    const l = stageLayout({ n: 150, sep: 100, labelChars: 12, ...STAGE });
    expect(l.dom).toBe(false);
    expect(l.font).toBe(11);
    expect(l.height).toBeLessThanOrEqual(STAGE.height);
    expect(l.height).toBeGreaterThan(0.75 * STAGE.height);
  });
});

describe('hit testing', () => {
  const l = { n: 10, cell: 20 };

  it('maps a point to the cell under it', () => {
    expect(cellAt(l, 0, 0)).toEqual({ q: 0, k: 0 });
    expect(cellAt(l, 45, 125)).toEqual({ q: 6, k: 2 });
    expect(cellAt(l, 199.9, 199.9)).toEqual({ q: 9, k: 9 });
  });

  it('returns null outside the body', () => {
    expect(cellAt(l, -1, 5)).toBeNull();
    expect(cellAt(l, 200, 5)).toBeNull();
    expect(cellAt(l, 5, Number.NaN)).toBeNull();
    expect(indexAt(l, 200)).toBeNull();
    expect(indexAt(l, 39)).toBe(1);
  });

  it('round-trips with cellRect', () => {
    for (let q = 0; q < 10; q++)
      for (let k = 0; k < 10; k++) {
        const r = cellRect(l, q, k);
        expect(cellAt(l, r.x + r.width / 2, r.y + r.height / 2)).toEqual({ q, k });
      }
  });
});

describe('runsOf', () => {
  it('groups equal neighbours and skips -1', () => {
    expect(runsOf([-1, -1, 0, -1, 1, 1, 1, 0, 0])).toEqual([
      { value: 0, from: 2, to: 3 },
      { value: 1, from: 4, to: 7 },
      { value: 0, from: 7, to: 9 },
    ]);
    expect(runsOf(new Int32Array(0))).toEqual([]);
  });
});

describe('tooltipAt', () => {
  const l = { cell: 20, size: 200, left: 100, top: 100 };
  it('goes right of and below the cell when it fits', () => {
    expect(tooltipAt(l, 0, 0, 50, 20)).toEqual({ x: 26, y: 26 });
  });
  it('flips left and up near the far edges', () => {
    const p = tooltipAt(l, 9, 9, 50, 20);
    expect(p.x + 50).toBeLessThanOrEqual(180);
    expect(p.y + 20).toBeLessThanOrEqual(180);
  });
});
