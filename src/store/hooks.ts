/** React bindings of the store: one selector per field, derived data through `useDerived`. */
import { startTransition, useContext, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { shallow } from 'zustand/shallow';
import { derive, highlightOf, tokensFor, type Derived, type Highlight } from './derive';
import { LaneContext } from './lane';
import { committedNow, urgentNow } from './urgency';
import { store } from './store';
import type { AppState } from './state';

export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(store, selector);
}

/** Everything derived from the choices (memoised; re-renders only when they change). */
const pickInput = (s: AppState) => ({
  text: s.text,
  cls: s.cls,
  spans: s.spans,
  order: s.order,
  objective: s.objective,
  layout: s.layout,
  imported: s.imported,
  tokenizer: s.tokenizer,
});

export function useDerived(): Derived {
  return derive(useStore(store, useShallow(pickInput)));
}

type Input = ReturnType<typeof pickInput>;

/**
 * The store's inputs to `derive`, as a panel follows them:
 * - Outside a lane (tests, stories, dialogs): in a transition. The component keeps what it last
 *   rendered until React renders the new inputs in the background (interrupted, and restarted, by
 *   each keystroke). Unlike `useDeferredValue` of a store selection, it is not subscribed for an
 *   urgent render: a keystroke's urgent render never reaches it at all.
 * - In a panel's lane (`LaneContext`), in view: in the edit's own render while the pacer says the
 *   panels in view fit a frame's budget (the frame that shows the keystroke shows them too), else
 *   in a transition as above.
 * - In a lane, out of view: later, when the lane says so (once the edits pause).
 */
function useTransitionInput(): Input {
  const lane = useContext(LaneContext);
  const [input, setInput] = useState(() => pickInput(store.getState()));
  useEffect(() => {
    const key = {};
    let last: Input | null = null; // the inputs last handed to React (or waiting in the lane)
    const apply = (next: Input) => setInput((prev) => (shallow(prev, next) ? prev : next));
    const follow = () => {
      const next = pickInput(store.getState());
      if (last && shallow(last, next)) return; // a change to something else (the pointer, say)
      last = next;
      if (lane && !lane.onScreen()) {
        lane.later(key, () => apply(next));
        return;
      }
      lane?.cancel(key);
      if (lane && urgentNow(() => tokensFor(next).length, next.text)) apply(next);
      else startTransition(() => apply(next));
    };
    follow(); // anything that changed between the render and this subscription
    const unsubscribe = store.subscribe(follow);
    return () => {
      unsubscribe();
      lane?.cancel(key);
    };
  }, [lane]);
  // The commit of an urgent render ends the pacer's measurement (after every layout effect).
  useLayoutEffect(() => {
    queueMicrotask(committedNow);
  }, [input]);
  return input;
}

/**
 * The same, for heavy panels: derived from inputs that follow the store in a transition, so a
 * keystroke's urgent render neither re-renders these panels nor tokenizes or constructs anything
 * for them; they re-render once, in the background, with the new construction.
 */
export function useDeferredDerivedInput(): Derived {
  return derive(useTransitionInput());
}

/**
 * What the current pointer lights up, over the (deferred) construction the panels draw. The same
 * object until the pointer or the construction change, so memoised children can skip re-rendering.
 */
export function useHighlight(): Highlight {
  const pointer = useApp((s) => s.pointer);
  const { construction } = useDeferredDerivedInput();
  return useMemo(() => highlightOf(pointer, construction), [pointer, construction]);
}
