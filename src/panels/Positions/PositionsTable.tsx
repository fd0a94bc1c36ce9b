/**
 * The 2D position table: one column per sequence position, rows Token, Target, Position, Block
 * position, Loss. Part A and Part B columns are shaded apart through `<col>` elements, and so is
 * the linked column: a hover re-draws the column group, never the cells (the body is memoised).
 */
import { memo, type CSSProperties } from 'react';
import type { Construction } from '../../glm';
import { useT, type Translate } from '../../i18n';
import { chipText, spanOfOrigin } from '../../viz/chips';
import { linkOf, useLinkHandlers } from '../../viz/chipsLinking';
import { spanColor } from '../../viz/colors';

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
  const cols = Array.from({ length: n }, (_, i) => i);
  const a = Math.min(c.sep, n);
  const b = n - a;
  return (
    <table className="positions" aria-label={t('positions.tableLabel')} {...links}>
      <colgroup>
        <col className="col-head" />
        {cols.map((i) => (
          <col
            key={i}
            className={`${i < c.sep ? 'col-a' : 'col-b'}${lit.has(i) ? ' is-lit' : ''}`}
          />
        ))}
      </colgroup>
      <thead>
        <tr className="parts-row">
          <td className="corner" />
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
        </tr>
        <tr className="index-row">
          <th scope="col" className="corner">
            {t('positions.index')}
          </th>
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
        </tr>
      </thead>
      <Body c={c} base={base} n={n} t={t} />
    </table>
  );
});

interface BodyProps {
  c: Construction;
  base: 0 | 1;
  n: number;
  t: Translate;
}

const Body = memo(
  function Body({ c, base, n, t }: BodyProps) {
    const cols = Array.from({ length: n }, (_, i) => i);
    const spanStyle = (i: number): CSSProperties | undefined => {
      const s = spanOfOrigin(c.origins[i]);
      return s === null ? undefined : ({ '--span': spanColor(s) } as CSSProperties);
    };
    const row = (
      key: string,
      label: string,
      cell: (i: number) => string | number,
      mono = true,
      styled = false,
    ) => (
      <tr className={`row-${key}`}>
        <th scope="row">{label}</th>
        {cols.map((i) => (
          <td
            key={i}
            data-link={linkOf('seq', i)}
            className={
              [
                mono ? 'mono' : '',
                i === c.sep ? 'sep-start' : '',
                styled && spanOfOrigin(c.origins[i]) !== null ? 'cell-span' : '',
              ]
                .filter(Boolean)
                .join(' ') || undefined
            }
            style={styled ? spanStyle(i) : undefined}
          >
            {cell(i)}
          </td>
        ))}
      </tr>
    );
    return (
      <tbody>
        {row('token', t('positions.token'), (i) => chipText(c.tokens[i]!), true, true)}
        {row('target', t('positions.target'), (i) => chipText(c.targets[i]!), true, true)}
        {row('position', t('positions.position'), (i) => c.positionIds[i]! + base)}
        {row('block', t('positions.block'), (i) => c.blockPositionIds[i]!)}
        {row('loss', t('positions.loss'), (i) => c.lossMask[i]!)}
      </tbody>
    );
  },
  // The translator changes identity each render; the language change re-renders via the panel key.
  (p, q) => p.c === q.c && p.base === q.base && p.n === q.n,
);
