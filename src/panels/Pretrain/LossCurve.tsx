/**
 * The loss curve: the training loss of every step (thin), its smoothed line, and the held-out
 * loss (dashed, with dots). With the ablations trained beside GLM, every model's smoothed training
 * loss (thick) and held-out loss (thin, with markers) on the same axes, each model in its own
 * hue, dash pattern and marker. An SVG with `role="img"`, named and described by the last figures
 * in words (every model's, when there are several); the colours are Okabe–Ito hues, and the lines
 * also differ in weight and dashes. Below it: the curves as SVG, PNG and CSV.
 */
import { memo, useMemo, useRef, useState, type Ref } from 'react';
import { download } from '../../export';
import { useT } from '../../i18n';
import { exportErrorText } from '../../i18n/export';
import { lossCsv } from '../../model/pretrain/csv';
import { HELDOUT_SEED } from '../../model/pretrain/settings';
import { curvesOf, pretrainStore, usePretrain } from '../../model/pretrain/pretrainStore';
import { useApp } from '../../store';
import { lossCurvesGeometry, lossGeometry } from '../../viz/plots/loss-geometry';
import { PlotLegend } from '../../viz/plots/Legend';
import { Marker } from '../../viz/plots/Marker';
import { PLOT_PALETTE } from '../../viz/plots/palette';
import { Plot } from '../../viz/plots/Plot';
import { smoothEma } from '../../viz/plots/smooth';
import { downloadPng, downloadSvg } from '../Stats/download';
import { fmtLoss } from './format';
import { runStyle } from './runStyles';

/** Download file names. */
export const CURVE_FILE = 'glm-pretrain-loss';

export const LossCurve = memo(function LossCurve() {
  const t = useT();
  useApp((s) => s.lang); // re-render the labels when the language changes
  const info = usePretrain((s) => s.info);
  const compare = usePretrain((s) => s.ablations.length > 0);
  const hasSteps = usePretrain((s) => s.train.length > 0);
  const svg = useRef<SVGSVGElement>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const savePng = () => {
    setFailed(null);
    if (svg.current)
      downloadPng(svg.current, `${CURVE_FILE}.png`).catch((e: unknown) =>
        setFailed(
          t('export.failed', { name: `${CURVE_FILE}.png`, error: exportErrorText(t, e) }),
        ),
      );
  };
  const saveCsv = () =>
    download(`${CURVE_FILE}.csv`, lossCsv(curvesOf(pretrainStore.getState())), 'text/csv');
  const name = t('pretrain.curve.name');
  return (
    <figure className="pt-curve">
      {compare ? <CompareCurves svgRef={svg} /> : <SingleCurve svgRef={svg} />}
      <figcaption className="field-hint">
        <CurveDescription compare={compare} />
        {info &&
          t('pretrain.curve.note', {
            n: info.heldoutDraws,
            seed: HELDOUT_SEED,
            every: info.heldoutEvery,
            vocab: info.config.vocabSize,
            uniform: fmtLoss(Math.log(info.config.vocabSize)),
          })}
        {compare && ` ${t('pretrain.curve.compareNote')}`}
      </figcaption>
      <div className="pt-controls" role="group" aria-label={t('pretrain.save.curves')}>
        <span className="field-hint">{t('pretrain.save.curves')}:</span>
        <button
          type="button"
          className="button button-small"
          aria-label={t('stats.downloadPlot', { name, format: 'SVG' })}
          onClick={() => svg.current && downloadSvg(svg.current, `${CURVE_FILE}.svg`)}
        >
          SVG
        </button>
        <button
          type="button"
          className="button button-small"
          aria-label={t('stats.downloadPlot', { name, format: 'PNG' })}
          onClick={savePng}
        >
          PNG
        </button>
        <button
          type="button"
          className="button button-small"
          aria-label={t('pretrain.save.csv')}
          disabled={!hasSteps}
          onClick={saveCsv}
        >
          CSV
        </button>
      </div>
      {failed && (
        <p className="pt-error" role="alert">
          {failed}
        </p>
      )}
    </figure>
  );
});

