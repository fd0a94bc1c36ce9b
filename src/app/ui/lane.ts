/**
 * A panel's lane (`src/store/lane.ts`) in the browser: an IntersectionObserver says whether the
 * panel's section is on screen; while it is not, changes wait until the edits pause (`quietMs`)
 * or, during a long run of edits, at most `maxWaitMs`, and all come at once when the panel
 * scrolls near the view (a second observer, `margin` beyond it), before it is seen. Without IntersectionObserver (jsdom, old browsers) a panel counts
 * as on screen, and everything follows at once.
 */
import { startTransition } from 'react';
import { flushSync } from 'react-dom';
import type { Lane } from '../../store/lane';

export interface LaneOptions {
  /** How long the edits must pause before a panel out of view follows them. */
  quietMs?: number;
  /** The longest a change waits, however fast the edits come. */
  maxWaitMs?: number;
  /** How far beyond the view a waiting panel catches up (IntersectionObserver's rootMargin). */
  margin?: string;
}

export interface DomLane extends Lane {
  /** Watches `el` (the panel's section); returns the function that stops watching. */
  observe(el: Element | null): () => void;
}

/** Each watching lane's way to hand over (and forget) what it has pending, for `catchUpAll`. */
const watching = new Set<() => (() => void)[]>();

/**
 * Brings every panel up to date now, in one synchronous render: for what reads the panels' DOM
 * (a panel's picture, say) right after an edit.
 */
export function catchUpAll(): void {
  const runs = [...watching].flatMap((take) => take());
  if (runs.length) flushSync(() => runs.forEach((run) => run()));
}

export function createLane({ quietMs = 120, maxWaitMs = 600, margin = '50% 0px' }: LaneOptions = {}): DomLane {
  let visible = true;
  const pending = new Map<object, () => void>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let firstPending = 0;

  const take = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const runs = [...pending.values()];
    pending.clear();
    return runs;
  };
  const flush = () => {
    const runs = take();
    if (runs.length)
      startTransition(() => {
        for (const run of runs) run();
      });
  };

  return {
    onScreen: () => visible,
    later(key, run) {
      const now = performance.now();
      if (pending.size === 0) firstPending = now;
      pending.set(key, run);
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(flush, Math.max(0, Math.min(quietMs, firstPending + maxWaitMs - now)));
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
        if (visible) flush();
      });
      const near = new IntersectionObserver((entries) => last(entries) && flush(), { rootMargin: margin });
      view.observe(el);
      near.observe(el);
      watching.add(take);
      return () => {
        watching.delete(take);
        view.disconnect();
        near.disconnect();
        visible = true;
        flush();
      };
    },
  };
}
