/**
 * One token as a monospace chip: the token on top, a small number (index or position) under it.
 * A chip in a span takes that span's colour (`--span`, from spanColor); the CSS mixes the fill for
 * the theme, so a span looks the same in every panel. Chips carry no handlers: lists delegate.
 * The token and its number are separated by a space (not drawn: the chip is a flex column), so
 * the chip's visible text reads "cat 2", and a chip's accessible name starts with exactly that.
 */
import { createElement, memo, type CSSProperties, type HTMLAttributes, type Ref } from 'react';
import { chipKind, chipText, type ChipKind } from './chips';
import { spanColor } from './colors';

export interface TokenChipProps extends HTMLAttributes<HTMLElement> {
  /** The token as the engine spells it. */
  token: string;
  /** A small number under the token (an index or a position); omitted when undefined. */
  index?: number | string;
  /** Sorted-span index whose colour the chip takes, or null for none. */
  span?: number | null;
  /** How the chip is drawn (defaults to the token's own kind). */
  kind?: ChipKind;
  /** Lit up by the linked pointer (hover or focus anywhere). */
  lit?: boolean;
  /** Part of a selection being made. */
  selected?: boolean;
  /** The element to render (a list item by default). */
  as?: 'li' | 'div' | 'span';
  /** In a windowed list (chipWindow.ts): the chip's left, top and width in px. */
  boxX?: number;
  boxY?: number;
  boxW?: number;
  /** Forwarded to the element (React 19 passes refs as props). */
  ref?: Ref<HTMLElement>;
}

function TokenChipImpl({
  token,
  index,
  span = null,
  kind,
  lit,
  selected,
  as = 'li',
  boxX,
  boxY,
  boxW,
  className,
  style,
  ...rest
}: TokenChipProps) {
  const k = kind ?? chipKind(token);
  const text = chipText(token);
  const classes = [
    'chip',
    `chip-${k}`,
    span !== null ? 'chip-span' : '',
    lit ? 'is-lit' : '',
    selected ? 'is-selected' : '',
    className ?? '',
  ]
    .filter(Boolean)
    .join(' ');
  const placed = boxX !== undefined && boxY !== undefined && boxW !== undefined;
  const css =
    span !== null || placed
      ? ({
          ...style,
          ...(span !== null ? { '--span': spanColor(span) } : null),
          ...(placed ? { left: boxX, top: boxY, width: boxW } : null),
        } as CSSProperties)
      : style;
  return createElement(
    as,
    { ...rest, className: classes, style: css, 'data-kind': k },
    <span className="chip-text">{text}</span>,
    index !== undefined ? ' ' : null,
    index !== undefined ? <span className="chip-index">{index}</span> : null,
  );
}

/** Memoised: a list re-renders on hover, but only the chips whose props change re-draw. */
export const TokenChip = memo(TokenChipImpl);
