/** The four sampler plots for one run, each with its text alternative and downloads. */
import { memo, useMemo } from 'react';
import { truncatedPoissonPmf, DEFAULT_SAMPLE } from '../../glm';
import { useT } from '../../i18n';
import { useApp } from '../../store/hooks';
import { CountPlot } from '../../viz/plots/CountPlot';
import { countValues } from '../../viz/plots/histogram';
import { MaskRatePlot } from '../../viz/plots/MaskRatePlot';
import { PLOT_PALETTE } from '../../viz/plots/palette';
import { SpanLengthPlot } from '../../viz/plots/SpanLengthPlot';
import type { StatsResult } from '../../workers/stats-core';
import { fmt, maskedText, rateText, spanLengthText, spansText } from './describe';
import { PlotFigure } from './PlotFigure';
import { fileStem } from './raw';

export const StatsPlots = memo(function StatsPlots({ result: r }: { result: StatsResult }) {
  const t = useT();
  const theme = useApp((s) => s.theme);
  useApp((s) => s.lang); // re-render the labels when the language changes
  const palette = PLOT_PALETTE[theme];
  const lambda = r.options.lambda ?? DEFAULT_SAMPLE.lambda;
  const ratio = r.options.ratio ?? DEFAULT_SAMPLE.ratio;
  const pmf = useMemo(
    () => truncatedPoissonPmf(lambda, r.options.maxLength ?? DEFAULT_SAMPLE.maxLength),
    [lambda, r.options.maxLength],
  );
  const spanLengths = useMemo(() => countValues(r.raw.lengths), [r]);
  const masked = useMemo(() => maskedCounts(r), [r]);
  const spans = useMemo(() => spansPerDraw(r), [r]);
  const stem = fileStem(r);
  const objective = r.options.objective ?? 'span';
  // The pmf describes short spans only; the document objective has no masking ratio.
  const shortSpans = objective === 'span';
  const hasRatio = objective !== 'document';
  const names = {
    length: t('stats.spanLength.name'),
    masked: t('stats.masked.name'),
    spans: t('stats.spans.name'),
    rate: t('stats.rate.name'),
  };
  return (
    <div className="stats-plots">
      <PlotFigure name={names.length} file={`${stem}-span-lengths`}>
        {(ref) =>
          shortSpans ? (
            <SpanLengthPlot
              ref={ref}
              spanLengths={spanLengths}
              pmf={pmf}
              name={names.length}
              description={spanLengthText(t, r, pmf)}
              xLabel={t('stats.spanLength.x')}
              yLabel={t('stats.share.spans')}
              observedLabel={t('stats.drawn')}
              expectedLabel={t('stats.spanLength.expected', { lambda })}
              barTitle={(k, share, p) =>
                t('stats.spanLength.bar', { k, share: fmt.pct(share), p: fmt.pct(p) })
              }
              palette={palette}
            />
          ) : (
            // Sentence and document spans do not follow the Poisson: their lengths, binned.
            <CountPlot
              ref={ref}
              values={r.raw.lengths}
              name={names.length}
              description={spanLengthText(t, r, null)}
              xLabel={t('stats.spanLength.x')}
              yLabel={t('stats.share.spans')}
              observedLabel={t('stats.drawn')}
              barTitle={(lo, hi, share) =>
                t('stats.spanLength.binBar', {
                  range: hi - lo > 1 ? `${lo}–${hi - 1}` : String(lo),
                  share: fmt.pct(share),
                })
              }
              palette={palette}
            />
          )
        }
      </PlotFigure>
      <PlotFigure name={names.masked} file={`${stem}-masked-fraction`}>
        {(ref) => (
          <CountPlot
            ref={ref}
            values={masked}
            unit={r.length}
            format="%"
            marker={
              hasRatio
                ? { value: ratio, label: t('stats.target', { ratio: fmt.pct(ratio) }) }
                : undefined
            }
            name={names.masked}
            description={maskedText(t, r)}
            xLabel={t('stats.masked.x')}
            yLabel={t('stats.share.draws')}
            observedLabel={t('stats.drawn')}
            barTitle={(lo, hi, share) =>
              t('stats.masked.bar', {
                range: hi - lo > 1 ? `${lo}–${hi - 1}` : String(lo),
                n: r.length,
                share: fmt.pct(share),
              })
            }
            palette={palette}
          />
        )}
      </PlotFigure>
      <PlotFigure name={names.spans} file={`${stem}-spans-per-draw`}>
        {(ref) => (
          <CountPlot
            ref={ref}
            values={spans}
            marker={{
              value: r.summary.spansPerDraw.mean,
              label: t('stats.mean', { mean: fmt.two(r.summary.spansPerDraw.mean) }),
            }}
            name={names.spans}
            description={spansText(t, r)}
            xLabel={t('stats.spans.x')}
            yLabel={t('stats.share.draws')}
            observedLabel={t('stats.drawn')}
            barTitle={(lo, hi, share) =>
              t('stats.spans.bar', {
                range: hi - lo > 1 ? `${lo}–${hi - 1}` : String(lo),
                share: fmt.pct(share),
              })
            }
            palette={palette}
          />
        )}
      </PlotFigure>
      <PlotFigure name={names.rate} file={`${stem}-mask-rate`}>
        {(ref) => (
          <MaskRatePlot
            ref={ref}
            maskRate={r.summary.maskRate}
            ratio={hasRatio ? ratio : null}
            maskable={r.maskable}
            name={names.rate}
            description={rateText(t, r)}
            xLabel={t('stats.rate.x')}
            yLabel={t('stats.rate.y')}
            observedLabel={t('stats.rate.observed')}
            targetLabel={t('stats.target', { ratio: fmt.pct(ratio) })}
            formatRate={fmt.pct}
            palette={palette}
          />
        )}
      </PlotFigure>
    </div>
  );
});

/** Masked tokens of each successful draw (whole numbers, so the histogram does not alias). */
function maskedCounts(r: StatsResult): number[] {
  const { offsets, lengths, ok } = r.raw;
  const out: number[] = [];
  for (let d = 0; d < ok.length; d++) {
    if (!ok[d]) continue;
    let m = 0;
    for (let i = offsets[d]!; i < offsets[d + 1]!; i++) m += lengths[i]!;
    out.push(m);
  }
  return out;
}

function spansPerDraw(r: StatsResult): number[] {
  const { offsets, ok } = r.raw;
  const out: number[] = [];
  for (let d = 0; d < ok.length; d++) if (ok[d]) out.push(offsets[d + 1]! - offsets[d]!);
  return out;
}
