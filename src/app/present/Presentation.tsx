/**
 * Presentation mode: one stage of the pipeline at a time — (a) the text and its spans, (b) Part A
 * and Part B, (c) the 2D positions, (d) the attention mask, (e) the model, (f) pre-training — on a
 * stage that fills the screen (the browser's full screen where it is allowed, else the whole
 * window). The panels stay the live ones: <html data-present="{stage}"> tells the CSS which to put
 * on the stage (present.css), and the stage's type is sized to fill it (useStageFit). The mask
 * sizes its own figure to the stage (src/panels/Mask).
 *
 * Keys: F (or the Present button) enters and leaves; Escape leaves; ArrowRight/PageDown and
 * ArrowLeft/PageUp (what presentation clickers send) move. The stage's name is announced. With a
 * lesson running, its text sits in a column beside the stage, the keys move the lesson, and the
 * stage follows the lesson's step.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import { useT } from '../../i18n';
import { lessonStore, nextStep, previousStep, useLesson } from '../../lesson/lessonStore';
import { LESSON_STEPS } from '../../lesson/steps';
import {
  goToStage,
  nextStage,
  presentStore,
  previousStage,
  stageOfPanel,
  STAGES,
  stopPresenting,
  usePresent,
} from './presentStore';
import { applyPresentAttributes, present, stopPresentation } from './actions';
import { useStageFit } from './useStageFit';
import './present.css';

/** Keys typed into these are text, never commands. */
const TYPING = 'input, textarea, select, [contenteditable="true"], [contenteditable=""]';
/** These use the arrow keys themselves (the mask grid, the span picker, radio groups…). */
const OWN_ARROWS = `${TYPING}, [role="grid"], [role="listbox"], [role="slider"], [role="radiogroup"], [role="tablist"], [role="menu"]`;

const within = (target: EventTarget | null, selector: string) =>
  target instanceof Element && target.closest(selector) !== null;

/** One stage on: the lesson's next step while a lesson runs, else the next stage. */
function move(by: 1 | -1): void {
  if (lessonStore.getState().active) {
    if (by > 0) nextStep();
    else previousStep();
  } else if (by > 0) nextStage();
  else previousStage();
}

/** The toolbar button ("Present", or F). */
export function PresentButton() {
  const t = useT();
  const active = usePresent((s) => s.active);
  return (
    <button
      type="button"
      className="button present-button"
      aria-pressed={active}
      aria-keyshortcuts="F"
      title={t('present.buttonHint')}
      onClick={() => (active ? stopPresentation() : present())}
    >
      {t('present.button')}
    </button>
  );
}

/** The keys, anywhere in the page: F enters; while presenting Escape/F leave and the arrows move. */
function usePresentKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.isComposing) return;
      const { active } = presentStore.getState();
      const key = e.key;
      if (key === 'f' || key === 'F') {
        if (within(e.target, TYPING)) return;
        e.preventDefault();
        if (active) stopPresentation();
        else present();
        return;
      }
      if (!active) return;
      if (key === 'Escape') {
        e.preventDefault();
        stopPresentation();
      } else if (key === 'PageDown' || key === 'PageUp') {
        if (within(e.target, TYPING)) return;
        e.preventDefault();
        move(key === 'PageDown' ? 1 : -1);
      } else if (key === 'ArrowRight' || key === 'ArrowLeft') {
        if (within(e.target, OWN_ARROWS)) return;
        e.preventDefault();
        move(key === 'ArrowRight' ? 1 : -1);
      }
    };
    // Capture: before the lesson's own keys (which give way to a handled event).
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}

/** Leaving the browser's full screen (its own Escape) leaves presentation mode too. */
function useFullscreenExit(): void {
  useEffect(() => {
    const onChange = () => {
      if (!document.fullscreenElement && presentStore.getState().fullscreen) stopPresenting();
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
}

/** A running lesson leads the stage: its step's panel is the one on the stage. */
function useLessonLeads(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const follow = () => {
      const l = lessonStore.getState();
      const step = l.active ? LESSON_STEPS[l.step] : undefined;
      if (step) goToStage(stageOfPanel(step.panel));
    };
    follow();
    return lessonStore.subscribe(follow);
  }, [active]);
}

/** The bar over the stage and everything presentation mode does to the page; mounted once. */
export function Presentation() {
  const t = useT();
  const active = usePresent((s) => s.active);
  const index = usePresent((s) => s.stage);
  const lesson = useLesson((s) => s.active);
  const stage = STAGES[index]!;
  const barRef = useRef<HTMLDivElement>(null);
  const returnTo = useRef<Element | null>(null);

  usePresentKeys();
  useFullscreenExit();
  useLessonLeads(active);
  useStageFit(active ? stage.id : null);

  useLayoutEffect(() => {
    applyPresentAttributes(active ? stage.id : null);
  }, [active, stage.id]);
  useEffect(() => () => applyPresentAttributes(null), []);

  // Focus moves to the stage's bar when presenting starts (the toolbar is hidden), and back after.
  useEffect(() => {
    if (!active) return;
    returnTo.current = document.activeElement;
    barRef.current?.focus();
    return () => {
      const el = returnTo.current;
      if (el instanceof HTMLElement && el.isConnected) el.focus();
    };
  }, [active]);

  const k = index + 1;
  const n = STAGES.length;
  const title = t(stage.title);
  return (
    <>
      {active && (
        <div
          className="present-bar"
          role="region"
          aria-label={t('present.region')}
          tabIndex={-1}
          ref={barRef}
          data-stage={stage.id}
        >
          <p className="present-title">
            <span className="present-count">{t('present.stageOf', { k, n })}</span>
            <span className="present-name">{title}</span>
          </p>
          <span className="present-keys">{t('present.keys')}</span>
          <div className="present-tools">
            <button type="button" className="button" onClick={() => move(-1)} disabled={index === 0 && !lesson}>
              {t('present.previous')}
            </button>
            <button type="button" className="button" onClick={() => move(1)} disabled={k === n && !lesson}>
              {t('present.next')}
            </button>
            <button type="button" className="button" onClick={stopPresentation}>
              {t('present.leave')}
            </button>
          </div>
        </div>
      )}
      {/* Always in the page, so the first stage's name is announced too. */}
      <p className="visually-hidden" aria-live="polite" data-present-announce="">
        {active ? t('present.announce', { k, n, title }) : ''}
      </p>
    </>
  );
}
