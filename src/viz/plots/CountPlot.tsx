/**
 * A histogram of whole-number draws: "Masked fraction" (masked tokens / L, with the target ratio as
 * a dashed line) and "Spans per draw" (spans in each draw, with the mean as a dashed line).
 */
import type { Ref } from 'react';
import { DEFAULT_SIZE, type PlotSize } from './frame';
import { countGeometry } from './geometry';
import { PlotLegend } from './Legend';
import type { PlotPalette } from './palette';
import { Plot } from './Plot';

export interface CountPlotProps {
  /** One whole number per draw (masked tokens, or spans). */
  values: ArrayLike<number>;
  /** Divides values for the x axis (L for fractions of L; 1 for counts). */
  unit?: number;
  /** d3 format of x tick labels when `unit` is not 1 (e.g. '.1%'). */
  format?: string;
  /** A dashed marker line, in x-axis units (the target ratio, a mean), with its legend label. */
  marker?: { value: number; label: string };
  name: string;
  description: string;
  xLabel: string;
  yLabel: string;
  observedLabel: string;
  /** A hover title for one bar: values [lo, hi) and the share of draws. */
  barTitle: (lo: number, hi: number, share: number) => string;
  palette: PlotPalette;
  size?: PlotSize;
  ref?: Ref<SVGSVGElement>;
}

export function CountPlot({ values, unit = 1, format, marker, name, description, xLabel, yLabel, observedLabel, barTitle, palette, size = DEFAULT_SIZE, ref }: CountPlotProps) {
  const g = countGeometry(values, size, unit, marker ? [marker.value] : [], format);
  const mx = marker ? g.xOf(marker.value) : 0;
  return (
    <Plot ref={ref} name={name} description={description} size={size} inner={g.inner} xTicks={g.xTicks} yTicks={g.yTicks} xLabel={xLabel} yLabel={yLabel} palette={palette}>
      <g fill={palette.observed}>
        {g.bars.map((b) => (
          <rect key={b.lo} x={b.x} y={b.y} width={b.width} height={b.height}>
            <title>{barTitle(b.lo, b.hi, b.share)}</title>
          </rect>
        ))}
      </g>
      {marker && <line x1={mx} x2={mx} y1={g.inner.y0} y2={g.inner.y1} stroke={palette.target} strokeWidth={1.5} strokeDasharray="5 3" />}
      <PlotLegend
        right={g.inner.x1}
        y={g.inner.y0 - 12}
        palette={palette}
        items={[
          { label: observedLabel, shape: 'bar', color: palette.observed },
          ...(marker ? [{ label: marker.label, shape: 'dash' as const, color: palette.target }] : []),
        ]}
      />
    </Plot>
  );
}