/** The figures of the curve in words, as the plot's description says them. */
function useDescription(compare: boolean): string {
  const t = useT();
  const train = usePretrain((s) => s.train);
  const heldout = usePretrain((s) => s.heldout);
  const ablations = usePretrain((s) => s.ablations);
  const smoothed = useMemo(() => smoothEma(train.map((p) => p.loss)), [train]);
  const start = heldout[0]?.step === 0 ? heldout[0].loss : null;
  const lastTrain = train.at(-1);
  const lastHeld = heldout.at(-1);
  if (compare && lastTrain && lastHeld) {
    const runs = curvesOf({ train, heldout, ablations }).map((c) => {
      const sm = c === undefined ? [] : smoothEma(c.train.map((p) => p.loss));
      const h = c.heldout.at(-1);
      const h0 = c.heldout[0]?.step === 0 ? c.heldout[0].loss : null;
      return t('pretrain.curve.descRun', {
        run: t(`pretrain.run.${c.variant}`),
        train: sm.length ? fmtLoss(sm.at(-1)!) : '—',
        heldout: h ? fmtLoss(h.loss) : '—',
        start: h0 === null ? '—' : fmtLoss(h0),
      });
    });
    return t('pretrain.curve.descRuns', {
      step: lastTrain.step,
      heldoutStep: lastHeld.step,
      runs: runs.join(t('common.listSep')),
    });
  }
  if (lastTrain && lastHeld)
    return t('pretrain.curve.desc', {
      step: lastTrain.step,
      train: fmtLoss(smoothed.at(-1)!),
      raw: fmtLoss(lastTrain.loss),
      heldout: fmtLoss(lastHeld.loss),
      heldoutStep: lastHeld.step,
      start: start === null ? '—' : fmtLoss(start),
    });
  if (start !== null) {
    if (compare) {
      const starts = curvesOf({ train, heldout, ablations })
        .map((c) => `${t(`pretrain.run.${c.variant}`)} ${fmtLoss(c.heldout[0]?.loss ?? NaN)}`)
        .join(t('common.listSep'));
      return t('pretrain.curve.descStartRuns', { starts });
    }
    return t('pretrain.curve.descStart', { start: fmtLoss(start) });
  }
  return t('pretrain.curve.descEmpty');
}

function CurveDescription({ compare }: { compare: boolean }) {
  return <span aria-hidden="true">{useDescription(compare)} </span>;
}

/** GLM alone: each step's loss, its smoothed line, the held-out loss. */
function SingleCurve({ svgRef }: { svgRef: Ref<SVGSVGElement> }) {
  const t = useT();
  const theme = useApp((s) => s.theme);
  const train = usePretrain((s) => s.train);
  const heldout = usePretrain((s) => s.heldout);
  const budget = usePretrain((s) => s.budget);
  const palette = PLOT_PALETTE[theme];
  const smoothed = useMemo(() => smoothEma(train.map((p) => p.loss)), [train]);
  const g = useMemo(
    () => lossGeometry(train, smoothed, heldout, budget),
    [train, smoothed, heldout, budget],
  );
  return (
    <Plot
      ref={svgRef}
      name={t('pretrain.curve.name')}
      description={useDescription(false)}
      size={SIZE}
      inner={g.inner}
      xTicks={g.xTicks}
      yTicks={g.yTicks}
      xLabel={t('pretrain.curve.x')}
      yLabel={t('pretrain.curve.y')}
      palette={palette}
    >
      <g aria-hidden="true">
        <path d={g.rawPath} fill="none" stroke={palette.observedFill} strokeWidth={1} />
        <path
          d={g.smoothPath}
          fill="none"
          stroke={palette.observed}
          strokeWidth={2.25}
          strokeLinejoin="round"
        />
        <path
          d={g.heldoutPath}
          fill="none"
          stroke={palette.expected}
          strokeWidth={1.75}
          strokeDasharray="6 3"
        />
        {g.heldoutDots.map((d) => (
          <circle
            key={d.step}
            cx={d.cx}
            cy={d.cy}
            r={3}
            fill={palette.expected}
            stroke={palette.background}
          />
        ))}
      </g>
      <PlotLegend
        right={g.inner.x1}
        y={g.inner.y0 - 14}
        palette={palette}
        items={[
          { label: t('pretrain.curve.raw'), shape: 'line', color: palette.observedFill },
          { label: t('pretrain.curve.train'), shape: 'line', color: palette.observed },
          { label: t('pretrain.curve.heldout'), shape: 'dot', color: palette.expected },
        ]}
      />
    </Plot>
  );
}

