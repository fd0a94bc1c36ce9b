/**
 * Comparing a run with the spec's reference figures (REFERENCE_FIGURES, measured on GLM's own
 * sampler at L = 512 over 20,000 draws). A difference counts as sampling error when it is within
 * three standard errors of the difference plus half a unit of the reference's last printed digit.
 */
import { DEFAULT_SAMPLE, REFERENCE_FIGURES as REF, type Moments } from '../../glm';
import type { StatsResult } from '../../workers/stats-core';

export interface RefCheck {
  ok: boolean;
  /** |ours - reference| in units of the combined standard error. */
  z: number;
  /** Largest difference accepted. */
  tolerance: number;
}

/**
 * A mean against a reference mean. `refSd` is the reference's spread (our own sd when it printed
 * none), `refN` its sample size, `rounding` half a unit of its last digit.
 */
export function compareMean(
  ours: Pick<Moments, 'mean' | 'sd' | 'n'>,
  ref: number,
  rounding: number,
  refSd = ours.sd,
  refN: number = REF.draws,
): RefCheck {
  const se = Math.sqrt(ours.sd ** 2 / Math.max(1, ours.n) + refSd ** 2 / refN);
  const diff = Math.abs(ours.mean - ref);
  const tolerance = 3 * se + rounding;
  return { ok: diff <= tolerance, z: se > 0 ? diff / se : diff === 0 ? 0 : Infinity, tolerance };
}

/** A standard deviation against a reference one (se of an sd is about sd / sqrt(2(n - 1))). */
export function compareSd(
  ours: Pick<Moments, 'sd' | 'n'>,
  ref: number,
  rounding: number,
  refN: number = REF.draws,
): RefCheck {
  const se = Math.sqrt(ours.sd ** 2 / (2 * Math.max(1, ours.n - 1)) + ref ** 2 / (2 * (refN - 1)));
  const diff = Math.abs(ours.sd - ref);
  const tolerance = 3 * se + rounding;
  return { ok: diff <= tolerance, z: se > 0 ? diff / se : 0, tolerance };
}

/** A rate (share of draws) against a reference rate; `positions` rates averaged together. */
export function compareRate(
  ours: number,
  draws: number,
  ref: number,
  rounding: number,
  positions = 1,
): RefCheck {
  const v = (p: number, n: number) => (p * (1 - p)) / Math.max(1, n) / positions;
  const se = Math.sqrt(v(ours, draws) + v(ref, REF.draws));
  const diff = Math.abs(ours - ref);
  const tolerance = 3 * se + rounding;
  return { ok: diff <= tolerance, z: se > 0 ? diff / se : 0, tolerance };
}

/** Why this run cannot be set beside the reference figures, or null when it can. */
export function incomparable(
  r: Pick<StatsResult, 'length' | 'framed' | 'options'>,
): 'length' | 'framing' | 'settings' | null {
  if (r.length !== REF.length) return 'length';
  if (!r.framed) return 'framing';
  const o = r.options;
  const same =
    (o.objective ?? 'span') === 'span' &&
    (o.ratio ?? DEFAULT_SAMPLE.ratio) === DEFAULT_SAMPLE.ratio &&
    (o.lambda ?? DEFAULT_SAMPLE.lambda) === DEFAULT_SAMPLE.lambda &&
    (o.maxLength ?? DEFAULT_SAMPLE.maxLength) === DEFAULT_SAMPLE.maxLength;
  return same ? null : 'settings';
}
