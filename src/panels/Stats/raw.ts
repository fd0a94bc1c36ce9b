/**
 * The raw draws of a run as CSV (one row per draw) or JSON (settings plus every draw's spans),
 * so an engineer can set them beside their own sampler's output.
 */
import type { StatsResult } from '../../workers/stats-core';

function settingsOf(r: StatsResult) {
  return {
    length: r.length,
    framed: r.framed,
    maskable: [r.maskable.lo, r.maskable.hi],
    objective: r.options.objective ?? 'span',
    ratio: r.options.ratio,
    lambda: r.options.lambda,
    seed: r.seed,
    draws: r.raw.ok.length,
  };
}

/**
 * `draw,ok,spans,masked,masked_fraction,starts,lengths`; starts and lengths are space-separated
 * lists (text indices, 0-based), so a draw's spans are [start, start + length).
 */
export function drawsCsv(r: StatsResult): string {
  const { offsets, starts, lengths, ok } = r.raw;
  const rows = ['draw,ok,spans,masked,masked_fraction,starts,lengths'];
  for (let d = 0; d < ok.length; d++) {
    const a = offsets[d]!;
    const b = offsets[d + 1]!;
    let masked = 0;
    for (let i = a; i < b; i++) masked += lengths[i]!;
    const s = Array.from(starts.subarray(a, b)).join(' ');
    const l = Array.from(lengths.subarray(a, b)).join(' ');
    rows.push(`${d},${ok[d]},${b - a},${masked},${(masked / r.length).toFixed(6)},${s},${l}`);
  }
  return rows.join('\n') + '\n';
}

/** `{ settings, draws: [{ draw, ok, spans: [[start, end], ...], masked, masked_fraction }] }`. */
export function drawsJson(r: StatsResult): string {
  const { offsets, starts, lengths, ok } = r.raw;
  const lines: string[] = [];
  for (let d = 0; d < ok.length; d++) {
    const spans: [number, number][] = [];
    let masked = 0;
    for (let i = offsets[d]!; i < offsets[d + 1]!; i++) {
      spans.push([starts[i]!, starts[i]! + lengths[i]!]);
      masked += lengths[i]!;
    }
    lines.push(
      JSON.stringify({
        draw: d,
        ok: ok[d] === 1,
        spans,
        masked,
        masked_fraction: +(masked / r.length).toFixed(6),
      }),
    );
  }
  return `{"settings":${JSON.stringify(settingsOf(r))},"draws":[\n${lines.join(',\n')}\n]}\n`;
}

/** A file name stem that says what was drawn: `glm-spans-L512-r0.15-l3-seed42-10000`. */
export function fileStem(r: StatsResult): string {
  const o = r.options;
  return `glm-${o.objective ?? 'span'}-L${r.length}-r${o.ratio ?? 0.15}-l${o.lambda ?? 3}-seed${r.seed}-${r.raw.ok.length}`;
}
