/** React bindings of the store: one selector per field, derived data through `useDerived`. */
import { startTransition, useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { shallow } from 'zustand/shallow';
import { derive, highlightOf, type Derived, type Highlight } from './derive';
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
 * The store's inputs to `derive`, followed in a transition: the component keeps what it last
 * rendered until React renders the new inputs in the background (interrupted, and restarted, by
 * each keystroke). Unlike `useDeferredValue` of a store selection, it is not subscribed for an
 * urgent render: a keystroke's urgent render never reaches the panels that use it at all.
 */
function useTransitionInput(): Input {
  const [input, setInput] = useState(() => pickInput(store.getState()));
  useEffect(() => {
    const follow = () => {
      const next = pickInput(store.getState());
      startTransition(() => setInput((prev) => (shallow(prev, next) ? prev : next)));
    };
    follow(); // anything that changed between the render and this subscription
    return store.subscribe(follow);
  }, []);
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
