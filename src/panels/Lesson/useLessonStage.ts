/**
 * What a lesson step does to the page: marks <html> with the panel it brings forward
 * (`data-lesson-panel`, CSS rings it and dims the others; `data-presenter` for the presenter view;
 * `data-lesson-layout`, docked beside the panels or a bottom sheet), scrolls that panel and what
 * the step lights into the part of the window the lesson leaves free, and lights up the step's
 * pointer in the store.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { Construction } from '../../glm';
import { freeArea, lessonLayout, litElement, scrollPlan, type LessonLayout } from '../../lesson/layout';
import type { LessonStep } from '../../lesson/steps';
import { setPointer } from '../../store/store';

/** Sets or clears the lesson's attributes on <html> (a pure DOM helper, tested directly). */
export function applyLessonAttributes(
  panel: string | null,
  presenter: boolean,
  root: HTMLElement = document.documentElement,
  layout: LessonLayout | null = null,
): void {
  if (panel) root.dataset.lessonPanel = panel;
  else delete root.dataset.lessonPanel;
  if (panel && presenter) root.dataset.presenter = '1';
  else delete root.dataset.presenter;
  if (panel && layout) root.dataset.lessonLayout = layout;
  else delete root.dataset.lessonLayout;
}

function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

const subscribeWidth = (onChange: () => void) => {
  window.addEventListener('resize', onChange);
  return () => window.removeEventListener('resize', onChange);
};

/** The lesson's layout for the window's width now, following resizes. */
export function useLessonLayout(): LessonLayout {
  return useSyncExternalStore(
    subscribeWidth,
    () => lessonLayout(window.innerWidth),
    () => 'dock',
  );
}

/** Frames to wait at most for what a step lights to appear (the panels render it after the pointer). */
const LIT_WAIT_FRAMES = 30;

const nextFrame = (f: () => void): (() => void) => {
  if (typeof requestAnimationFrame === 'function') {
    const id = requestAnimationFrame(f);
    return () => cancelAnimationFrame(id);
  }
  const id = setTimeout(f, 16);
  return () => clearTimeout(id);
};

/**
 * Brings the step's panel into view, and what it lights fully into the free part of the window
 * (`lesson`, the lesson's own element, says where a bottom sheet begins). Waits a few frames for
 * the pointer to be drawn; lighting nothing, it brings the panel's top into view.
 */
export function bringIntoView(
  panelEl: HTMLElement,
  layout: LessonLayout,
  lesson: HTMLElement | null,
  expectLit: boolean,
): () => void {
  let frames = 0;
  let cancel = () => {};
  const behavior: ScrollBehavior = prefersReducedMotion() ? 'auto' : 'smooth';
  const go = () => {
    const lit = litElement(panelEl);
    // Two frames at least: what is lit now may still be the previous step's pointer.
    if (frames < 2 || (!lit && expectLit && frames < LIT_WAIT_FRAMES)) {
      frames++;
      cancel = nextFrame(go);
      return;
    }
    const area = freeArea(layout, window.innerHeight, lesson ? lesson.getBoundingClientRect().top : null);
    const p = panelEl.getBoundingClientRect();
    const l = lit?.getBoundingClientRect() ?? null;
    const target = lit && scrollPlan(p, l, area) === 'lit' ? lit : panelEl;
    if (typeof target.scrollIntoView !== 'function') return;
    // Centred in the free area: a bottom sheet sets the page's scroll-padding-bottom (lesson.css).
    if (target === lit) target.scrollIntoView({ behavior, block: 'center', inline: 'nearest' });
    else target.scrollIntoView({ behavior, block: 'start' });
  };
  go();
  return () => cancel();
}

export function useLessonStage(
  step: LessonStep | null,
  presenter: boolean,
  c: Construction | null,
  layout: LessonLayout = 'dock',
  lessonRef: { current: HTMLElement | null } | null = null,
  collapsed = false,
): void {
  const panel = step?.panel ?? null;
  useEffect(() => {
    applyLessonAttributes(panel, presenter, document.documentElement, layout);
    return () => applyLessonAttributes(null, false);
  }, [panel, presenter, layout]);

  // Bring the panel and what the step lights into view when the step, the presenter view, the
  // layout or the sheet's size changes (not when the construction does: the user is at work).
  const lights = step ? step.pointer(c) !== null : false;
  useEffect(() => {
    if (!panel) return;
    const el = document.getElementById(`panel-${panel}`);
    if (!el) return;
    return bringIntoView(el, layout, lessonRef?.current ?? null, lights);
    // `lights` follows the step and the construction; only a new step scrolls (see above).
  }, [panel, presenter, step?.id, layout, collapsed]);

  // Light up what the step is about (again when the construction changes, e.g. a new shuffle).
  useEffect(() => {
    if (step) setPointer(step.pointer(c));
  }, [step, c]);
}
