/**
 * The probe over the steps: the target's probability (the mean probability the model gives the
 * true tokens, teacher-forced: solid, circles) and the share of the greedy fill that is right
 * (dashed, squares), on one 0–1 axis. An SVG with `role="img"`, named, and described by the
 * latest figures in words; Okabe–Ito hues, and the two lines also differ in dashes and markers.
 */
import { memo, useMemo } from 'react';
import { useT } from '../../i18n';
import { usePretrain } from '../../model/pretrain/pretrainStore';
import type { ProbeReport } from '../../model/pretrain/trainer';
import { useApp } from '../../store';
import { PlotLegend } from '../../viz/plots/Legend';
import { Marker } from '../../viz/plots/Marker';
import { PLOT_PALETTE } from '../../viz/plots/palette';
import { Plot } from '../../viz/plots/Plot';
import { fillWords, fmtProb } from './probeFormat';
import { PROBE_SIZE, probeGeometry } from './probeGeometry';

const RIGHT_DASH = '6 3';

/** The chart's text alternative: the latest probe, and the first, in words. */
function useProbeDescription(probes: readonly ProbeReport[]): string {
  const t = useT();
  const last = probes.at(-1);
  const first = probes[0];
  if (!last || !first) return t('pretrain.probe.descEmpty');
  return t('pretrain.probe.desc', {
    step: last.step,
    p: fmtProb(last.meanProb),
    p0: fmtProb(first.meanProb),
    step0: first.step,
    right: last.right,
    total: last.total,
    fill: fillWords(last, t('pretrain.probe.nothing'), t('common.listSep')),
  });
}

export const ProbeChart = memo(function ProbeChart() {
  const t = useT();
  const theme = useApp((s) => s.theme);
  const probes = usePretrain((s) => s.probes);
  const budget = usePretrain((s) => s.budget);
  const palette = PLOT_PALETTE[theme];
  const g = useMemo(() => probeGeometry(probes, budget), [probes, budget]);
  const description = useProbeDescription(probes);
  return (
    <figure className="pt-probe-chart">
      <Plot
        name={t('pretrain.probe.chartName')}
        description={description}
        size={PROBE_SIZE}
        inner={g.inner}
        xTicks={g.xTicks}
        yTicks={g.yTicks}
        xLabel={t('pretrain.probe.x')}
        yLabel={t('pretrain.probe.y')}
        palette={palette}
      >
        <g aria-hidden="true" data-marks="probe">
          <path
            d={g.rightPath}
            fill="none"
            stroke={palette.expected}
            strokeWidth={1.75}
            strokeDasharray={RIGHT_DASH}
          />
          {g.rightDots.map((d) => (
            <Marker
              key={d.step}
              shape="square"
              cx={d.cx}
              cy={d.cy}
              fill={palette.expected}
              stroke={palette.background}
            />
          ))}
          <path
            d={g.meanPath}
            fill="none"
            stroke={palette.observed}
            strokeWidth={2.25}
            strokeLinejoin="round"
          />
          {g.meanDots.map((d) => (
            <Marker
              key={d.step}
              shape="circle"
              cx={d.cx}
              cy={d.cy}
              r={3.2}
              fill={palette.observed}
              stroke={palette.background}
            />
          ))}
        </g>
        <PlotLegend
          right={g.inner.x1}
          y={g.inner.y0 - 16}
          palette={palette}
          items={[
            {
              label: t('pretrain.probe.lineMean'),
              shape: 'dot',
              color: palette.observed,
              width: 2.25,
              marker: 'circle',
            },
            {
              label: t('pretrain.probe.lineRight'),
              shape: 'dot',
              color: palette.expected,
              width: 1.75,
              dash: RIGHT_DASH,
              marker: 'square',
            },
          ]}
        />
      </Plot>
      <figcaption className="field-hint">
        <span aria-hidden="true">{description}</span>
      </figcaption>
    </figure>
  );
});
