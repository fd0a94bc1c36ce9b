/**
 * The mask with one element per cell (N ≤ 64): a full ARIA grid. Each row holds its row header
 * (the query token) and N gridcells named "query 6 x5, key 2 [MASK]: visible — ...". One cell is
 * tabbable (roving tabindex); the arrow keys move focus. Rows re-render only when their own props
 * change. A cell's name is put together with aria-labelledby from shared pieces (its row's
 * "query 6 x5,", its column's "key 2 [MASK]:", one of 16 verdicts), so an edit to the text
 * rewrites a handful of hidden labels instead of thousands of attributes. With weights each cell
 * has its own words ("...; weight 0.132"), so it gets an aria-label.
 */
import {
  memo,
  useId,
  useRef,
  type CSSProperties,
  type FocusEvent,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import { translate } from '../../i18n';
import { setPointer } from '../../store/store';
import type { MatrixLayout } from '../../viz/matrix';
import { weightAt } from '../../viz/matrix-weights';
import { nextCell, pageRows, type CellPos } from './keyboard';
import type { MatrixModel } from './model';
import { cellKind, cellName, namePieces, verdictCode } from './text';

export interface MatrixViewProps {
  model: MatrixModel;
  layout: MatrixLayout;
  /** The cell that holds the tab stop. */
  active: CellPos;
  /** Moves the tab stop (focus follows where the view can). */
  onActive: (p: CellPos) => void;
  /** The grid's accessible name ("Attention mask"). */
  name: string;
  /** Id of the one-sentence summary. */
  describedBy: string;
}

function readCell(target: EventTarget | null): CellPos | null {
  const el = (target as Element | null)?.closest?.('[data-k]');
  if (!el) return null;
  return { q: Number(el.getAttribute('data-q')), k: Number(el.getAttribute('data-k')) };
}

function readSeq(target: EventTarget | null): number | null {
  const el = (target as Element | null)?.closest?.('[data-seq]');
  return el ? Number(el.getAttribute('data-seq')) : null;
}

/** A row's columns: n cells of `cell` px. */
const columns = (n: number, cell: number) => `repeat(${n}, ${cell}px)`;

interface RowProps {
  q: number;
  model: MatrixModel;
  layout: MatrixLayout;
  /** Column of the tab stop when it is in this row, else -1. */
  activeK: number;
  /** Prefix of the ids of the name pieces. */
  ids: string;
}

const Row = memo(function Row({ q, model, layout, activeK, ids }: RowProps) {
  const { n, sep, text, weights, weightColor, c } = model;
  const { cell, top } = layout;
  const cells = [];
  for (let k = 0; k < n; k++) {
    const kind = cellKind(sep, q, k);
    const bg =
      weights && weightColor && kind === 'visible'
        ? weightColor(weightAt(weights.flat, n, sep, q, k))
        : undefined;
    cells.push(
      <div
        key={k}
        role="gridcell"
        tabIndex={k === activeK ? 0 : -1}
        aria-label={weights ? cellName(text, q, k) : undefined}
        aria-labelledby={
          weights ? undefined : `${ids}q${q} ${ids}k${k} ${ids}v${verdictCode(c, q, k)}`
        }
        data-q={q}
        data-k={k}
        className={`mask-cell mask-cell-${kind}`}
        style={bg ? { background: bg } : undefined}
      />,
    );
  }
  const [index, ...rest] = model.labels[q]!.split(' ');
  return (
    <div
      role="row"
      className="mask-row"
      style={{ top: top + q * cell, gridTemplateColumns: columns(n, cell) }}
    >
      <div
        role="rowheader"
        className="mask-head mask-rowhead"
        aria-label={translate(text.lang, 'mask.rowHeader', {
          i: q + text.base,
          tok: model.c.tokens[q] ?? '',
        })}
        data-seq={q}
      >
        <span className="mask-idx">{index}</span> <span className="mask-tok">{rest.join(' ')}</span>
      </div>
      {cells}
    </div>
  );
});

const HeaderRow = memo(function HeaderRow({
  model,
  layout,
}: {
  model: MatrixModel;
  layout: MatrixLayout;
}) {
  const { n, text } = model;
  const { left, top } = layout;
  const heads = [];
  for (let k = 0; k < n; k++) {
    const [index, ...rest] = model.labels[k]!.split(' ');
    heads.push(
      <div
        key={k}
        role="columnheader"
        className="mask-head mask-colhead"
        aria-label={translate(text.lang, 'mask.colHeader', {
          i: k + text.base,
          tok: model.c.tokens[k] ?? '',
        })}
        data-seq={k}
      >
        <span className="mask-idx">{index}</span> <span className="mask-tok">{rest.join(' ')}</span>
      </div>,
    );
  }
  return (
    <div
      role="row"
      className="mask-row mask-headrow"
      style={{ gridTemplateColumns: columns(n, layout.cell) }}
    >
      <div
        role="columnheader"
        className="mask-corner"
        aria-label={translate(text.lang, 'mask.cornerName')}
        style={{ left: 0, top: layout.partBand, width: left - 4, height: top - layout.partBand, fontSize: layout.bandFont }}
      >
        {translate(text.lang, 'mask.corner')}
      </div>
      {heads}
    </div>
  );
});

/**
 * The grid's geometry as CSS variables: rows are CSS grids, so cells need no inline style of
 * their own (4,096 cells at n = 64 stay cheap to create and to diff). The variables are
 * inherited by every cell, so only values that rarely change live here: n changes with every
 * word typed, so the column count is set on each row instead (changing an inherited variable
 * would restyle all 4,096 cells).
 */
function gridStyle(layout: MatrixLayout): CSSProperties {
  return {
    width: layout.width,
    height: layout.height,
    fontSize: layout.font,
    '--mask-cell': `${layout.cell}px`,
    '--mask-cell-inner': `${layout.cell - layout.gap}px`,
    '--mask-left': `${layout.left}px`,
    '--mask-top': `${layout.top}px`,
    '--mask-label': `${layout.labelSize}px`,
    '--mask-band-size': `${layout.partBand}px`,
    '--mask-hatch-line': `${Math.max(2, Math.round(layout.cell / 14))}px`,
    '--mask-hatch-gap': `${Math.max(6, Math.round(layout.cell / 4))}px`,
  } as CSSProperties;
}

/** The hidden pieces cells are named from (outside the grid, so they never count as its rows). */
const NamePieces = memo(function NamePieces({ model, ids }: { model: MatrixModel; ids: string }) {
  const { query, key, verdicts } = namePieces(model.text);
  return (
    <div hidden>
      {query.map((s, i) => (
        <span key={`q${i}`} id={`${ids}q${i}`}>
          {s}
        </span>
      ))}
      {key.map((s, i) => (
        <span key={`k${i}`} id={`${ids}k${i}`}>
          {s}
        </span>
      ))}
      {verdicts.map((s, i) => (
        <span key={`v${i}`} id={`${ids}v${i}`}>
          {s}
        </span>
      ))}
    </div>
  );
});

export function DomMatrix({ model, layout, active, onActive, name, describedBy }: MatrixViewProps) {
  const ref = useRef<HTMLDivElement>(null);
  const ids = `${useId()}-`;
  const rows = [];
  for (let q = 0; q < model.n; q++) {
    rows.push(
      <Row
        key={q}
        q={q}
        model={model}
        layout={layout}
        activeK={q === active.q ? active.k : -1}
        ids={ids}
      />,
    );
  }
  const focusCell = (p: CellPos) => {
    ref.current?.querySelector<HTMLElement>(`[data-q="${p.q}"][data-k="${p.k}"]`)?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const from = readCell(e.target);
    if (!from) return;
    const next = nextCell(e, from, model.n, pageRows(layout.cell));
    if (!next) return;
    e.preventDefault();
    focusCell(next);
  };
  const onFocus = (e: FocusEvent) => {
    const p = readCell(e.target);
    if (!p) return;
    onActive(p);
    setPointer({ kind: 'cell', ...p });
  };
  const onBlur = (e: FocusEvent) => {
    if (!ref.current?.contains(e.relatedTarget as Node | null)) setPointer(null);
  };
  const onMouseOver = (e: MouseEvent) => {
    const p = readCell(e.target);
    if (p) return setPointer({ kind: 'cell', ...p });
    const i = readSeq(e.target);
    if (i !== null) setPointer({ kind: 'seq', index: i });
  };
  const onMouseLeave = () => {
    const focused = ref.current?.contains(document.activeElement)
      ? readCell(document.activeElement)
      : null;
    setPointer(focused ? { kind: 'cell', ...focused } : null);
  };
  return (
    <>
      <NamePieces model={model} ids={ids} />
      <div
        ref={ref}
        role="grid"
        aria-label={name}
        aria-describedby={describedBy}
        className="mask-grid mask-grid-dom"
        style={gridStyle(layout)}
        onKeyDown={onKeyDown}
        onFocus={onFocus}
        onBlur={onBlur}
        onMouseOver={onMouseOver}
        onMouseLeave={onMouseLeave}
      >
        <HeaderRow model={model} layout={layout} />
        {rows}
      </div>
    </>
  );
}
