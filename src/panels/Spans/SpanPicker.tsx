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
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';
import type { Token } from '../../glm';
import { translate, useT } from '../../i18n';
import { useApp } from '../../store/hooks';
import type { Lang } from '../../store/state';
import { removeSpan, setAnchor, store } from '../../store/store';
import { ShowAll } from '../../app/ui/ShowAll';
import { useDeferredDerived } from '../../app/ui/useDeferredDerived';
import { chipsClass, chipText, drawCount, LONG_LIST, rangeSpan, spanCover } from '../../viz/chips';
import { placed, useChipWindow, windowStyle, type ChipWindow } from '../../viz/chipWindow';
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
  const { tokens, texts, construction } = useDeferredDerived();
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
  // A long list is windowed: only the options near the view are drawn (chipWindow.ts).
  const win = useChipWindow(listRef, texts, n, base, n >= LONG_LIST);
  /** An option to focus once it is drawn (the window moves to it first). */
  const pendingFocus = useRef<number | null>(null);
  useLayoutEffect(() => {
    const i = pendingFocus.current;
    if (i === null) return;
    const el = listRef.current?.querySelector<HTMLElement>(`[data-index="${i}"]`);
    if (el) {
      pendingFocus.current = null;
      el.focus();
    }
  });

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
    const el = listRef.current?.querySelector<HTMLElement>(`[data-index="${i}"]`);
    if (el) el.focus();
    else {
      // Not drawn (a windowed list): scroll to it, and focus it once it is.
      pendingFocus.current = i;
      win.reveal(i);
    }
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
      <p className="panel-meta" id={`${id}-help`} data-export="skip">
        {t('spans.help')}
      </p>
      <div
        ref={listRef}
        role="listbox"
        aria-label={t('spans.pickerLabel')}
        aria-multiselectable="true"
        aria-describedby={`${id}-help`}
        className={chipsClass(n, win.on ? 'picker chips-windowed' : 'picker')}
        style={windowStyle(win)}
        onScroll={win.on ? win.onScroll : undefined}
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
          win={win}
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
  /** The window of a long list (which options to draw, and where). */
  win: ChipWindow;
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
  win,
  cover,
  base,
  lit,
  from,
  to,
  current,
}: PickerOptionsProps) {
  const lang = useApp((s) => s.lang);
  const option = (i: number) => (
    <PickerOption
      key={i}
      token={tokens[i]!.text}
      i={i}
      base={base}
      span={cover[i]!}
      lit={lit.has(i)}
      selected={i >= from && i < to}
      tabbable={i === current}
      lang={lang}
      {...placed(win, i, n)}
    />
  );
  const options = [];
  // The option holding the tab stop is always drawn, so Tab always reaches the list.
  if (current < win.from) options.push(option(current));
  for (let i = win.from; i < win.to; i++) options.push(option(i));
  if (current >= win.to && current < n) options.push(option(current));
  return options;
});

interface PickerOptionProps {
  token: string;
  i: number;
  base: number;
  /** Span index, or -1. */
  span: number;
  lit: boolean;
  selected: boolean;
  tabbable: boolean;
  lang: Lang;
  boxX?: number;
  boxY?: number;
  boxW?: number;
  'aria-setsize'?: number;
  'aria-posinset'?: number;
}

/**
 * One option, memoised on its own values (all primitives): an edit re-renders the options whose
 * token, span or state changed, and only those work out their accessible names.
 */
const PickerOption = memo(function PickerOption({
  token,
  i,
  base,
  span,
  lit,
  selected,
  tabbable,
  lang,
  ...where
}: PickerOptionProps) {
  const label =
    span >= 0
      ? translate(lang, 'spans.optionInSpan', { token: chipText(token), index: i + base, span: span + base })
      : translate(lang, 'spans.option', { token: chipText(token), index: i + base });
  return (
    <TokenChip
      as="div"
      role="option"
      token={token}
      index={i + base}
      span={span >= 0 ? span : null}
      lit={lit}
      selected={selected}
      aria-selected={selected}
      aria-label={label}
      tabIndex={tabbable ? 0 : -1}
      data-index={i}
      data-link={linkOf('text', i)}
      {...where}
    />
  );
});
