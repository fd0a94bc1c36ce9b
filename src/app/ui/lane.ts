/**
 * Panels' lanes (`src/store/lane.ts`) in the browser. An IntersectionObserver says whether a
 * panel's section is on screen. While it is not, its changes wait until the edits pause
 * (`quietMs`), however long the run of edits: a catch-up in the middle of a burst of typing would
 * make a keystroke wait for its commit (115 ms at 2,048 tokens, `scripts/bench/ui-burst.mjs`). A
 * lane also catches up at once when its panel scrolls near the view (a second observer, `margin`
 * beyond it), before it is seen.
 * The lanes of a group share one timer, so every waiting panel catches up in the same render.
 * Without IntersectionObserver (jsdom, old browsers) a panel counts as on screen.
 */
import { startTransition } from 'react';
import { flushSync } from 'react-dom';
import type { Lane } from '../../store/lane';

export interface GroupOptions {
  /** How long the edits must pause before the panels out of view follow them. */
  quietMs?: number;
}

export interface DomLane extends Lane {
  /** Watches `el` (the panel's section); returns the function that stops watching. */
  observe(el: Element | null): () => void;
}

export interface LaneGroup {
  /** A lane for one panel; `margin`: how far beyond the view it catches up (rootMargin). */
  lane(margin?: string): DomLane;
  /** Brings every lane up to date now, in one synchronous render (for what reads their DOM). */
  catchUp(): void;
}

type Runs = Map<object, () => void>;

/** Takes (and forgets) the pending runs of `maps`. */
const takeRuns = (maps: Runs[]): (() => void)[] =>
  maps.flatMap((m) => {
    const r = [...m.values()];
    m.clear();
    return r;
  });

export function createLaneGroup({ quietMs = 120 }: GroupOptions = {}): LaneGroup {
  const waiting = new Set<Runs>(); // the lanes with something pending
  let timer: ReturnType<typeof setTimeout> | null = null;

  const stopTimer = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  /** Takes every lane's pending runs (and stops the timer). */
  const takeAll = () => {
    stopTimer();
    const runs = takeRuns([...waiting]);
    waiting.clear();
    return runs;
  };
  const flushAll = () => {
    const runs = takeAll();
    if (runs.length) startTransition(() => runs.forEach((run) => run()));
  };
  const schedule = () => {
    stopTimer();
    timer = setTimeout(flushAll, quietMs);
  };

  return {
    lane(margin = '50% 0px') {
      let visible = true;
      const pending: Runs = new Map();
      const flushMine = () => {
        waiting.delete(pending);
        if (waiting.size === 0) stopTimer();
        const runs = takeRuns([pending]);
        if (runs.length) startTransition(() => runs.forEach((run) => run()));
      };
      return {
        onScreen: () => visible,
        later(key, run) {
          pending.set(key, run);
          waiting.add(pending);
          schedule();
        },
        cancel(key) {
          pending.delete(key);
        },
        observe(el) {
          if (!el || typeof IntersectionObserver === 'undefined') return () => {};
          visible = false; // until the observer's first report, a moment after this
          const last = (entries: IntersectionObserverEntry[]) => entries[entries.length - 1]!.isIntersecting;
          const view = new IntersectionObserver((entries) => {
            visible = last(entries);
            if (visible) flushMine();
          });
          const near = new IntersectionObserver((entries) => last(entries) && flushMine(), { rootMargin: margin });
          view.observe(el);
          near.observe(el);
          return () => {
            view.disconnect();
            near.disconnect();
            visible = true;
            flushMine();
          };
        },
      };
    },
    catchUp() {
      const runs = takeAll();
      if (runs.length) flushSync(() => runs.forEach((run) => run()));
    },
  };
}

/** The page's panels share one group. */
export const panelLanes = createLaneGroup();

/** Brings every panel up to date now (before a panel's picture is taken from its DOM). */
export const catchUpAll = (): void => panelLanes.catchUp();
