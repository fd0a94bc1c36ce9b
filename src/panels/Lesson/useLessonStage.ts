/**
 * What a lesson step does to the page: marks <html> with the panel it brings forward
 * (`data-lesson-panel`, CSS rings it and dims the others; `data-presenter` for the presenter view),
 * scrolls that panel into view, and lights up the step's pointer in the store.
 */
import { useEffect } from 'react';
import type { Construction } from '../../glm';
import type { LessonStep } from '../../lesson/steps';
import { setPointer } from '../../store/store';

/** Sets or clears the lesson's attributes on <html> (a pure DOM helper, tested directly). */
export function applyLessonAttributes(
  panel: string | null,
  presenter: boolean,
  root: HTMLElement = document.documentElement,
): void {
  if (panel) root.dataset.lessonPanel = panel;
  else delete root.dataset.lessonPanel;
  if (panel && presenter) root.dataset.presenter = '1';
  else delete root.dataset.presenter;
}

function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export function useLessonStage(step: LessonStep | null, presenter: boolean, c: Construction | null): void {
  const panel = step?.panel ?? null;
  useEffect(() => {
    applyLessonAttributes(panel, presenter);
    return () => applyLessonAttributes(null, false);
  }, [panel, presenter]);

  // Bring the panel forward when the step (or the presenter view) changes.
  useEffect(() => {
    if (!panel) return;
    const el = document.getElementById(`panel-${panel}`);
    if (el && typeof el.scrollIntoView === 'function') {
      el.scrollIntoView({ behavior: prefersReducedMotion() ? 'auto' : 'smooth', block: 'start' });
    }
  }, [panel, presenter, step?.id]);

  // Light up what the step is about (again when the construction changes, e.g. a new shuffle).
  useEffect(() => {
    if (step) setPointer(step.pointer(c));
  }, [step, c]);
}
