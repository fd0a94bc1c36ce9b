/**
 * "Sampler summary": mean, sd, min and max of what a run drew, with the spec's reference figures
 * beside them and, when the run is comparable (L = 512, framed, default short-span settings),
 * whether each difference is within sampling error.
 */
import { REFERENCE_FIGURES as REF, type Moments } from '../../glm';
import { engineMsg, useT, useTranslateMsg } from '../../i18n';
import type { StatsResult } from '../../workers/stats-core';
import { compareMean, compareRate, compareSd, incomparable, type RefCheck } from './compare';
import { fmt } from './describe';

interface Row {
  key: string;
  label: string;
  m: Partial<Moments>;
  /** Formats the mean and sd; min and max use `g` (whole numbers for counts). */
  f: (v: number) => string;
  g?: (v: number) => string;
  reference: string;
  check: RefCheck | null;
}

export function SummaryTable({ result: r }: { result: StatsResult }) {
  const t = useT();
  const tm = useTranslateMsg();
  const s = r.summary;
  const ok = s.draws - s.failures;
  const why = incomparable(r);
  const both = (a: RefCheck, b: RefCheck): RefCheck =>
    a.ok && b.ok ? (a.z >= b.z ? a : b) : a.ok ? b : a;
  const cmp = (c: () => RefCheck) => (why ? null : c());
  const rows: Row[] = [
    {
      key: 'length',
      label: t('stats.summary.spanLength'),
      m: s.spanLength,
      f: fmt.three,
      g: fmt.int,
      reference: t('stats.summary.refSpanLength', {
        mean: REF.meanSpanLength,
        max: REF.longestSpan,
      }),
      check: cmp(() => compareMean(s.spanLength, REF.meanSpanLength, 0.005)),
    },
    {
      key: 'masked',
      label: t('stats.summary.maskedFraction'),
      m: s.maskedFraction,
      f: fmt.frac,
      reference: t('stats.summary.refMeanSd', {
        mean: REF.maskedFractionMean,
        sd: REF.maskedFractionSd,
      }),
      check: cmp(() =>
        both(
          compareMean(s.maskedFraction, REF.maskedFractionMean, 0.0005, REF.maskedFractionSd),
          compareSd(s.maskedFraction, REF.maskedFractionSd, 0.0005),
        ),
      ),
    },
    {
      key: 'spans',
      label: t('stats.summary.spansPerDraw'),
      m: s.spansPerDraw,
      f: fmt.two,
      g: fmt.int,
      reference: t('stats.summary.refMeanSd', {
        mean: REF.spansPerDrawMean,
        sd: REF.spansPerDrawSd,
      }),
      check: cmp(() =>
        both(
          compareMean(s.spansPerDraw, REF.spansPerDrawMean, 0.05, REF.spansPerDrawSd),
          compareSd(s.spansPerDraw, REF.spansPerDrawSd, 0.05),
        ),
      ),
    },
    {
      key: 'edge',
      label: t('stats.summary.edge'),
      m: { mean: s.edgeMaskRate },
      f: fmt.frac,
      reference: t('stats.summary.refApprox', { value: REF.edgeMaskRate }),
      check: cmp(() => compareRate(s.edgeMaskRate, ok, REF.edgeMaskRate, 0.005, 2)),
    },
    {
      key: 'mid',
      label: t('stats.summary.mid'),
      m: { mean: s.midMaskRate },
      f: fmt.frac,
      reference: t('stats.summary.refApprox', { value: REF.midMaskRate }),
      check: cmp(() =>
        compareRate(s.midMaskRate, ok, REF.midMaskRate, 0.005, Math.max(1, r.length / 2)),
      ),
    },
  ];
  const cell = (v: number | undefined, f: (v: number) => string) =>
    v === undefined || !Number.isFinite(v) ? '—' : f(v);
  return (
    <div className="stats-summary">
      <div className="stats-table-scroll">
        <table className="stats-table">
          <caption>{t('stats.summary.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('stats.summary.measure')}</th>
              <th scope="col">{t('stats.summary.mean')}</th>
              <th scope="col">{t('stats.summary.sd')}</th>
              <th scope="col">{t('stats.summary.min')}</th>
              <th scope="col">{t('stats.summary.max')}</th>
              <th scope="col">{t('stats.summary.reference')}</th>
              <th scope="col">{t('stats.summary.check')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} data-row={row.key}>
                <th scope="row">{row.label}</th>
                <td className="num">{cell(row.m.mean, row.f)}</td>
                <td className="num">{cell(row.m.sd, row.f)}</td>
                <td className="num">{cell(row.m.min, row.g ?? row.f)}</td>
                <td className="num">{cell(row.m.max, row.g ?? row.f)}</td>
                <td className="num">{row.reference}</td>
                <td className={row.check ? (row.check.ok ? 'check-ok' : 'check-off') : 'check-na'}>
                  {!row.check
                    ? '—'
                    : row.check.ok
                      ? t('stats.summary.ok')
                      : t('stats.summary.off', { z: fmt.two(row.check.z) })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="stats-note">{t('stats.summary.note', { draws: fmt.int(REF.draws) })}</p>
      {why && (
        <p className="stats-note stats-note-strong">
          {t(`stats.summary.notComparable.${why}`, { n: r.length })}
        </p>
      )}
      {s.failures > 0 && (
        <p className="stats-note">
          {t('stats.failures', {
            n: fmt.int(s.failures),
            reason: r.lastFailureCode ? tm(engineMsg(r.lastFailureCode)) : (r.lastFailure ?? ''),
          })}
        </p>
      )}
    </div>
  );
}
