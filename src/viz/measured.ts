/**
 * A measurement of an element's box and fonts, taken on mount, whenever the element resizes (the
 * root font follows the viewport) and on a theme change; the previous value is kept while the new
 * one is the same, so a resize that changes nothing re-renders nothing. Null when disabled or when
 * `measure` cannot measure (no layout, no canvas).
 */
import { useLayoutEffect, useState, type RefObject } from 'react';
import { useApp } from '../store/hooks';

export function useMeasured<T>(
  ref: RefObject<HTMLElement | null>,
  enabled: boolean,
  /** The element to watch, from the ref's (module-level, so the effect does not rerun). */
  target: (el: HTMLElement) => HTMLElement | null,
  /** Module-level too: the value, or null. */
  measure: (el: HTMLElement) => T | null,
  same: (a: T, b: T) => boolean,
): T | null {
  const theme = useApp((s) => s.theme);
  const [value, setValue] = useState<T | null>(null);
  useLayoutEffect(() => {
    const el = ref.current ? target(ref.current) : null;
    if (!enabled || !el) {
      setValue(null);
      return;
    }
    const read = () => {
      const next = measure(el);
      setValue((prev) => (next === null ? null : prev !== null && same(prev, next) ? prev : next));
    };
    read();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(read);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref, enabled, theme, target, measure, same]);
  return value;
}
