/** "Span length histogram": the share of spans of each length (bars) against the truncated Poisson pmf (dots on a line). */
import type { Ref } from 'react';
import { DEFAULT_SIZE, type PlotSize } from './frame';
import { spanLengthGeometry } from './geometry';
import { PlotLegend } from './Legend';
import type { PlotPalette } from './palette';
import { Plot } from './Plot';

export interface SpanLengthPlotProps {
  /** spanLengths[k] = number of spans of length k. */
  spanLengths: readonly (number | undefined)[];
  /** pmf[k - 1] = P(length = k). */
  pmf: readonly number[];
  name: string;
  description: string;
  xLabel: string;
  yLabel: string;
  /** Legend labels for the bars and the pmf. */
  observedLabel: string;
  expectedLabel: string;
  /** A hover title for one length: observed share and pmf. */
  barTitle: (k: number, share: number, p: number) => string;
  palette: PlotPalette;
  size?: PlotSize;
  ref?: Ref<SVGSVGElement>;
}

export function SpanLengthPlot({ spanLengths, pmf, name, description, xLabel, yLabel, observedLabel, expectedLabel, barTitle, palette, size = DEFAULT_SIZE, ref }: SpanLengthPlotProps) {
  const g = spanLengthGeometry(spanLengths, pmf, size);
  return (
    <Plot ref={ref} name={name} description={description} size={size} inner={g.inner} xTicks={g.xTicks} yTicks={g.yTicks} xLabel={xLabel} yLabel={yLabel} palette={palette}>
      <g fill={palette.observed}>
        {g.bars.map((b) => (
          <rect key={b.lo} x={b.x} y={b.y} width={b.width} height={b.height}>
            <title>{barTitle(b.lo, b.share, pmf[b.lo - 1] ?? 0)}</title>
          </rect>
        ))}
      </g>
      <path d={g.pmfPath} fill="none" stroke={palette.expected} strokeWidth={1.5} />
      <g fill={palette.expected} stroke={palette.background} strokeWidth={1}>
        {g.pmf.map((p) => (
          <circle key={p.k} cx={p.cx} cy={p.cy} r={3} />
        ))}
      </g>
      <PlotLegend
        right={g.inner.x1}
        y={g.inner.y0 - 12}
        palette={palette}
        items={[
          { label: observedLabel, shape: 'bar', color: palette.observed },
          { label: expectedLabel, shape: 'dot', color: palette.expected },
        ]}
      />
    </Plot>
  );
}
