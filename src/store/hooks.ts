/** React bindings of the store: one selector per field, derived data through `useDerived`. */
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { derive, highlightOf, type Derived, type Highlight } from './derive';
import { store } from './store';
import type { AppState } from './state';

export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(store, selector);
}

/** Everything derived from the choices (memoised; re-renders only when they change). */
export function useDerived(): Derived {
  const input = useStore(
    store,
    useShallow((s: AppState) => ({ text: s.text, cls: s.cls, spans: s.spans, order: s.order, objective: s.objective, layout: s.layout, imported: s.imported, tokenizer: s.tokenizer })),
  );
  return derive(input);
}

/** What the current pointer lights up. */
export function useHighlight(): Highlight {
  const pointer = useApp((s) => s.pointer);
  const { construction } = useDerived();
  return highlightOf(pointer, construction);
}
