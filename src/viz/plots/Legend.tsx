/**
 * A one-line legend in the plot's top margin, right-aligned: a swatch drawn like the mark, then
 * its label. Outside the data area, so it never covers a bar or a line.
 */
import { legendLayout, SWATCH, type LegendItem } from './legend-layout';
import { Marker } from './Marker';
import type { PlotPalette } from './palette';

export function PlotLegend({ items, right, y, palette }: { items: LegendItem[]; right: number; y: number; palette: PlotPalette }) {
  const placed = legendLayout(items, right);
  return (
    <g aria-hidden="true" fill={palette.text}>
      {placed.map(({ it, at }) => (
        <g key={it.label} transform={`translate(${at},${y})`}>
          {it.shape === 'bar' && <rect x={5} y={-5} width={12} height={10} fill={it.color} />}
          {it.shape === 'dot' && (
            <>
              <line x1={0} x2={SWATCH} y1={0} y2={0} stroke={it.color} strokeWidth={it.width ?? 1.5} strokeDasharray={it.dash} />
              {it.marker ? <Marker shape={it.marker} cx={SWATCH / 2} cy={0} fill={it.color} /> : <circle cx={SWATCH / 2} cy={0} r={3} fill={it.color} />}
            </>
          )}
          {it.shape === 'dash' && <line x1={0} x2={SWATCH} y1={0} y2={0} stroke={it.color} strokeWidth={it.width ?? 1.5} strokeDasharray={it.dash ?? '4 3'} />}
          {it.shape === 'line' && <line x1={0} x2={SWATCH} y1={0} y2={0} stroke={it.color} strokeWidth={it.width ?? 2} strokeDasharray={it.dash} />}
          <text x={SWATCH + 5} dy="0.32em">
            {it.label}
          </text>
        </g>
      ))}
    </g>
  );
}