/** GLM and its ablations overlaid: a thick smoothed training line and a thin held-out line with markers each. */
function CompareCurves({ svgRef }: { svgRef: Ref<SVGSVGElement> }) {
  const t = useT();
  const theme = useApp((s) => s.theme);
  const train = usePretrain((s) => s.train);
  const heldout = usePretrain((s) => s.heldout);
  const ablations = usePretrain((s) => s.ablations);
  const budget = usePretrain((s) => s.budget);
  const palette = PLOT_PALETTE[theme];
  const curves = useMemo(() => curvesOf({ train, heldout, ablations }), [train, heldout, ablations]);
  const g = useMemo(
    () =>
      lossCurvesGeometry(
        curves.map((c) => ({
          train: c.train,
          smoothed: smoothEma(c.train.map((p) => p.loss)),
          heldout: c.heldout,
        })),
        budget,
        COMPARE_SIZE,
      ),
    [curves, budget],
  );
  const styles = curves.map((c) => runStyle(c.variant, theme));
  return (
    <Plot
      ref={svgRef}
      name={t('pretrain.curve.name')}
      description={useDescription(true)}
      size={COMPARE_SIZE}
      inner={g.inner}
      xTicks={g.xTicks}
      yTicks={g.yTicks}
      xLabel={t('pretrain.curve.x')}
      yLabel={t('pretrain.curve.y')}
      palette={palette}
    >
      <g aria-hidden="true">
        {g.runs.map((r, i) => (
          <g key={curves[i]!.variant} data-run={curves[i]!.variant}>
            <path
              d={r.heldoutPath}
              fill="none"
              stroke={styles[i]!.color}
              strokeWidth={1.25}
              strokeDasharray={styles[i]!.dash}
            />
            <path
              d={r.smoothPath}
              fill="none"
              stroke={styles[i]!.color}
              strokeWidth={2.5}
              strokeLinejoin="round"
              strokeDasharray={styles[i]!.dash}
            />
            {r.heldoutDots.map((d) => (
              <Marker
                key={d.step}
                shape={styles[i]!.marker}
                cx={d.cx}
                cy={d.cy}
                r={3.25}
                fill={styles[i]!.color}
                stroke={palette.background}
              />
            ))}
          </g>
        ))}
      </g>
      <PlotLegend
        right={g.inner.x1}
        y={g.inner.y0 - 32}
        palette={palette}
        items={curves.map((c, i) => ({
          label: t(`pretrain.run.${c.variant}`),
          shape: 'dot',
          color: styles[i]!.color,
          dash: styles[i]!.dash,
          width: 2.5,
          marker: styles[i]!.marker,
        }))}
      />
      <PlotLegend
        right={g.inner.x1}
        y={g.inner.y0 - 14}
        palette={palette}
        items={[
          { label: t('pretrain.curve.trainThick'), shape: 'line', color: palette.text, width: 2.5 },
          { label: t('pretrain.curve.heldoutThin'), shape: 'dot', color: palette.text, width: 1.25 },
        ]}
      />
    </Plot>
  );
}

const SIZE = { width: 560, height: 260, margin: { top: 34, right: 18, bottom: 44, left: 54 } };
const COMPARE_SIZE = { width: 560, height: 290, margin: { top: 52, right: 18, bottom: 44, left: 54 } };
