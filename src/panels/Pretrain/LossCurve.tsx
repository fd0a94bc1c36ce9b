/**
 * The loss curve: the training loss of every step (thin), its smoothed line, and the held-out
 * loss (dashed, with dots). An SVG with `role="img"`, named and described by the last figures in
 * words; the colours are Okabe–Ito hues, and the lines also differ in weight and dashes.
 */
import { memo, useMemo } from 'react';
import { useT } from '../../i18n';
import { HELDOUT_SEED } from '../../model/pretrain/settings';
import { usePretrain } from '../../model/pretrain/pretrainStore';
import { useApp } from '../../store';
import { lossGeometry } from '../../viz/plots/loss-geometry';
import { PlotLegend } from '../../viz/plots/Legend';
import { PLOT_PALETTE } from '../../viz/plots/palette';
import { Plot } from '../../viz/plots/Plot';
import { smoothEma } from '../../viz/plots/smooth';
import { fmtLoss } from './format';

export const LossCurve = memo(function LossCurve() {
  const t = useT();
  const theme = useApp((s) => s.theme);
  useApp((s) => s.lang); // re-render the labels when the language changes
  const train = usePretrain((s) => s.train);
  const heldout = usePretrain((s) => s.heldout);
  const budget = usePretrain((s) => s.budget);
  const info = usePretrain((s) => s.info);
  const palette = PLOT_PALETTE[theme];
  const smoothed = useMemo(() => smoothEma(train.map((p) => p.loss)), [train]);
  const g = useMemo(
    () => lossGeometry(train, smoothed, heldout, budget),
    [train, smoothed, heldout, budget],
  );
  const name = t('pretrain.curve.name');
  const start = heldout[0]?.step === 0 ? heldout[0].loss : null;
  const lastTrain = train.at(-1);
  const lastHeld = heldout.at(-1);
  const description =
    lastTrain && lastHeld
      ? t('pretrain.curve.desc', {
          step: lastTrain.step,
          train: fmtLoss(smoothed.at(-1)!),
          raw: fmtLoss(lastTrain.loss),
          heldout: fmtLoss(lastHeld.loss),
          heldoutStep: lastHeld.step,
          start: start === null ? '—' : fmtLoss(start),
        })
      : start !== null
        ? t('pretrain.curve.descStart', { start: fmtLoss(start) })
        : t('pretrain.curve.descEmpty');
  return (
    <figure className="pt-curve">
      <Plot
        name={name}
        description={description}
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
      <figcaption className="field-hint">
        <span aria-hidden="true">{description} </span>
        {info &&
          t('pretrain.curve.note', {
            n: info.heldoutDraws,
            seed: HELDOUT_SEED,
            every: info.heldoutEvery,
            vocab: info.config.vocabSize,
            uniform: fmtLoss(Math.log(info.config.vocabSize)),
          })}
      </figcaption>
    </figure>
  );
});

const SIZE = { width: 560, height: 260, margin: { top: 34, right: 18, bottom: 44, left: 54 } };
