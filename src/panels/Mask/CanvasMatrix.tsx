/**
 * The mask on a <canvas> (N > 64): one pixel per cell, scaled up by CSS with
 * `image-rendering: pixelated`. Assistive technology still gets a grid: the canvas container is
 * the `role="grid"` element (with aria-rowcount/colcount), and one proxy row holds a focusable
 * gridcell for the current cell, named like every DOM cell ("query .., key ..: visible — ..."),
 * with its row and column headers. The proxy doubles as the focus ring; mouse positions map to
 * cells through the same geometry.
 */
import {
  useEffect,
  useEffectEvent,
  useLayoutEffect,
  useRef,
  type FocusEvent,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import { translate } from '../../i18n';
import { setPointer } from '../../store/store';
import { cellAt } from '../../viz/matrix';
import { maskCanvasSide, paintMask } from '../../viz/matrix-canvas';
import type { MatrixViewProps } from './DomMatrix';
import { nextCell, pageRows, type CellPos } from './keyboard';
import { cellName } from './text';

export function CanvasMatrix({
  model,
  layout,
  active,
  onActive,
  name,
  describedBy,
}: MatrixViewProps) {
  const gridRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const cellRef = useRef<HTMLDivElement>(null);
  /** Set while the tab stop moves by keyboard or click, so the new proxy cell takes focus. */
  const moving = useRef(false);
  /** Where the mouse last was over the grid (viewport coordinates), so a scroll can re-aim it. */
  const mouse = useRef<{ x: number; y: number } | null>(null);
  const { n, text } = model;
  const { cell, left, top, size } = layout;

  // The pixels depend on sep, n, the palette and the weights only: an edit that changes a token
  // but not the lengths (most keystrokes) repaints nothing.
  const { sep, palette, weights } = model;
  useLayoutEffect(() => {
    if (canvasRef.current) paintMask(canvasRef.current, sep, n, palette, weights ?? undefined);
  }, [sep, n, palette, weights]);

  useLayoutEffect(() => {
    if (!moving.current) return;
    moving.current = false;
    cellRef.current?.focus();
  }, [active]);

  const move = (p: CellPos) => {
    moving.current = true;
    onActive(p);
    setPointer({ kind: 'cell', ...p });
  };
  /** The cell under a point of the viewport, or null. */
  const cellUnder = (x: number, y: number) => {
    const r = gridRef.current!.getBoundingClientRect();
    return cellAt(layout, x - r.left, y - r.top);
  };
  const local = (e: MouseEvent) => cellUnder(e.clientX, e.clientY);
  const onMouseMove = (e: MouseEvent) => {
    mouse.current = { x: e.clientX, y: e.clientY };
    const p = local(e);
    if (p) setPointer({ kind: 'cell', ...p });
  };
  const onMouseDown = (e: MouseEvent) => {
    const p = local(e);
    if (!p) return;
    e.preventDefault();
    if (p.q === active.q && p.k === active.k) cellRef.current?.focus();
    else move(p);
  };
  const onMouseLeave = () => {
    mouse.current = null;
    const focused = document.activeElement === cellRef.current;
    setPointer(focused ? { kind: 'cell', ...active } : null);
  };
  // A canvas is one element, so scrolling it under a still mouse fires no mouse event: without
  // this the details would go on naming the cell that was under the mouse before the scroll.
  const onScroll = useEffectEvent(() => {
    if (!mouse.current || !gridRef.current) return;
    const p = cellUnder(mouse.current.x, mouse.current.y);
    if (p) setPointer({ kind: 'cell', ...p });
    else onMouseLeave();
  });
  useEffect(() => {
    const listener = () => onScroll();
    window.addEventListener('scroll', listener, { capture: true, passive: true });
    return () => window.removeEventListener('scroll', listener, { capture: true });
  }, []);
  const onKeyDown = (e: KeyboardEvent) => {
    const next = nextCell(e, active, n, pageRows(layout.cell));
    if (!next) return;
    e.preventDefault();
    if (next.q !== active.q || next.k !== active.k) move(next);
  };
  const onBlur = (e: FocusEvent) => {
    if (moving.current) return;
    if (!gridRef.current?.contains(e.relatedTarget as Node | null)) setPointer(null);
  };
  const q = Math.min(active.q, n - 1);
  const k = Math.min(active.k, n - 1);

  return (
    <>
      <div
        ref={gridRef}
        role="grid"
        aria-label={name}
        aria-describedby={describedBy}
        aria-rowcount={n + 1}
        aria-colcount={n + 1}
        className="mask-grid mask-grid-canvas"
        style={{ left, top, width: size, height: size }}
        onMouseMove={onMouseMove}
        onMouseDown={onMouseDown}
        onMouseLeave={onMouseLeave}
        onKeyDown={onKeyDown}
        onBlur={onBlur}
      >
        <canvas
          ref={canvasRef}
          className="mask-canvas"
          aria-hidden="true"
          width={maskCanvasSide(n)}
          height={maskCanvasSide(n)}
          style={{ width: size, height: size }}
        />
        <div role="row" aria-rowindex={1} className="mask-proxy-row">
          <div role="columnheader" aria-colindex={k + 2} className="mask-sr-only">
            {translate(text.lang, 'mask.colHeader', {
              i: k + text.base,
              tok: model.c.tokens[k] ?? '',
            })}
          </div>
        </div>
        <div role="row" aria-rowindex={q + 2} className="mask-proxy-row">
          <div role="rowheader" aria-colindex={1} className="mask-sr-only">
            {translate(text.lang, 'mask.rowHeader', {
              i: q + text.base,
              tok: model.c.tokens[q] ?? '',
            })}
          </div>
          <div
            key={`${q}-${k}`}
            ref={cellRef}
            role="gridcell"
            aria-colindex={k + 2}
            tabIndex={0}
            aria-label={cellName(text, q, k)}
            data-q={q}
            data-k={k}
            className="mask-proxy-cell"
            style={{ left: k * cell, top: q * cell, width: cell, height: cell }}
            onFocus={() => setPointer({ kind: 'cell', q, k })}
          />
        </div>
      </div>
    </>
  );
}
