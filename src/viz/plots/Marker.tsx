/** A point marker of a plot: a circle, a square or a diamond of about the same area. */
import type { MarkerShape } from './legend-layout';

export function Marker({ shape, cx, cy, fill, stroke, r = 3 }: { shape: MarkerShape; cx: number; cy: number; fill: string; stroke?: string; r?: number }) {
  if (shape === 'square') {
    const h = r * 0.9;
    return <rect x={cx - h} y={cy - h} width={2 * h} height={2 * h} fill={fill} stroke={stroke} />;
  }
  if (shape === 'diamond') {
    const h = r * 1.25;
    return <path d={`M${cx},${cy - h}L${cx + h},${cy}L${cx},${cy + h}L${cx - h},${cy}Z`} fill={fill} stroke={stroke} />;
  }
  return <circle cx={cx} cy={cy} r={r} fill={fill} stroke={stroke} />;
}
