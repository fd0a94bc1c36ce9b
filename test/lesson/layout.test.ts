// Where the lesson sits (docked beside the panels or a bottom sheet) and how a step brings what it
// lights into the part of the window the lesson leaves free: the pure rules (src/lesson/layout.ts).
import { describe, expect, it } from 'vitest';
import { DOCK_MIN_WIDTH, freeArea, lessonLayout, scrollPlan, SCROLL_MARGIN } from '../../src/lesson/layout';

describe('lessonLayout', () => {
  it('docks on laptop and desktop windows, and is a sheet on narrow ones', () => {
    expect(lessonLayout(1280)).toBe('dock');
    expect(lessonLayout(1920)).toBe('dock');
    expect(lessonLayout(900)).toBe('sheet');
    expect(lessonLayout(375)).toBe('sheet');
  });

  it('switches exactly at DOCK_MIN_WIDTH, below 1280', () => {
    expect(DOCK_MIN_WIDTH).toBeLessThanOrEqual(1280);
    expect(lessonLayout(DOCK_MIN_WIDTH - 1)).toBe('sheet');
    expect(lessonLayout(DOCK_MIN_WIDTH)).toBe('dock');
  });
});

describe('freeArea', () => {
  it('is the whole window when docked, whatever the lesson’s box', () => {
    expect(freeArea('dock', 800, 500)).toEqual({ top: 0, bottom: 800 });
  });

  it('ends where the sheet begins', () => {
    expect(freeArea('sheet', 800, 520)).toEqual({ top: 0, bottom: 520 });
    expect(freeArea('sheet', 800, 900)).toEqual({ top: 0, bottom: 800 });
    expect(freeArea('sheet', 800, null)).toEqual({ top: 0, bottom: 800 });
  });
});

describe('scrollPlan', () => {
  const area = { top: 0, bottom: 520 };
  it('shows the panel from its top when what it lights still fits under it', () => {
    expect(scrollPlan({ top: 2000, bottom: 2400 }, { top: 2300, bottom: 2330 }, area)).toBe('panel');
    expect(scrollPlan({ top: 2000, bottom: 2400 }, null, area)).toBe('panel');
  });

  it('centres what it lights when it would end below the free area', () => {
    expect(scrollPlan({ top: 2000, bottom: 2600 }, { top: 2480, bottom: 2508 }, area)).toBe('lit');
  });

  it('counts the margin: a lit row ending right at the bottom edge is centred', () => {
    const bottom = 2000 + area.bottom - 2 * SCROLL_MARGIN;
    expect(scrollPlan({ top: 2000, bottom: 3000 }, { top: bottom - 28, bottom }, area)).toBe('panel');
    expect(scrollPlan({ top: 2000, bottom: 3000 }, { top: bottom - 27, bottom: bottom + 1 }, area)).toBe('lit');
  });

  it('depends on distances only, not on where the page is scrolled', () => {
    const at = (y: number) => scrollPlan({ top: y, bottom: y + 700 }, { top: y + 600, bottom: y + 628 }, area);
    expect(new Set([at(-900), at(0), at(1500)])).toEqual(new Set(['lit']));
  });
});
