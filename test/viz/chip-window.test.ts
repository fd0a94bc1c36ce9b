// Windowing of long chip lists (src/viz/chipWindow.ts): rows broken as flex-wrap breaks them,
// the chips of the rows in view, and the scroll position that brings a chip into view.
import { describe, expect, it } from 'vitest';
import { layoutChips, revealTop, visibleChips, type ChipBox } from '../../src/viz/chipWindow';

const box: ChipBox = { padX: 0, minW: 10, height: 20, gap: 4 };

describe('layoutChips', () => {
  it('puts a chip on the next row when it does not fit, with the gap between chips and rows', () => {
    // Width 100: 30 + 4 + 30 + 4 + 30 = 98 fits; the fourth chip starts row 2.
    const l = layoutChips([30, 30, 30, 30, 50, 60], 100, box);
    expect([...l.x]).toEqual([0, 34, 68, 0, 34, 0]);
    expect([...l.y]).toEqual([0, 0, 0, 24, 24, 48]);
    expect([...l.rowStart]).toEqual([0, 3, 5]);
    expect(l.pitch).toBe(24);
    expect(l.height).toBe(3 * 24 - 4);
  });

  it('keeps the smallest chip width and puts a chip wider than the row alone on its row', () => {
    const l = layoutChips([2, 150, 5], 100, box);
    expect([...l.w]).toEqual([10, 150, 10]);
    expect([...l.rowStart]).toEqual([0, 1, 2]);
  });

  it('lays out nothing for no chips', () => {
    const l = layoutChips([], 100, box);
    expect(l.rowStart.length).toBe(0);
    expect(l.height).toBe(0);
    expect(visibleChips(l, 0, 100)).toEqual([0, 0]);
  });
});

describe('visibleChips', () => {
  // 100 rows of 5 chips (20 px wide in 120 px), pitch 24.
  const l = layoutChips(new Array(500).fill(20), 120, box);

  it('covers the rows in view and the overscan around them', () => {
    expect(l.rowStart.length).toBe(100);
    const [from, to] = visibleChips(l, 24 * 10, 24 * 5, 2);
    // Rows 8..17 (10 in view from row 10, 5 rows tall, ceil adds one; two rows either side).
    expect(from).toBe(8 * 5);
    expect(to).toBe(18 * 5);
  });

  it('stops at the first and last rows', () => {
    expect(visibleChips(l, 0, 48, 2)[0]).toBe(0);
    expect(visibleChips(l, 24 * 99, 48, 2)[1]).toBe(500);
  });
});

describe('revealTop', () => {
  const l = layoutChips(new Array(500).fill(20), 120, box);
  it('scrolls up to a chip above the view, down to one below it, and not at all to one in it', () => {
    expect(revealTop(l, 0, 240, 96)).toBe(0);
    expect(revealTop(l, 5 * 20, 0, 96)).toBe(20 * 24 + 24 - 96);
    expect(revealTop(l, 5 * 11, 240, 96)).toBe(240);
  });
});
