/**
 * What the span picker does with a finished gesture, over the store's actions. The anchor of the
 * last selection stays in the store (`anchor`), so a shift-click can extend the span it began.
 */
import { addSpan, replaceSpan, setAnchor, store } from '../../store/store';
import type { Span } from '../../glm';
import { rangeSpan } from '../../viz/chips';

/** Adds the span between `anchor` and `head` (inclusive); keeps the anchor if it was added. */
export function commitRange(anchor: number, head: number): boolean {
  const ok = addSpan(rangeSpan(anchor, head));
  setAnchor(ok ? anchor : null);
  return ok;
}

/** The index of the span covering text index `t`, or -1. */
export function spanAt(spans: readonly Span[], t: number): number {
  return spans.findIndex((s) => t >= s.start && t < s.end);
}

/**
 * Shift-click: stretches the span that holds the anchor so it runs from the anchor to `to`
 * (or, when no span holds it, adds one). Refusals come back as notices from the store.
 */
export function extendFromAnchor(to: number): boolean {
  const { anchor, spans } = store.getState();
  if (anchor === null) return commitRange(to, to);
  const i = spanAt(spans, anchor);
  const ok = i >= 0 ? replaceSpan(i, rangeSpan(anchor, to)) : addSpan(rangeSpan(anchor, to));
  if (ok) setAnchor(anchor);
  return ok;
}
