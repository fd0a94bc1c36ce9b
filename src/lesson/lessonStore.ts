/**
 * The lesson's own state (a small zustand store beside the app's): whether it runs, which step,
 * which text it follows, the presenter view, and the user's choices saved at the start so ending
 * the lesson gives them back exactly. The steps themselves are data (steps.ts).
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { applyChoices, choicesOf, loadPaperExample, sampleNow, setPointer, store } from '../store/store';
import type { Choices } from '../store/state';
import { clampStep, LESSON_STEPS } from './steps';

/** Which text the lesson follows. */
export type LessonSource = 'paper' | 'own';

export interface LessonState {
  active: boolean;
  /** 0-based step index into LESSON_STEPS. */
  step: number;
  source: LessonSource;
  /** Large type, controls hidden, one panel at a time. */
  presenter: boolean;
  /** The user's choices when the lesson started (restored when it ends), or null. */
  saved: Choices | null;
}

const initial: LessonState = { active: false, step: 0, source: 'paper', presenter: false, saved: null };

export const lessonStore = createStore<LessonState>(() => initial);

export function useLesson<T>(selector: (s: LessonState) => T): T {
  return useStore(lessonStore, selector);
}

const get = () => lessonStore.getState();
const set = (patch: Partial<LessonState>) => lessonStore.setState(patch);

/** Puts the app's store on the lesson's text: the paper's example, or the user's own (with spans). */
function loadSource(source: LessonSource, saved: Choices): void {
  if (source === 'paper') {
    loadPaperExample();
    return;
  }
  applyChoices({ ...saved, lang: store.getState().lang, theme: store.getState().theme });
  if (store.getState().spans.length === 0) sampleNow();
}

/** Starts the lesson at step 1, saving the user's choices first. */
export function startLesson(source: LessonSource = 'paper'): void {
  const saved = get().active && get().saved ? get().saved! : choicesOf(store.getState());
  set({ active: true, step: 0, source, saved });
  loadSource(source, saved);
}

/** Switches the text the lesson follows (the user's saved choices stay saved). */
export function setLessonSource(source: LessonSource): void {
  const { active, saved } = get();
  if (!active || !saved) return;
  set({ source });
  loadSource(source, saved);
}

export function goToStep(step: number): void {
  if (!get().active) return;
  set({ step: clampStep(step) });
}

export function nextStep(): void {
  goToStep(get().step + 1);
}

export function previousStep(): void {
  goToStep(get().step - 1);
}

export function setPresenter(presenter: boolean): void {
  set({ presenter });
}

/**
 * Ends the lesson and gives the user back what they had: their text, spans, order and settings.
 * The language and theme stay as they are now (the user may have switched them on purpose), and
 * so do the fine-tuning panel's template and words.
 */
export function endLesson(): void {
  const { active, saved } = get();
  if (!active) return;
  set({ active: false, step: 0, presenter: false, saved: null });
  setPointer(null);
  // The fine-tuning panel is not part of the lesson: what the user typed there meanwhile stays.
  if (saved) applyChoices({ ...saved, lang: store.getState().lang, theme: store.getState().theme, finetune: store.getState().finetune });
}

/** For tests and stories: back to "no lesson". */
export function resetLesson(): void {
  lessonStore.setState(initial, true);
}

export const LESSON_LENGTH = LESSON_STEPS.length;
