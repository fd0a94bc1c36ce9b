/**
 * A small attention mask for any scheme (not only GLM's `sep` rule): an ARIA grid of n × n cells
 * named "query 3 x4, key 5 [S]: masked", with one tab stop and arrow keys (the WAI-ARIA grid
 * pattern). Past MINI_DOM_LIMIT tokens it is painted on a canvas and the grid holds one focusable
 * summary cell. Hover or focus writes the cell's name in a caption under the matrix.
 */
import { useLayoutEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type MouseEvent } from 'react';
import { nextCell } from '../panels/Mask/keyboard';
import type { Theme } from '../store/state';
import { MATRIX } from './colors';
import { isVisible, miniCell, miniIsDom } from './mini-matrix-geometry';
import { packColor } from './matrix-canvas';
import './mini-matrix.css';

export interface MiniMatrixProps {
  /** Row-major 0/1 mask, shape [n, n]. */
  mask: Uint8Array;
  n: number;
  /** The grid's accessible name (starts with "Attention mask"). */
  name: string;
  /** Index where a second part starts (a divider is drawn before it), or null. */
  split?: number | null;
  /** The accessible name of cell (q, k). */
  cellName: (q: number, k: number, visible: boolean) => string;
  /** One sentence on the whole mask (the canvas's single cell, and under a canvas). */
  summary: string;
  /** Colours of the theme. */
  theme?: Theme;
  /** Width the matrix may use (px). */
  width?: number;
}

interface Pos {
  q: number;
  k: number;
}

function readCell(target: EventTarget | null): Pos | null {
  const el = (target as Element | null)?.closest?.('[data-k]');
  if (!el) return null;
  return { q: Number(el.getAttribute('data-q')), k: Number(el.getAttribute('data-k')) };
}

function CanvasMini({ mask, n, name, summary, theme = 'light', width = 240 }: MiniMatrixProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const cell = miniCell(n, width);
  useLayoutEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext?.('2d');
    if (!canvas || !ctx) return;
    const pal = MATRIX[theme];
    if (typeof ImageData === 'undefined' || n === 0) return;
    // One pass over the mask into packed pixels: a fillRect per visible run is O(n²) calls for
    // masks like XLNet's, whose rows are scattered.
    const data = new Uint8ClampedArray(n * n * 4);
    const px = new Uint32Array(data.buffer);
    const on = packColor(pal.visible);
    const off = packColor(pal.masked);
    for (let i = 0; i < n * n; i++) px[i] = mask[i] === 1 ? on : off;
    ctx.putImageData(new ImageData(data, n, n), 0, 0);
  }, [mask, n, theme]);
  return (
    <div className="mm">
      <div role="grid" aria-label={name} aria-rowcount={n} aria-colcount={n} className="mm-grid mm-canvas-grid">
        <div role="row" aria-rowindex={1}>
          <div role="gridcell" tabIndex={0} aria-colindex={1} aria-label={summary} className="mm-canvas-cell">
            <canvas ref={ref} width={n} height={n} style={{ width: n * cell, height: n * cell }} aria-hidden="true" />
          </div>
        </div>
      </div>
      <p className="mm-caption">{summary}</p>
    </div>
  );
}

function DomMini({ mask, n, name, split = null, cellName, theme = 'light', width = 240 }: MiniMatrixProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState<Pos>({ q: 0, k: 0 });
  const [shown, setShown] = useState<Pos | null>(null);
  const cell = miniCell(n, width);
  const pal = MATRIX[theme];
  const a = { q: Math.min(active.q, n - 1), k: Math.min(active.k, n - 1) };

  const onKeyDown = (e: KeyboardEvent) => {
    const from = readCell(e.target);
    if (!from) return;
    const next = nextCell(e, from, n, 4);
    if (!next) return;
    e.preventDefault();
    ref.current?.querySelector<HTMLElement>(`[data-q="${next.q}"][data-k="${next.k}"]`)?.focus();
  };
  const onFocus = (e: FocusEvent) => {
    const p = readCell(e.target);
    if (!p) return;
    setActive(p);
    setShown(p);
  };
  const onOver = (e: MouseEvent) => setShown(readCell(e.target));

  const rows = [];
  for (let q = 0; q < n; q++) {
    const cells = [];
    for (let k = 0; k < n; k++) {
      const v = isVisible(mask, n, q, k);
      cells.push(
        <div
          key={k}
          role="gridcell"
          tabIndex={q === a.q && k === a.k ? 0 : -1}
          aria-label={cellName(q, k, v)}
          data-q={q}
          data-k={k}
          className={`mm-cell ${v ? 'mm-on' : 'mm-off'}${split !== null && k === split && k > 0 ? ' mm-split-k' : ''}`}
          style={{ width: cell, height: cell, background: v ? pal.visible : pal.masked }}
        />,
      );
    }
    rows.push(
      <div key={q} role="row" className={`mm-row${split !== null && q === split && q > 0 ? ' mm-split-q' : ''}`}>
        {cells}
      </div>,
    );
  }
  return (
    <div className="mm">
      <div
        ref={ref}
        role="grid"
        aria-label={name}
        className="mm-grid"
        style={{ background: pal.grid }}
        onKeyDown={onKeyDown}
        onFocus={onFocus}
        onMouseOver={onOver}
        onMouseLeave={() => setShown(null)}
      >
        {rows}
      </div>
      <p className="mm-caption" aria-hidden="true">
        {shown ? cellName(shown.q, shown.k, isVisible(mask, n, shown.q, shown.k)) : '\u00a0'}
      </p>
    </div>
  );
}

/** The matrix: one element per cell up to MINI_DOM_LIMIT tokens, a canvas beyond. */
export function MiniMatrix(props: MiniMatrixProps) {
  return miniIsDom(props.n) ? <DomMini {...props} /> : <CanvasMini {...props} />;
}
