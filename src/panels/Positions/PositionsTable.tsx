/**
 * The 2D position table: one column per sequence position, rows Token, Target, Position, Block
 * position, Loss. Part A and Part B columns are shaded apart through `<col>` elements, and so is
 * the linked column: a hover re-draws the column group, never the cells (the body is memoised).
 */
import { memo, useRef, type CSSProperties } from 'react';
import type { Construction } from '../../glm';
import { useT, type Translate } from '../../i18n';
import { chipText, spanOfOrigin } from '../../viz/chips';
import { linkOf, useLinkHandlers } from '../../viz/chipsLinking';
import { spanColor } from '../../viz/colors';
import { TABLE_WINDOW, useColumnWindow } from './columns';

export interface PositionsTableProps {
  c: Construction;
  base: 0 | 1;
  /** How many columns to draw. */
  n: number;
  /** Sequence indices lit by the pointer. */
  lit: Set<number>;
}

/** Memoised: re-renders only when the (deferred) construction, numbering, width or pointer change. */
export const PositionsTable = memo(function PositionsTable({
  c,
  base,
  n,
  lit,
}: PositionsTableProps) {
  const t = useT();
  const links = useLinkHandlers();
  const labels = [
    t('positions.index'),
    t('positions.token'),
    t('positions.target'),
    t('positions.position'),
    t('positions.block'),
    t('positions.loss'),
  ];
  // Past TABLE_WINDOW columns only the columns in view of the scroll box around the table are drawn.
  const ref = useRef<HTMLTableElement>(null);
  const win = useColumnWindow(ref, c, n, base, labels, n >= TABLE_WINDOW);
  const { from, to } = win;

  const cols = Array.from({ length: to - from }, (_, j) => from + j);
  const a = Math.max(0, Math.min(c.sep, to) - from);
  const b = to - from - a;
  const left = win.on && from > 0 ? win.offsets![from]! : 0;
  const right = win.on && to < n ? win.total - win.offsets![to]! : 0;
  const spacer = (w: number) => (w > 0 ? <td className="spacer" aria-hidden="true" /> : null);
  return (
    <table
      ref={ref}
      className={win.on ? 'positions positions-windowed' : 'positions'}
      style={win.on ? { width: win.head + win.total } : undefined}
      aria-label={t('positions.tableLabel')}
      {...links}
    >
      <colgroup>
        <col className="col-head" style={win.on ? { width: win.head } : undefined} />
        {left > 0 && <col style={{ width: left }} />}
        {cols.map((i) => (
          <col
            key={i}
            className={`${i < c.sep ? 'col-a' : 'col-b'}${lit.has(i) ? ' is-lit' : ''}`}
            style={win.on ? { width: win.widths![i] } : undefined}
          />
        ))}
        {right > 0 && <col style={{ width: right }} />}
      </colgroup>
      <thead>
        <tr className="parts-row">
          <td className="corner" />
          {spacer(left)}
          {a > 0 && (
            <th scope="colgroup" colSpan={a} className="part-a">
              {t('positions.partA')}
            </th>
          )}
          {b > 0 && (
            <th scope="colgroup" colSpan={b} className="part-b">
              {t('positions.partB')}
            </th>
          )}
          {spacer(right)}
        </tr>
        <tr className="index-row">
          <th scope="col" className="corner">
            {t('positions.index')}
          </th>
          {spacer(left)}
          {cols.map((i) => (
            <th
              scope="col"
              key={i}
              data-link={linkOf('seq', i)}
              className={i === c.sep ? 'sep-start' : undefined}
            >
              {i + base}
            </th>
          ))}
          {spacer(right)}
        </tr>
      </thead>
      <Body c={c} base={base} from={from} to={to} left={left > 0} right={right > 0} t={t} />
    </table>
  );
});

interface BodyProps {
  c: Construction;
  base: 0 | 1;
  /** The columns drawn, [from, to), and whether spacer cells stand for columns left and right of them. */
  from: number;
  to: number;
  left: boolean;
  right: boolean;
  t: Translate;
}

const Body = memo(
  function Body({ c, base, from, to, left, right, t }: BodyProps) {
    const cols = Array.from({ length: to - from }, (_, j) => from + j);
    // Span of each column's origin (-1 for none): token and target cells take its colour.
    const spans = cols.map((i) => spanOfOrigin(c.origins[i]) ?? -1);
    const none = cols.map(() => -1);
    const row = (name: string, label: string, values: (string | number)[], s: number[]) => (
      <Row name={name} label={label} from={from} values={values} spans={s} sep={c.sep} left={left} right={right} />
    );
    return (
      <tbody>
        {row('token', t('positions.token'), cols.map((i) => chipText(c.tokens[i]!)), spans)}
        {row('target', t('positions.target'), cols.map((i) => chipText(c.targets[i]!)), spans)}
        {row('position', t('positions.position'), cols.map((i) => c.positionIds[i]! + base), none)}
        {row('block', t('positions.block'), cols.map((i) => c.blockPositionIds[i]!), none)}
        {row('loss', t('positions.loss'), cols.map((i) => c.lossMask[i]!), none)}
      </tbody>
    );
  },
  // The translator changes identity each render; the language change re-renders via the panel key.
  (p, q) =>
    p.c === q.c &&
    p.base === q.base &&
    p.from === q.from &&
    p.to === q.to &&
    p.left === q.left &&
    p.right === q.right,
);

interface RowProps {
  name: string;
  label: string;
  /** The first column drawn; values[j] and spans[j] are column from + j's. */
  from: number;
  values: (string | number)[];
  /** Span index per column whose colour the cell takes, or -1. */
  spans: number[];
  sep: number;
  /** Spacer cells for the columns not drawn, left and right. */
  left: boolean;
  right: boolean;
}

const sameItems = <T,>(a: readonly T[], b: readonly T[]) =>
  a === b || (a.length === b.length && a.every((x, i) => x === b[i]));

/**
 * One row, memoised on its values column by column: a keystroke that changes one token
 * re-renders the Token and Target rows (and in them, through Cell, one cell), not 5 × N cells.
 */
const Row = memo(
  function Row({ name, label, from, values, spans, sep, left, right }: RowProps) {
    return (
      <tr className={`row-${name}`}>
        <th scope="row">{label}</th>
        {left && <td className="spacer" aria-hidden="true" />}
        {values.map((v, j) => (
          <Cell key={from + j} i={from + j} value={v} span={spans[j]!} sepStart={from + j === sep} mono />
        ))}
        {right && <td className="spacer" aria-hidden="true" />}
      </tr>
    );
  },
  (p, q) =>
    p.name === q.name &&
    p.label === q.label &&
    p.from === q.from &&
    p.sep === q.sep &&
    p.left === q.left &&
    p.right === q.right &&
    sameItems(p.values, q.values) &&
    sameItems(p.spans, q.spans),
);

interface CellProps {
  i: number;
  value: string | number;
  span: number;
  sepStart: boolean;
  mono: boolean;
}

const Cell = memo(function Cell({ i, value, span, sepStart, mono }: CellProps) {
  const className =
    [mono ? 'mono' : '', sepStart ? 'sep-start' : '', span >= 0 ? 'cell-span' : '']
      .filter(Boolean)
      .join(' ') || undefined;
  return (
    <td
      data-link={linkOf('seq', i)}
      className={className}
      style={span >= 0 ? ({ '--span': spanColor(span) } as CSSProperties) : undefined}
    >
      {value}
    </td>
  );
});
