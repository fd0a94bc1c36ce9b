/**
 * What runs along the two axes, each in its own layer (figure coordinates): the
 * "Part A | Part B" bands, the span-colour strips, the sep divider through the band, the
 * highlight of linked tokens over the labels, and on the canvas path the sampled labels and the
 * strip that turns mouse positions into token pointers. On the canvas path the layers stick to
 * the top and left edges while a big matrix scrolls. Decorations are hidden from assistive
 * technology, which reads the grid's own row and column headers.
 */
import { memo, type MouseEvent } from 'react';
import { translate } from '../../i18n';
import { setPointer } from '../../store/store';
import { spanColor } from '../../viz/colors';
import { indexAt, labelIndices, runsOf, type MatrixLayout, type PartSegment } from '../../viz/matrix';
import type { MatrixModel } from './model';

export type Axis = 'top' | 'left';

interface AxisProps {
  axis: Axis;
  model: MatrixModel;
  layout: MatrixLayout;
}

function partName(model: MatrixModel, s: PartSegment): string {
  if (s.fit === 'none' || s.part === 'pad')
    return s.fit === 'full' && s.part === 'pad' ? translate(model.text.lang, 'mask.padding') : '';
  return s.fit === 'full'
    ? translate(model.text.lang, s.part === 'A' ? 'mask.partA' : 'mask.partB')
    : s.part;
}

/** Where the span strip sits across the axis (px from the figure edge). */
function stripOffset(layout: MatrixLayout): number {
  return layout.partBand + layout.labelSize + 3;
}

/** A rectangle along the axis: `at`/`len` along it, `from`/`size` across it. */
function along(
  axis: Axis,
  layout: MatrixLayout,
  at: number,
  len: number,
  from: number,
  size: number,
) {
  return axis === 'top'
    ? { left: layout.left + at, top: from, width: len, height: size }
    : { left: from, top: layout.top + at, width: size, height: len };
}

/** Bands, strips, divider and (canvas path) sampled labels: redrawn only when the matrix changes. */
export const AxisDecor = memo(function AxisDecor({
  axis,
  model,
  layout,
  labels,
}: AxisProps & { labels: boolean }) {
  const { cell, labelSize } = layout;
  const { sep, n } = model;
  const runs = runsOf(model.spanOf);
  const line = layout.font + 4;
  // Labels centred on their token, kept inside the axis; one that would then overlap its
  // neighbour (at the two ends) is left out.
  const shown: { i: number; at: number }[] = [];
  if (labels) {
    let end = -Infinity;
    for (const i of labelIndices(n, layout.labelStep, model.text.base)) {
      const at = Math.min(Math.max(i * cell + cell / 2 - line / 2, 0), layout.size - line);
      if (at < end) continue;
      shown.push({ i, at });
      end = at + line;
    }
  }
  const strip = stripOffset(layout);
  return (
    <div className="mask-axis" aria-hidden="true" style={{ fontSize: layout.font }}>
      {layout.parts.map((s) => (
        <div
          key={s.part}
          className={`mask-part mask-part-${s.part}${axis === 'left' ? ' mask-part-vertical' : ''}`}
          style={{ ...along(axis, layout, s.start, s.length, 0, layout.partBand), fontSize: layout.bandFont }}
        >
          {partName(model, s)}
        </div>
      ))}
      {runs.map((r) => (
        <div
          key={r.from}
          className="mask-strip"
          style={{
            ...along(axis, layout, r.from * cell, (r.to - r.from) * cell, strip, layout.strip),
            background: spanColor(r.value),
          }}
        />
      ))}
      {shown.map(({ i, at }) => (
        <div
          key={i}
          className={`mask-label mask-label-${axis === 'top' ? 'col' : 'row'}`}
          style={along(axis, layout, at, line, layout.partBand, labelSize)}
        >
          {model.labels[i]}
        </div>
      ))}
      {sep > 0 && sep < n && (
        <div
          className={`mask-divider mask-divider-${axis === 'top' ? 'v' : 'h'}`}
          style={along(
            axis,
            layout,
            sep * cell - 1,
            2,
            0,
            axis === 'top' ? layout.top : layout.left,
          )}
        />
      )}
    </div>
  );
});

/** The highlight of linked tokens over the labels (changes on every hover, so kept apart). */
export function AxisHighlight({
  axis,
  layout,
  lit,
  strong,
}: {
  axis: Axis;
  layout: MatrixLayout;
  lit: number[];
  strong: number;
}) {
  const size = stripOffset(layout) + layout.strip - layout.partBand;
  return (
    <div className="mask-axis" aria-hidden="true">
      {lit.map((i) => (
        <div
          key={i}
          className={`mask-label-band${i === strong ? ' is-strong' : ''}`}
          style={along(axis, layout, i * layout.cell, layout.cell, layout.partBand, size)}
        />
      ))}
    </div>
  );
}

/** Canvas path: a transparent strip over the labels; the mouse position names a token. */
export function AxisHit({ axis, layout }: { axis: Axis; layout: MatrixLayout }) {
  const onMove = (e: MouseEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const i = indexAt(layout, axis === 'left' ? e.clientY - r.top : e.clientX - r.left);
    setPointer(i === null ? null : { kind: 'seq', index: i });
  };
  const depth = axis === 'top' ? layout.top - layout.partBand : layout.left - layout.partBand;
  return (
    <div
      className="mask-hit"
      style={along(axis, layout, 0, layout.size, layout.partBand, depth)}
      onMouseMove={onMove}
      onMouseLeave={() => setPointer(null)}
    />
  );
}
