/**
 * Entering and leaving presentation mode from anywhere (the button, the F key, tests): the store's
 * state, the browser's full screen where it is allowed, and <html data-present>.
 */
import { lessonStore } from '../../lesson/lessonStore';
import { LESSON_STEPS } from '../../lesson/steps';
import { presentStore, setFullscreen, stageOfPanel, startPresenting, stopPresenting } from './presentStore';

/** Asks for the browser's full screen; false where it is not available or refused. */
async function enterFullscreen(): Promise<boolean> {
  const root = document.documentElement;
  if (typeof root.requestFullscreen !== 'function' || document.fullscreenEnabled === false) return false;
  try {
    await root.requestFullscreen({ navigationUI: 'hide' });
    return true;
  } catch {
    return false;
  }
}

function leaveFullscreen(): void {
  if (typeof document.exitFullscreen === 'function' && document.fullscreenElement) {
    document.exitFullscreen().catch(() => {});
  }
}

/** Enters presentation mode (at the lesson's step when a lesson runs) and asks for full screen. */
export function present(): void {
  const lesson = lessonStore.getState();
  if (lesson.active) startPresenting(stageOfPanel(LESSON_STEPS[lesson.step]?.panel ?? 'text'));
  else startPresenting();
  void enterFullscreen().then((ok) => {
    if (!ok) return;
    if (presentStore.getState().active) setFullscreen(true);
    else leaveFullscreen(); // left again before the browser answered
  });
}

/** Leaves presentation mode (and the full screen it entered). */
export function stopPresentation(): void {
  stopPresenting();
  leaveFullscreen();
}

/** Sets or clears <html data-present> (the stage's id); a pure DOM helper. */
export function applyPresentAttributes(stage: string | null, root: HTMLElement = document.documentElement): void {
  if (stage) root.dataset.present = stage;
  else delete root.dataset.present;
}
