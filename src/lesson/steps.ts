/**
 * The guided lesson as data: one step per pipeline stage, in the order the app lays the panels
 * out, then a last step that trains a model on the lesson's text. Each step names the panel it brings forward, its text (translation keys), the questions
 * people get wrong at that point, and what it lights up (a store pointer, derived from the
 * construction so it works on the paper's example and on the user's own text alike).
 */
import type { Construction } from '../glm';
import type { MessageKey } from '../i18n';
import type { Pointer } from '../store/state';

/** The panels a step can bring forward: the `id` of each `<section id="panel-{id}">`. */
export type LessonPanel = 'text' | 'spans' | 'part-a' | 'part-b' | 'positions' | 'mask' | 'model' | 'pretrain';

export interface LessonStep {
  /** A stable id (tests, screenshots, stories). */
  id: 'text' | 'spans' | 'part-a' | 'shuffle' | 'part-b' | 'positions' | 'mask' | 'model' | 'pretrain';
  /** The panel brought forward (`#panel-{panel}`). */
  panel: LessonPanel;
  /** Step title. */
  title: MessageKey;
  /** Two or three sentences on what this stage does. */
  body: MessageKey;
  /** Points of confusion answered here (glm-blank-infilling.md §6). */
  confusions: MessageKey[];
  /** What the step lights up in the panels, or null. */
  pointer: (c: Construction | null) => Pointer | null;
}

/** The span generated first (placed first in Part B), or null without spans. */
export function firstPlaced(c: Construction | null): number | null {
  return c && c.order.length > 0 ? c.order[0]! : null;
}

/**
 * The cell that answers "can a span see another?": the [S] of the span placed last (query) looking
 * at the first token of the span placed first (key) — visible, because that span comes earlier in
 * Part B. Null with fewer than two spans.
 */
export function visibilityCell(c: Construction | null): { q: number; k: number; later: number; earlier: number } | null {
  if (!c || c.segments.length < 2) return null;
  const first = c.segments[0]!;
  const last = c.segments[c.segments.length - 1]!;
  // segment.start is its [S]; the span's first token follows it.
  return { q: last.start, k: Math.min(first.start + 1, first.end - 1), later: last.span, earlier: first.span };
}

export const LESSON_STEPS: readonly LessonStep[] = [
  {
    id: 'text',
    panel: 'text',
    title: 'lesson.text.title',
    body: 'lesson.text.body',
    confusions: ['lesson.confusion.numbering'],
    pointer: () => null,
  },
  {
    id: 'spans',
    panel: 'spans',
    title: 'lesson.spans.title',
    body: 'lesson.spans.body',
    confusions: [],
    pointer: (c) => {
      const s = firstPlaced(c);
      return s === null ? null : { kind: 'span', index: s };
    },
  },
  {
    id: 'part-a',
    panel: 'part-a',
    title: 'lesson.partA.title',
    body: 'lesson.partA.body',
    confusions: [],
    pointer: (c) => (c && c.maskIndex.length > 0 ? { kind: 'seq', index: c.maskIndex[0]! } : null),
  },
  {
    id: 'shuffle',
    panel: 'part-b',
    title: 'lesson.shuffle.title',
    body: 'lesson.shuffle.body',
    confusions: [],
    pointer: (c) => {
      const s = firstPlaced(c);
      return s === null ? null : { kind: 'span', index: s };
    },
  },
  {
    id: 'part-b',
    panel: 'part-b',
    title: 'lesson.partB.title',
    body: 'lesson.partB.body',
    confusions: ['lesson.confusion.maskLoss'],
    pointer: (c) => (c && c.segments.length > 0 ? { kind: 'seq', index: c.segments[0]!.start } : null),
  },
  {
    id: 'positions',
    panel: 'positions',
    title: 'lesson.positions.title',
    body: 'lesson.positions.body',
    confusions: ['lesson.confusion.blockZero', 'lesson.confusion.blockRange', 'lesson.confusion.numbering'],
    pointer: (c) => (c && c.segments.length > 0 ? { kind: 'seq', index: c.segments[0]!.start } : null),
  },
  {
    id: 'mask',
    panel: 'mask',
    title: 'lesson.mask.title',
    body: 'lesson.mask.body',
    confusions: ['lesson.confusion.whoSees'],
    pointer: (c) => {
      const v = visibilityCell(c);
      return v ? { kind: 'cell', q: v.q, k: v.k } : null;
    },
  },
  {
    id: 'model',
    panel: 'model',
    title: 'lesson.model.title',
    body: 'lesson.model.body',
    confusions: [],
    pointer: () => null,
  },
  {
    // Train a tiny GLM on the lesson's text, watch the loss, and let it fill the blanks.
    id: 'pretrain',
    panel: 'pretrain',
    title: 'lesson.pretrain.title',
    body: 'lesson.pretrain.body',
    confusions: ['lesson.confusion.memorises'],
    pointer: () => null,
  },
];

/** Clamps a step index into the lesson. */
export function clampStep(i: number, n: number = LESSON_STEPS.length): number {
  return Math.max(0, Math.min(n - 1, Math.trunc(i)));
}
