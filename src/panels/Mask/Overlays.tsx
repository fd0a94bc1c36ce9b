/**
 * What lies over the cells and never takes the mouse: the sep dividers, the rows and columns of
 * highlighted tokens (linked from every panel), the pointed cell, and a tooltip saying why.
 */
import { tooltipAt, type MatrixLayout } from '../../viz/matrix';
import type { MatrixModel } from './model';
import { cellVerdict } from './text';

interface BodyOverlaysProps {
  model: MatrixModel;
  layout: MatrixLayout;
  /** Sequence indices whose row and column light up. */
  lit: number[];
  /** The pointed cell, if any. */
  pointed: { q: number; k: number } | null;
}

/** Below this cell size bands are filled, not outlined (outlines would swallow the cell). */
const OUTLINE_MIN_CELL = 8;

export function BodyOverlays({ model, layout, lit, pointed }: BodyOverlaysProps) {
  const { n, sep } = model;
  const { cell, left, top, size } = layout;
  const fill = cell < OUTLINE_MIN_CELL ? ' is-filled' : '';
  const strongQ = pointed?.q ?? -1;
  const strongK = pointed?.k ?? -1;
  return (
    <div className="mask-overlays" aria-hidden="true">
      {lit.map((i) => (
        <div
          key={`r${i}`}
          className={`mask-band mask-band-row${fill}${i === strongQ ? ' is-strong' : ''}`}
          style={{ left, top: top + i * cell, width: size, height: cell }}
        />
      ))}
      {lit.map((i) => (
        <div
          key={`c${i}`}
          className={`mask-band mask-band-col${fill}${i === strongK ? ' is-strong' : ''}`}
          style={{ left: left + i * cell, top, width: cell, height: size }}
        />
      ))}
      {sep > 0 && sep < n && (
        <>
          <div
            className="mask-divider mask-divider-v"
            style={{ left: left + sep * cell - 1, top, height: size }}
          />
          <div
            className="mask-divider mask-divider-h"
            style={{ left, top: top + sep * cell - 1, width: size }}
          />
        </>
      )}
      {pointed && (
        <div
          className="mask-pointed"
          style={{
            left: left + pointed.k * cell,
            top: top + pointed.q * cell,
            width: cell,
            height: cell,
          }}
        />
      )}
    </div>
  );
}

interface TooltipProps {
  model: MatrixModel;
  layout: MatrixLayout;
  pointed: { q: number; k: number };
  /** Width of the visible area (px): beside the matrix when it fits there, else by the cell. */
  room: number;
}

const TIP_HEIGHT = 52;
const TIP_MAX = 320;

/** "visible — a Part B token sees all of Part A", by the pointed cell (decorative: the details line is live). */
export function Tooltip({ model, layout, pointed, room }: TooltipProps) {
  const text = cellVerdict(model.text, pointed.q, pointed.k);
  const w = Math.min(TIP_MAX, Math.ceil(text.length * 7.4) + 20);
  const { left, top, cell, size, height } = layout;
  let x: number;
  let y: number;
  let side = '';
  if (layout.width + 14 + w <= room) {
    // Beside the matrix, level with the pointed row: never hides a cell.
    x = left + size + 14;
    y = Math.min(Math.max(top + pointed.q * cell + cell / 2 - 14, layout.partBand), height - 28);
    side = ' is-beside';
  } else {
    const p = tooltipAt(layout, pointed.q, pointed.k, w, TIP_HEIGHT);
    x = left + p.x;
    y = top + p.y;
  }
  return (
    <div className="mask-tip-layer" aria-hidden="true">
      <div className={`mask-tooltip${side}`} style={{ left: x, top: y, maxWidth: w }}>
        {text}
      </div>
    </div>
  );
}
