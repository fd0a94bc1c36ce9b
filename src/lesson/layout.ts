/**
 * Where the lesson sits and how a step brings what it lights into view, as pure functions (the
 * Lesson component and useLessonStage apply them; tests call them directly).
 *
 * - From DOCK_MIN_WIDTH up the lesson is a column docked beside the panels: the panels reflow
 *   narrower and nothing is covered.
 * - Below it the lesson is a compact bottom sheet (at most 35% of the window's height, lesson.css),
 *   which folds down to its head and buttons; what a step lights is scrolled into the part of the
 *   window above the sheet.
 */

export type LessonLayout = 'dock' | 'sheet';

/** The narrowest window (CSS px) that docks the lesson beside the panels. */
export const DOCK_MIN_WIDTH = 1100;

/** The lesson's layout for a window `width` CSS px wide. */
export function lessonLayout(width: number): LessonLayout {
  return width >= DOCK_MIN_WIDTH ? 'dock' : 'sheet';
}

/** A vertical extent (CSS px, viewport coordinates). */
export interface Extent {
  top: number;
  bottom: number;
}

/** Room left between a target and the edge of the free area (CSS px). */
export const SCROLL_MARGIN = 12;

/**
 * The part of the window the lesson leaves free, top to bottom: all of it when docked (the lesson
 * is beside the panels), the part above the sheet otherwise.
 */
export function freeArea(layout: LessonLayout, windowHeight: number, sheetTop: number | null): Extent {
  if (layout === 'dock' || sheetTop === null) return { top: 0, bottom: windowHeight };
  return { top: 0, bottom: Math.max(0, Math.min(windowHeight, sheetTop)) };
}

/**
 * How to bring a step's panel and what it lights into view:
 * - 'panel': the panel's top to the top of the free area, when the step lights nothing or what it
 *   lights still ends inside the free area from there (the panel's title stays in view);
 * - 'lit': what it lights to the middle of the free area, when it would end below it otherwise.
 * `panel` and `lit` may be measured at any scroll position (only their distance counts).
 */
export function scrollPlan(panel: Extent, lit: Extent | null, area: Extent): 'panel' | 'lit' {
  if (!lit) return 'panel';
  const room = area.bottom - area.top - 2 * SCROLL_MARGIN;
  return lit.bottom - panel.top <= room ? 'panel' : 'lit';
}

/**
 * What a step lights inside its panel, most specific first: the mask's pointed row (the [S] row of
 * step 7), the pointed cell, then anything lit (chips, span items, segments, table columns).
 */
export const LIT_SELECTORS = ['.mask-band-row.is-strong', '.mask-pointed', '.is-lit'] as const;

export function litElement(panel: ParentNode): HTMLElement | null {
  for (const s of LIT_SELECTORS) {
    const el = panel.querySelector<HTMLElement>(s);
    if (el) return el;
  }
  return null;
}
