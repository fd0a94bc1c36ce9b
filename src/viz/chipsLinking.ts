/**
 * Linking by delegation: a list of chips gets one set of handlers that read `data-link` (an index)
 * from the chip under the pointer or focus and point the store at it. Chips stay handler-free, so
 * a hover re-draws only the chips whose `lit` changes.
 */
import { useMemo, type FocusEvent, type PointerEvent } from 'react';
import type { Construction } from '../glm';
import { highlightOf, type Highlight } from '../store/derive';
import { useApp } from '../store/hooks';
import { setPointer } from '../store/store';

export type LinkKind = 'text' | 'seq' | 'span';

function linkedIndex(target: EventTarget | null): { kind: LinkKind; index: number } | null {
  const el = target instanceof Element ? target.closest<HTMLElement>('[data-link]') : null;
  if (!el) return null;
  const [kind, raw] = (el.dataset.link ?? '').split(':');
  const index = Number(raw);
  if ((kind !== 'text' && kind !== 'seq' && kind !== 'span') || !Number.isInteger(index))
    return null;
  return { kind, index };
}

/** The `data-link` value for a chip: what it points at when hovered or focused. */
export function linkOf(kind: LinkKind, index: number): string {
  return `${kind}:${index}`;
}

export interface LinkHandlers {
  onPointerOver: (e: PointerEvent) => void;
  onPointerLeave: () => void;
  onFocus: (e: FocusEvent) => void;
  onBlur: (e: FocusEvent) => void;
}

/** Handlers for a container of chips marked with `data-link={linkOf(kind, index)}`. */
export function useLinkHandlers(): LinkHandlers {
  return useMemo(
    () => ({
      onPointerOver: (e: PointerEvent) => {
        const p = linkedIndex(e.target);
        if (p) setPointer(p);
      },
      onPointerLeave: () => setPointer(null),
      onFocus: (e: FocusEvent) => {
        const p = linkedIndex(e.target);
        if (p) setPointer(p);
      },
      onBlur: (e: FocusEvent) => {
        const next = e.relatedTarget;
        if (!(next instanceof Node) || !e.currentTarget.contains(next)) setPointer(null);
      },
    }),
    [],
  );
}

/**
 * What the pointer lights up, over the construction a panel is drawing (its deferred one, so
 * indices match what is on screen). Memoised: the same object until the pointer or data change,
 * so memoised chip lists skip re-rendering on unrelated updates.
 */
export function useLinkedHighlight(c: Construction | null): Highlight {
  const pointer = useApp((s) => s.pointer);
  return useMemo(() => highlightOf(pointer, c), [pointer, c]);
}
