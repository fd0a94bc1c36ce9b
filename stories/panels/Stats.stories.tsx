import type { Decorator, Meta, StoryObj } from '@storybook/react-vite';
import type { CSSProperties } from 'react';
import { syntheticTokens, truncatedPoissonPmf } from '../../src/glm';
import { StatsPanel } from '../../src/panels/Stats/StatsPanel';
import { SummaryTable } from '../../src/panels/Stats/SummaryTable';
import { DEFAULT_TEXT, resetStore, store, tokensOf, type Choices } from '../../src/store';
import { countValues } from '../../src/viz/plots/histogram';
import { MaskRatePlot } from '../../src/viz/plots/MaskRatePlot';
import { PLOT_PALETTE } from '../../src/viz/plots/palette';
import { SpanLengthPlot } from '../../src/viz/plots/SpanLengthPlot';
import { CountPlot } from '../../src/viz/plots/CountPlot';
import { runAll, type StatsResult } from '../../src/workers/stats-core';

/** Seeded runs (the same numbers every time), computed once on first use. */
const cache = new Map<string, StatsResult>();
function fixture(name: 'reference' | 'document' | 'short'): StatsResult {
  let r = cache.get(name);
  if (!r) {
    const opts = {
      reference: { L: 512, objective: 'span' as const, draws: 2000 },
      document: { L: 512, objective: 'document' as const, draws: 2000 },
      short: { L: 0, objective: 'span' as const, draws: 2000 },
    }[name];
    // The short run is of the store's default text, so "This text" matches it.
    const tokens = opts.L ? syntheticTokens(opts.L, true) : tokensOf(DEFAULT_TEXT, true).map((t) => t.text);
    r = runAll({ tokens, options: { objective: opts.objective, ratio: 0.15, lambda: 3 }, draws: opts.draws, seed: 1 });
    cache.set(name, r);
  }
  return r;
}

const withChoices = (choices: Partial<Choices>) => [
  async () => {
    resetStore(choices);
    return {};
  },
];

/** Page colours for the theme in the store. */
const themed: Decorator = (Story) => {
  const theme = store.getState().theme;
  return (
    <div data-theme={theme} style={{ background: 'var(--color-bg)', color: 'var(--color-text)', padding: 16, minHeight: '100vh' } as CSSProperties}>
      <Story />
    </div>
  );
};

const meta = {
  title: 'Panels/Stats',
  component: StatsPanel,
  decorators: [themed],
} satisfies Meta<typeof StatsPanel>;

export default meta;
type Story = StoryObj<typeof meta>;

/** monteCarlo at L = 512 with seed 1, 2,000 draws: the spec's reference setting, so the check column is filled. */
export const Reference512: Story = {
  loaders: withChoices({}),
  render: () => <StatsPanel initialResult={fixture('reference')} initialDraws={2000} />,
};

/** The projector theme. */
export const Reference512Dark: Story = {
  loaders: withChoices({ theme: 'dark' }),
  render: () => <StatsPanel initialResult={fixture('reference')} initialDraws={2000} />,
};

/** 简体中文. */
export const Reference512Chinese: Story = {
  loaders: withChoices({ lang: 'zh' }),
  render: () => <StatsPanel initialResult={fixture('reference')} initialDraws={2000} />,
};

/** Before the first run: the panel waits for Run. */
export const BeforeRun: Story = { loaders: withChoices({}) };

/** The default text (L = 23): strong edge effects, and the reference column is only for orientation. */
export const ShortText: Story = {
  loaders: withChoices({}),
  render: () => <StatsPanel initialResult={fixture('short')} initialDraws={2000} />,
};

/** The document objective: one long span per draw. */
export const DocumentObjective: Story = {
  loaders: withChoices({ objective: 'document' }),
  render: () => <StatsPanel initialResult={fixture('document')} initialDraws={2000} />,
};

// ---- the plots alone ----
const palette = PLOT_PALETTE.light;
const plotBox: CSSProperties = { maxWidth: 560 };

/** Span lengths at L = 512 against the truncated Poisson(3) pmf. */
export const SpanLengthHistogram: Story = {
  render: () => {
    const r = fixture('reference');
    return (
      <div style={plotBox}>
        <SpanLengthPlot
          spanLengths={countValues(r.raw.lengths)}
          pmf={truncatedPoissonPmf(3, 39)}
          name="Span length histogram"
          description="Span lengths of 2,000 seeded draws at L = 512 against the truncated Poisson pmf."
          xLabel="span length (tokens)"
          yLabel="share of spans"
          observedLabel="drawn"
          expectedLabel="truncated Poisson pmf (λ = 3)"
          barTitle={(k, share) => `length ${k}: ${(share * 100).toFixed(1)}%`}
          palette={palette}
        />
      </div>
    );
  },
};

/** Spans per draw, with the mean as a dashed line. */
export const SpansPerDrawHistogram: Story = {
  render: () => {
    const r = fixture('reference');
    const spans = Array.from(r.raw.ok, (_, d) => r.raw.offsets[d + 1]! - r.raw.offsets[d]!);
    return (
      <div style={plotBox}>
        <CountPlot
          values={spans}
          marker={{ value: r.summary.spansPerDraw.mean, label: `mean ${r.summary.spansPerDraw.mean.toFixed(2)}` }}
          name="Spans per draw"
          description="Spans per draw over 2,000 seeded draws at L = 512."
          xLabel="spans in one draw"
          yLabel="share of draws"
          observedLabel="drawn"
          barTitle={(lo, _hi, share) => `${lo} spans: ${(share * 100).toFixed(1)}%`}
          palette={palette}
        />
      </div>
    );
  },
};

/** The mask rate by position in the projector theme: the edge effect at both ends. */
export const MaskRateByPositionDark: Story = {
  render: () => {
    const r = fixture('reference');
    return (
      <div style={{ ...plotBox, background: PLOT_PALETTE.dark.background }}>
        <MaskRatePlot
          maskRate={r.summary.maskRate}
          ratio={0.15}
          maskable={r.maskable}
          name="Mask rate by position"
          description="Mask rate at each of 512 positions over 2,000 seeded draws."
          xLabel="position in the text (0-based)"
          yLabel="share of draws masking it"
          observedLabel="mask rate"
          targetLabel="target ratio 15%"
          formatRate={(v) => `${(v * 100).toFixed(1)}%`}
          palette={PLOT_PALETTE.dark}
        />
      </div>
    );
  },
};

/** The summary table alone, beside the reference figures. */
export const SummaryAlone: Story = {
  loaders: withChoices({}),
  render: () => <SummaryTable result={fixture('reference')} />,
};
