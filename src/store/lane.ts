/**
 * When a panel takes the store's changes. A panel on screen follows every change at once (in the
 * edit's own render or the next background one: `urgency.ts` decides); a panel out of view takes
 * them a little later, once the edits pause, so an edit's first render and paint hold only what
 * the user can see. The DOM side (what is on screen, the timer) is `src/app/ui/lane.ts`; without a
 * lane a component follows at once.
 */
import { createContext } from 'react';

export interface Lane {
  /** True while the panel is on screen (and until anything says otherwise). */
  onScreen(): boolean;
  /**
   * Runs `run` later: when the edits pause, or at once when the panel comes near the screen.
   * One pending `run` per `key` (a newer one replaces it); every pending `run` of the lane goes in
   * one transition, so a panel never shows two states at once.
   */
  later(key: object, run: () => void): void;
  /** Forgets `key`'s pending `run`, if any. */
  cancel(key: object): void;
}

export const LaneContext = createContext<Lane | null>(null);
