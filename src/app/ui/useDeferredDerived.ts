/**
 * The derived pipeline for heavy panels: the urgent render keeps the previous value, and React
 * renders the new one in the background, so typing in a 100k-character text never waits for them.
 * The store inputs are deferred, not the result, so the urgent render computes nothing. Inside a
 * `PanelLane`, a panel in view takes small edits in their own render instead (the pacer says when)
 * and a panel out of view takes them once the edits pause (`useTransitionInput` in store/hooks).
 */
import { useDeferredDerivedInput, type Derived } from '../../store';

export function useDeferredDerived(): Derived {
  return useDeferredDerivedInput();
}
