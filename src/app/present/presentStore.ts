/**
 * Presentation mode's own state (a small zustand store beside the app's): whether the app is
 * presenting, which stage is on screen, and whether the browser's full screen was entered for it.
 * The stages are data: each names the panels (`<section id="panel-{id}">`) it puts on the stage.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { MessageKey } from '../../i18n';
import type { LessonPanel } from '../../lesson/steps';

export type StageId = 'text' | 'parts' | 'positions' | 'mask' | 'model' | 'pretrain';

export interface Stage {
  id: StageId;
  /** The stage's name (announced, and shown in the bar). */
  title: MessageKey;
  /** The panels it shows, side by side. */
  panels: readonly string[];
}

/** The stages in pipeline order: (a) text and spans … (f) pre-training. */
export const STAGES: readonly Stage[] = [
  { id: 'text', title: 'present.stage.text', panels: ['text', 'spans'] },
  { id: 'parts', title: 'present.stage.parts', panels: ['part-a', 'part-b'] },
  { id: 'positions', title: 'present.stage.positions', panels: ['positions'] },
  { id: 'mask', title: 'present.stage.mask', panels: ['mask'] },
  { id: 'model', title: 'present.stage.model', panels: ['model'] },
  { id: 'pretrain', title: 'present.stage.pretrain', panels: ['pretrain'] },
];

/** The stage that shows a lesson step's panel (a lesson running beside the stage leads it). */
export function stageOfPanel(panel: LessonPanel | string): number {
  const i = STAGES.findIndex((s) => s.panels.includes(panel));
  return i < 0 ? 0 : i;
}

export interface PresentState {
  active: boolean;
  /** Index into STAGES. */
  stage: number;
  /** Whether the browser's full screen was entered for this presentation (else: the window overlay). */
  fullscreen: boolean;
}

const initial: PresentState = { active: false, stage: 0, fullscreen: false };

export const presentStore = createStore<PresentState>(() => initial);

export function usePresent<T>(selector: (s: PresentState) => T): T {
  return useStore(presentStore, selector);
}

const clampStage = (i: number) => Math.max(0, Math.min(STAGES.length - 1, Math.trunc(i)));

export function startPresenting(stage = presentStore.getState().stage): void {
  presentStore.setState({ active: true, stage: clampStage(stage) });
}

export function stopPresenting(): void {
  presentStore.setState({ active: false, fullscreen: false });
}

export function goToStage(stage: number): void {
  presentStore.setState({ stage: clampStage(stage) });
}

export function nextStage(): void {
  goToStage(presentStore.getState().stage + 1);
}

export function previousStage(): void {
  goToStage(presentStore.getState().stage - 1);
}

export function setFullscreen(fullscreen: boolean): void {
  presentStore.setState({ fullscreen });
}

/** For tests and stories: back to "not presenting". */
export function resetPresent(): void {
  presentStore.setState(initial, true);
}
