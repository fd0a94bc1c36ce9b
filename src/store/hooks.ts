/** React bindings of the store: one selector per field, derived data through `useDerived`. */
import { useDeferredValue } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
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

/**
 * The same, for heavy panels: the inputs are deferred before anything is computed, so a
 * keystroke's urgent render does no tokenizing or construction for them at all.
 */
export function useDeferredDerivedInput(): Derived {
  return derive(useDeferredValue(useStore(store, useShallow(pickInput))));
}

/** What the current pointer lights up. */
export function useHighlight(): Highlight {
  const pointer = useApp((s) => s.pointer);
  const { construction } = useDerived();
  return highlightOf(pointer, construction);
}
