/**
 * The SVG every sampler plot is drawn in: `role="img"` named by its <title>, described by its
 * <desc> (the key numbers, as a text alternative), a background (so exports are opaque), grid
 * lines, both axes with labels, and the marks as children. Pure React: no d3 DOM access.
 */
import { useId, type ReactNode, type Ref } from 'react';
import type { Inner, PlotSize, Tick } from './frame';
import { PLOT_FONT, type PlotPalette } from './palette';

export interface PlotProps {
  /** The accessible name (also the SVG's <title>). */
  name: string;
  /** The text alternative: what the plot shows, with its key numbers. */
  description: string;
  size: PlotSize;
  inner: Inner;
  xTicks: Tick[];
  yTicks: Tick[];
  xLabel: string;
  yLabel: string;
  palette: PlotPalette;
  /** The marks, in viewBox units. */
  children: ReactNode;
  /** The <svg> node (for export). */
  ref?: Ref<SVGSVGElement>;
}

export function Plot({ name, description, size, inner, xTicks, yTicks, xLabel, yLabel, palette, children, ref }: PlotProps) {
  const id = useId();
  const { width, height } = size;
  return (
    <svg
      ref={ref}
      xmlns="http://www.w3.org/2000/svg"
      role="img"
      aria-labelledby={`${id}-t`}
      aria-describedby={`${id}-d`}
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      className="plot"
      fontFamily={PLOT_FONT}
      fontSize={11}
    >
      <title id={`${id}-t`}>{name}</title>
      <desc id={`${id}-d`}>{description}</desc>
      <rect width={width} height={height} fill={palette.background} />
      <g aria-hidden="true">
        {yTicks.map((t) => (
          <line key={`g${t.pos}`} x1={inner.x0} x2={inner.x1} y1={t.pos} y2={t.pos} stroke={palette.grid} />
        ))}
      </g>
      {children}
      <g aria-hidden="true" fill={palette.muted}>
        <line x1={inner.x0} x2={inner.x1} y1={inner.y1} y2={inner.y1} stroke={palette.axis} />
        <line x1={inner.x0} x2={inner.x0} y1={inner.y0} y2={inner.y1} stroke={palette.axis} />
        {xTicks.map((t) => (
          <g key={`x${t.pos}`} transform={`translate(${t.pos},${inner.y1})`}>
            <line y2={4} stroke={palette.axis} />
            <text y={15} textAnchor="middle">
              {t.label}
            </text>
          </g>
        ))}
        {yTicks.map((t) => (
          <g key={`y${t.pos}`} transform={`translate(${inner.x0},${t.pos})`}>
            <line x2={-4} stroke={palette.axis} />
            <text x={-7} dy="0.32em" textAnchor="end">
              {t.label}
            </text>
          </g>
        ))}
        <text x={(inner.x0 + inner.x1) / 2} y={height - 6} textAnchor="middle" fill={palette.text} fontSize={12}>
          {xLabel}
        </text>
        <text transform={`translate(13,${(inner.y0 + inner.y1) / 2}) rotate(-90)`} textAnchor="middle" fill={palette.text} fontSize={12}>
          {yLabel}
        </text>
      </g>
    </svg>
  );
}
