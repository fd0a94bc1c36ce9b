// The sampler's Monte Carlo figures against the spec's reference figures (section 2), within
// sampling error: the pure engine functions, 20,000 draws at L = 512 as the reference measured.
// Each tolerance is four standard errors of the difference (ours and the reference's), plus half
// a unit of the reference's last printed digit.
import { describe, expect, it } from 'vitest';
import { monteCarlo, REFERENCE_FIGURES as REF, truncatedPoissonPmf, type Summary } from '../../src/glm';
import { runAll } from '../../src/workers/stats-core';
import { syntheticTokens } from '../../src/glm';

const DRAWS = 20_000;
const options = { objective: 'span' as const, ratio: 0.15, lambda: 3 };
const s: Summary = monteCarlo(REF.length, options, DRAWS, 2024);

/** |ours - ref| <= 4 se + rounding, se combining our standard error with the reference's. */
function within(ours: number, ref: number, seOurs: number, seRef: number, rounding: number) {
  const tol = 4 * Math.hypot(seOurs, seRef) + rounding;
  return { diff: Math.abs(ours - ref), tol };
}
const sdSe = (sd: number, n: number) => sd / Math.sqrt(2 * (n - 1));

describe(`Monte Carlo at L = ${REF.length} against the reference figures (${DRAWS.toLocaleString('en')} draws)`, () => {
  it('refuses no draws', () => {
    expect(s.draws).toBe(DRAWS);
    expect(s.failures).toBe(0);
  });

  it(`mean span length ≈ ${REF.meanSpanLength} (and the truncated Poisson mean)`, () => {
    const sl = s.spanLength;
    const refSpans = REF.draws * REF.spansPerDrawMean;
    const { diff, tol } = within(sl.mean, REF.meanSpanLength, sl.sd / Math.sqrt(sl.n), sl.sd / Math.sqrt(refSpans), 0.005);
    expect(diff).toBeLessThanOrEqual(tol);
    const pmf = truncatedPoissonPmf(3, 39);
    const pmfMean = pmf.reduce((a, p, i) => a + p * (i + 1), 0);
    expect(pmfMean).toBeCloseTo(3.157, 3);
    expect(Math.abs(sl.mean - pmfMean)).toBeLessThanOrEqual(4 * (sl.sd / Math.sqrt(sl.n)) + 0.005);
  });

  it(`masked fraction ${REF.maskedFractionMean} ± ${REF.maskedFractionSd}`, () => {
    const m = s.maskedFraction;
    const mean = within(m.mean, REF.maskedFractionMean, m.sd / Math.sqrt(m.n), REF.maskedFractionSd / Math.sqrt(REF.draws), 0.0005);
    expect(mean.diff).toBeLessThanOrEqual(mean.tol);
    const sd = within(m.sd, REF.maskedFractionSd, sdSe(m.sd, m.n), sdSe(REF.maskedFractionSd, REF.draws), 0.0005);
    expect(sd.diff).toBeLessThanOrEqual(sd.tol);
    // "At least 15%": never below floor(0.15 L) tokens.
    expect(m.min * REF.length).toBeGreaterThanOrEqual(Math.trunc(0.15 * REF.length));
  });

  it(`spans per draw ${REF.spansPerDrawMean} ± ${REF.spansPerDrawSd}`, () => {
    const m = s.spansPerDraw;
    const mean = within(m.mean, REF.spansPerDrawMean, m.sd / Math.sqrt(m.n), REF.spansPerDrawSd / Math.sqrt(REF.draws), 0.05);
    expect(mean.diff).toBeLessThanOrEqual(mean.tol);
    const sd = within(m.sd, REF.spansPerDrawSd, sdSe(m.sd, m.n), sdSe(REF.spansPerDrawSd, REF.draws), 0.05);
    expect(sd.diff).toBeLessThanOrEqual(sd.tol);
  });

  it(`longest span near the reference's ${REF.longestSpan} (an extreme: bounds from the pmf's tail)`, () => {
    const pmf = truncatedPoissonPmf(3, 39);
    const tail = (k: number) => pmf.slice(k - 1).reduce((a, b) => a + b, 0); // P(length >= k)
    const n = s.spanLength.n;
    // P(max < lo) and P(max >= hi) are both below 1e-6 for this many spans (and the reference's).
    const lo = Math.max(...Array.from({ length: 39 }, (_, i) => i + 1).filter((k) => (1 - tail(k)) ** n < 1e-6));
    const hi = Array.from({ length: 39 }, (_, i) => i + 1).find((k) => 1 - (1 - tail(k)) ** n < 1e-6)!;
    expect(s.spanLength.max).toBeGreaterThanOrEqual(lo);
    expect(s.spanLength.max).toBeLessThan(hi);
    expect(REF.longestSpan).toBeGreaterThanOrEqual(lo);
    expect(REF.longestSpan).toBeLessThan(hi);
  });

  it(`edge effect: ≈${REF.edgeMaskRate} at the first and last maskable positions against ≈${REF.midMaskRate} mid-text`, () => {
    const n = s.draws - s.failures;
    const rateSe = (p: number, k: number) => Math.sqrt((p * (1 - p)) / n / k);
    const edge = within(s.edgeMaskRate, REF.edgeMaskRate, rateSe(s.edgeMaskRate, 2), rateSe(REF.edgeMaskRate, 2), 0.005);
    expect(edge.diff).toBeLessThanOrEqual(edge.tol);
    const mid = within(s.midMaskRate, REF.midMaskRate, rateSe(s.midMaskRate, REF.length / 2), 0, 0.005);
    expect(mid.diff).toBeLessThanOrEqual(mid.tol);
    // [CLS] and [EOS] are never masked.
    expect(s.maskRate[0]).toBe(0);
    expect(s.maskRate[REF.length - 1]).toBe(0);
  });

  it('the panel’s runner draws exactly what the engine draws for the same seed', () => {
    const engine = monteCarlo(REF.length, options, 2000, 9);
    const panel = runAll({ tokens: syntheticTokens(REF.length, true), options, draws: 2000, seed: 9 }).summary;
    expect(panel.spanLength).toEqual(engine.spanLength);
    expect(panel.maskedFraction).toEqual(engine.maskedFraction);
    expect(panel.spansPerDraw).toEqual(engine.spansPerDraw);
    expect(panel.maskRate).toEqual(engine.maskRate);
    expect(panel.edgeMaskRate).toBeCloseTo(engine.edgeMaskRate, 12);
  });
});
