/**
 * The span picker: the tokens as a listbox of chips with a roving tabindex.
 * Mouse/touch: press and drag across chips to make a span; shift-click stretches the last span
 * from its anchor. Keys: arrows move, Shift+arrows select, Enter or Space adds the selection (or
 * the focused token), Delete/Backspace removes the span under focus, Escape drops the selection.
 */
import {
  memo,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';
import type { Token } from '../../glm';
import { useT } from '../../i18n';
import { useApp } from '../../store/hooks';
import { removeSpan, setAnchor, store } from '../../store/store';
import { ShowAll } from '../../app/ui/ShowAll';
import { useDeferredDerived } from '../../app/ui/useDeferredDerived';
import { chipText, drawCount, rangeSpan, spanCover } from '../../viz/chips';
import { linkOf, useLinkHandlers, useLinkedHighlight } from '../../viz/chipsLinking';
import { TokenChip } from '../../viz/TokenChip';
import { commitRange, extendFromAnchor, spanAt } from './selection';

const indexOf = (target: EventTarget | null): number | null => {
  const el = target instanceof Element ? target.closest<HTMLElement>('[data-index]') : null;
  return el ? Number(el.dataset.index) : null;
};

export function SpanPicker() {
  const t = useT();
  const id = useId();
  const { tokens, construction } = useDeferredDerived();
  const spans = construction?.spans;
  const base = useApp((s) => s.base);
  const anchor = useApp((s) => s.anchor);
  const h = useLinkedHighlight(construction);
  const links = useLinkHandlers();
  const listRef = useRef<HTMLDivElement>(null);
  const [showAll, setShowAll] = useState(false);
  const [focus, setFocus] = useState(0);
  const [head, setHeadState] = useState<number | null>(null);
  const headRef = useRef<number | null>(null);
  const dragging = useRef(false);
  const setHead = (v: number | null) => {
    headRef.current = v;
    setHeadState(v);
  };

  const n = drawCount(tokens.length, showAll);
  const current = Math.max(0, Math.min(focus, n - 1));
  const pending = anchor !== null && head !== null ? rangeSpan(anchor, head) : null;
  const cover = useMemo(() => spanCover(spans ?? [], tokens.length), [spans, tokens.length]);

  // A drag may end anywhere on the page.
  useEffect(() => {
    const up = () => {
      if (!dragging.current) return;
      dragging.current = false;
      const a = store.getState().anchor;
      const b = headRef.current;
      headRef.current = null;
      setHeadState(null);
      if (a !== null && b !== null) commitRange(a, b);
    };
    window.addEventListener('pointerup', up);
    window.addEventListener('pointercancel', up);
    return () => {
      window.removeEventListener('pointerup', up);
      window.removeEventListener('pointercancel', up);
    };
  }, []);

  const moveFocus = (i: number) => {
    setFocus(i);
    listRef.current?.querySelector<HTMLElement>(`[data-index="${i}"]`)?.focus();
  };

  const onPointerDown = (e: PointerEvent) => {
    const i = indexOf(e.target);
    if (i === null || e.button !== 0) return;
    e.preventDefault(); // no text selection while dragging
    const el = e.target as Element;
    if (typeof el.hasPointerCapture === 'function' && el.hasPointerCapture(e.pointerId)) {
      el.releasePointerCapture(e.pointerId); // touch captures implicitly; drags need the chips under the finger
    }
    moveFocus(i);
    if (e.shiftKey && store.getState().anchor !== null) {
      extendFromAnchor(i);
      setHead(null);
      return;
    }
    setAnchor(i);
    setHead(i);
    dragging.current = true;
  };

  const onPointerOver = (e: PointerEvent) => {
    links.onPointerOver(e);
    if (!dragging.current) return;
    const i = indexOf(e.target);
    if (i !== null && i !== headRef.current) setHead(i);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (n === 0) return;
    const to = (i: number) => {
      e.preventDefault();
      const next = Math.max(0, Math.min(n - 1, i));
      if (e.shiftKey) {
        if (headRef.current === null) setAnchor(current);
        setHead(next);
      } else if (headRef.current !== null) {
        setHead(null);
        setAnchor(null);
      }
      moveFocus(next);
    };
    switch (e.key) {
      case 'ArrowRight':
      case 'ArrowDown':
        return to(current + 1);
      case 'ArrowLeft':
      case 'ArrowUp':
        return to(current - 1);
      case 'Home':
        return to(0);
      case 'End':
        return to(n - 1);
      case 'Enter':
      case ' ': {
        e.preventDefault();
        const a = headRef.current !== null ? (store.getState().anchor ?? current) : current;
        const b = headRef.current ?? current;
        setHead(null);
        commitRange(a, b);
        return;
      }
      case 'Delete':
      case 'Backspace': {
        e.preventDefault();
        const i = spanAt(store.getState().spans, current);
        if (i >= 0) removeSpan(i);
        return;
      }
      case 'Escape':
        if (headRef.current !== null) {
          e.preventDefault();
          setHead(null);
          setAnchor(null);
        }
        return;
    }
  };

  if (tokens.length === 0) return <p className="empty">{t('text.empty')}</p>;

  return (
    <>
      <p className="panel-meta" id={`${id}-help`}>
        {t('spans.help')}
      </p>
      <div
        ref={listRef}
        role="listbox"
        aria-label={t('spans.pickerLabel')}
        aria-multiselectable="true"
        aria-describedby={`${id}-help`}
        className="chips picker"
        onPointerDown={onPointerDown}
        onPointerOver={onPointerOver}
        onPointerLeave={links.onPointerLeave}
        onFocus={links.onFocus}
        onBlur={links.onBlur}
        onKeyDown={onKeyDown}
      >
        <PickerOptions
          tokens={tokens}
          n={n}
          cover={cover}
          base={base}
          lit={h.text}
          from={pending?.start ?? -1}
          to={pending?.end ?? -1}
          current={current}
        />
      </div>
      <ShowAll shown={n} total={tokens.length} onShowAll={() => setShowAll(true)} />
    </>
  );
}

interface PickerOptionsProps {
  tokens: Token[];
  n: number;
  /** Span index per token, or -1. */
  cover: Int32Array;
  base: number;
  lit: Set<number>;
  /** The selection being made, [from, to), or -1s. */
  from: number;
  to: number;
  /** The option holding the roving tab stop. */
  current: number;
}

/** The options, memoised on deferred data: a keystroke in the text does not re-render them. */
const PickerOptions = memo(function PickerOptions({
  tokens,
  n,
  cover,
  base,
  lit,
  from,
  to,
  current,
}: PickerOptionsProps) {
  const t = useT();
  return tokens.slice(0, n).map((tok, i) => {
    const s = cover[i]!;
    const selected = i >= from && i < to;
    const label =
      s >= 0
        ? t('spans.optionInSpan', { token: chipText(tok.text), index: i + base, span: s + base })
        : t('spans.option', { token: chipText(tok.text), index: i + base });
    return (
      <TokenChip
        key={i}
        as="div"
        role="option"
        token={tok.text}
        index={i + base}
        span={s >= 0 ? s : null}
        lit={lit.has(i)}
        selected={selected}
        aria-selected={selected}
        aria-label={label}
        tabIndex={i === current ? 0 : -1}
        data-index={i}
        data-link={linkOf('text', i)}
      />
    );
  });
});
