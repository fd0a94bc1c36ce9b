/** Text alternatives of the plots: the key numbers of a run, in words. */
import { format } from 'd3';
import type { Translate } from '../../i18n';
import type { StatsResult } from '../../workers/stats-core';

export const fmt = {
  int: format(','),
  pct: format('.1%'),
  frac: format('.4f'),
  num: format('.3~f'),
  three: format('.3f'),
  two: format('.2f'),
};

/** Mean of the pmf over lengths 1..K. */
export function pmfMean(pmf: readonly number[]): number {
  return pmf.reduce((a, p, i) => a + p * (i + 1), 0);
}

/** The span length plot's text; without a pmf (sentence and document spans) only what was drawn. */
export function spanLengthText(
  t: Translate,
  r: StatsResult,
  pmf: readonly number[] | null,
): string {
  const s = r.summary;
  if (!pmf) {
    return t('stats.spanLength.descNoPmf', {
      spans: fmt.int(s.spanLength.n),
      draws: fmt.int(s.draws),
      mean: fmt.num(s.spanLength.mean),
      min: s.spanLength.n ? s.spanLength.min : 0,
      max: s.spanLength.n ? s.spanLength.max : 0,
    });
  }
  let mode = 0;
  s.lengthShare.forEach((v, k) => (v > (s.lengthShare[mode] ?? 0) ? (mode = k) : 0));
  return t('stats.spanLength.desc', {
    spans: fmt.int(s.spanLength.n),
    draws: fmt.int(s.draws),
    mean: fmt.num(s.spanLength.mean),
    pmfMean: fmt.num(pmfMean(pmf)),
    mode,
    modeShare: fmt.pct(s.lengthShare[mode] ?? 0),
    modePmf: fmt.pct(pmf[mode - 1] ?? 0),
    max: s.spanLength.n ? s.spanLength.max : 0,
  });
}

export function maskedText(t: Translate, r: StatsResult): string {
  const m = r.summary.maskedFraction;
  const ratio = r.options.ratio ?? 0.15;
  if (r.options.objective === 'document') {
    return t('stats.masked.descPlain', {
      draws: fmt.int(m.n),
      mean: fmt.frac(m.mean),
      sd: fmt.frac(m.sd),
      min: fmt.frac(m.min),
      max: fmt.frac(m.max),
    });
  }
  return t('stats.masked.desc', {
    draws: fmt.int(m.n),
    mean: fmt.frac(m.mean),
    sd: fmt.frac(m.sd),
    min: fmt.frac(m.min),
    max: fmt.frac(m.max),
    ratio,
    target: Math.trunc(ratio * r.length),
  });
}

export function spansText(t: Translate, r: StatsResult): string {
  const m = r.summary.spansPerDraw;
  return t('stats.spans.desc', {
    draws: fmt.int(m.n),
    mean: fmt.two(m.mean),
    sd: fmt.two(m.sd),
    min: m.min,
    max: m.max,
  });
}

export function rateText(t: Translate, r: StatsResult): string {
  const s = r.summary;
  const { lo, hi } = r.maskable;
  return t('stats.rate.desc', {
    n: r.length,
    mid: fmt.pct(s.midMaskRate),
    first: fmt.pct(s.maskRate[lo] ?? 0),
    last: fmt.pct(s.maskRate[hi - 1] ?? 0),
    lo,
    hi: hi - 1,
  });
}
