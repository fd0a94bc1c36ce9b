/**
 * Whether the panels in view take the store's current state in the edit's own render: the
 * page's two pacers (`pace.ts`), asked once per edit. No React and no DOM: the hooks call it.
 */
import { createPacer, type Pacer } from './pace';
import { store } from './store';
import type { AppState } from './state';

/**
 * One pacer for typing, whose frame must not wait, with half a frame of script; one for the other
 * edits (a span added, an order, an option), which may take most of a frame, since no keystroke
 * is waiting behind them.
 */
const pacers = { typing: createPacer(), other: createPacer({ budgetMs: 14, initialRate: 14 / 2048 }) };
let decided: { state: AppState; urgent: boolean } | null = null;
let measuring: Pacer | null = null;
let lastText: string | null = null;

/**
 * Do the panels in view take the store's current state (`text`, of `count()` tokens) in the
 * edit's own render? Decided once per store state, whichever panel asks first.
 */
export function urgentNow(count: () => number, text: string): boolean {
  const state = store.getState();
  if (decided?.state !== state) {
    const pacer = lastText !== null && text !== lastText ? pacers.typing : pacers.other;
    lastText = text;
    const tokens = count();
    const now = performance.now();
    const urgent = pacer.urgent(tokens, now);
    if (urgent) {
      pacer.started(tokens, now);
      measuring = pacer;
      // The urgent render commits before this task ends; if nothing committed, nothing changed.
      setTimeout(() => pacer.abandon(), 0);
    }
    decided = { state, urgent };
  }
  return decided.urgent;
}

/** A panel committed new inputs: ends the measurement of an urgent render, if one is open. */
export function committedNow(): void {
  measuring?.committed(performance.now());
}
