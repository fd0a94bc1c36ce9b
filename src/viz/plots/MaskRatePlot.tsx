/**
 * "Mask rate by position": how often each position was masked (line over a light area), the target
 * ratio as a dashed line, and the first and last maskable positions marked with their rates, where
 * the edge effect shows (a span cannot start before the stretch or run past it).
 */
import type { Ref } from 'react';
import { DEFAULT_SIZE, type PlotSize } from './frame';
import { maskRateGeometry } from './geometry';
import { PlotLegend } from './Legend';
import type { PlotPalette } from './palette';
import { Plot } from './Plot';

export interface MaskRatePlotProps {
  /** maskRate[i] = share of draws that masked position i. */
  maskRate: readonly number[];
  /** The target ratio, drawn as a dashed line; null for none (the document objective has no ratio). */
  ratio: number | null;
  /** The stretch the sampler may mask, [lo, hi). */
  maskable: { lo: number; hi: number };
  name: string;
  description: string;
  xLabel: string;
  yLabel: string;
  observedLabel: string;
  targetLabel?: string;
  /** Formats a rate for the edge labels. */
  formatRate: (r: number) => string;
  palette: PlotPalette;
  size?: PlotSize;
  ref?: Ref<SVGSVGElement>;
}

export function MaskRatePlot({ maskRate, ratio, maskable, name, description, xLabel, yLabel, observedLabel, targetLabel, formatRate, palette, size = DEFAULT_SIZE, ref }: MaskRatePlotProps) {
  const g = maskRateGeometry(maskRate, ratio ?? 0, maskable, size);
  return (
    <Plot ref={ref} name={name} description={description} size={size} inner={g.inner} xTicks={g.xTicks} yTicks={g.yTicks} xLabel={xLabel} yLabel={yLabel} palette={palette}>
      <path d={g.areaPath} fill={palette.observedFill} />
      <path d={g.linePath} fill="none" stroke={palette.observed} strokeWidth={1.25} strokeLinejoin="round" />
      {ratio !== null && <line x1={g.inner.x0} x2={g.inner.x1} y1={g.ratioY} y2={g.ratioY} stroke={palette.target} strokeWidth={1.5} strokeDasharray="5 3" />}
      {g.edges.map((e, i) => (
        <g key={e.index}>
          <circle cx={e.cx} cy={e.cy} r={3.5} fill={palette.expected} stroke={palette.background} />
          <text x={e.cx + (i === 0 ? 6 : -6)} y={e.cy - 6} textAnchor={i === 0 ? 'start' : 'end'} fill={palette.text} fontSize={11}>
            {formatRate(e.rate)}
          </text>
        </g>
      ))}
      <PlotLegend
        right={g.inner.x1}
        y={g.inner.y0 - 12}
        palette={palette}
        items={[
          { label: observedLabel, shape: 'line', color: palette.observed },
          ...(ratio !== null && targetLabel ? [{ label: targetLabel, shape: 'dash' as const, color: palette.target }] : []),
        ]}
      />
    </Plot>
  );
}
