// The statistics panel as a user meets it: choose the draws, Run, watch the progress, read the
// plots (images with names and text alternatives) and the summary; Cancel; download.
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StatsPanel } from '../../src/panels/Stats/StatsPanel';
import { resetStore, setSampler } from '../../src/store';
import { runAll } from '../../src/workers/stats-core';
import { syntheticTokens } from '../../src/glm';
import { compareMean, incomparable } from '../../src/panels/Stats/compare';
import { drawsCsv, drawsJson } from '../../src/panels/Stats/raw';

const PLOTS = ['Span length histogram', 'Masked fraction', 'Spans per draw', 'Mask rate by position'];

beforeEach(() => resetStore());

async function setDraws(user: ReturnType<typeof userEvent.setup>, n: number) {
  const input = screen.getByLabelText('Draws');
  await user.clear(input);
  await user.type(input, String(n));
}

describe('StatsPanel', () => {
  it('is a section named by its heading, waiting for Run', () => {
    render(<StatsPanel />);
    expect(screen.getByRole('region', { name: 'Sampler statistics' })).toBeInTheDocument();
    expect(screen.getByText(/Press Run to draw 10,000 samples/)).toBeInTheDocument();
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('draws (on the main thread without workers), shows progress, then the four plots and the summary', async () => {
    const user = userEvent.setup();
    render(<StatsPanel />);
    await user.click(screen.getByRole('radio', { name: /Reference \(L = 512\)/ }));
    await setDraws(user, 1000);
    await user.click(screen.getByRole('button', { name: 'Run' }));
    const bar = screen.getByRole('progressbar', { name: 'Drawing samples' });
    expect(bar).toHaveAttribute('max', '1000');
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeEnabled();
    await screen.findByRole('img', { name: 'Span length histogram' }, { timeout: 20_000 });
    for (const name of PLOTS) {
      const img = screen.getByRole('img', { name });
      // A text alternative with the key numbers.
      expect(img).toHaveAccessibleDescription(/\d/);
    }
    expect(screen.getByRole('img', { name: 'Masked fraction' })).toHaveAccessibleDescription(/target ratio of 0\.15/);
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByRole('status')).toHaveTextContent(/1,000 draws in .* on the main thread/);
    const table = screen.getByRole('table', { name: 'Sampler summary' });
    expect(within(table).getByRole('rowheader', { name: 'Spans per draw' })).toBeInTheDocument();
    expect(within(table).getByText('24.5 ± 2.5')).toBeInTheDocument();
    expect(screen.getByText(/comparable only there/)).toBeInTheDocument();
  }, 30_000);

  it('stops on Cancel and keeps the page as it was', async () => {
    const user = userEvent.setup();
    render(<StatsPanel />);
    await user.click(screen.getByRole('radio', { name: /Reference/ }));
    await setDraws(user, 100000);
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await waitFor(() => expect(Number(screen.getByRole('progressbar').getAttribute('value'))).toBeGreaterThan(0));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('status')).toHaveTextContent('Cancelled.');
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByRole('button', { name: 'Run' })).toBeEnabled();
  }, 30_000);

  it('refuses a number of draws outside 1,000 to 100,000', async () => {
    const user = userEvent.setup();
    render(<StatsPanel />);
    await setDraws(user, 500);
    expect(screen.getByLabelText('Draws')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('button', { name: 'Run' })).toBeDisabled();
  });

  it('says when the sampler settings changed since the run', async () => {
    const user = userEvent.setup();
    render(<StatsPanel />);
    await setDraws(user, 1000);
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await screen.findByRole('img', { name: 'Mask rate by position' }, { timeout: 20_000 });
    expect(screen.queryByText(/settings have changed/)).toBeNull();
    act(() => setSampler({ lambda: 4 }));
    expect(screen.getByText(/settings have changed/)).toBeInTheDocument();
  }, 30_000);

  describe('downloads', () => {
    const created: Blob[] = [];
    beforeEach(() => {
      created.length = 0;
      URL.createObjectURL = vi.fn((b: Blob) => {
        created.push(b);
        return 'blob:test';
      });
      URL.revokeObjectURL = vi.fn();
      vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    });
    afterEach(() => vi.restoreAllMocks());

    it('saves a plot as standalone SVG and the raw draws as CSV and JSON', async () => {
      const user = userEvent.setup();
      const result = runAll({ tokens: syntheticTokens(64, true), options: { objective: 'span', ratio: 0.15, lambda: 3 }, draws: 1000, seed: 3 });
      render(<StatsPanel initialResult={result} />);
      await user.click(screen.getByRole('button', { name: 'Download Span length histogram as SVG' }));
      const svg = await created[0]!.text();
      expect(svg).toMatch(/^<\?xml/);
      expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
      expect(svg).toContain('<title');
      await user.click(within(screen.getByRole('group', { name: 'Raw draws' })).getByRole('button', { name: 'CSV' }));
      const csv = (await created[1]!.text()).trim().split('\n');
      expect(csv[0]).toBe('draw,ok,spans,masked,masked_fraction,starts,lengths');
      expect(csv).toHaveLength(1001);
      await user.click(within(screen.getByRole('group', { name: 'Raw draws' })).getByRole('button', { name: 'JSON' }));
      const json = JSON.parse(await created[2]!.text());
      expect(json.settings).toMatchObject({ length: 64, seed: 3, draws: 1000 });
      expect(json.draws).toHaveLength(1000);
    });
  });
});

describe('raw draws', () => {
  const r = runAll({ tokens: syntheticTokens(40, true), options: { objective: 'span', ratio: 0.15, lambda: 3 }, draws: 50, seed: 5 });

  it('CSV rows agree with the summary', () => {
    const rows = drawsCsv(r).trim().split('\n').slice(1);
    const masked = rows.map((row) => Number(row.split(',')[3]));
    const mean = masked.reduce((a, b) => a + b, 0) / masked.length / 40;
    expect(mean).toBeCloseTo(r.summary.maskedFraction.mean, 9);
  });

  it('JSON spans are [start, end) inside the maskable stretch, one token apart', () => {
    const json = JSON.parse(drawsJson(r)) as { draws: { spans: [number, number][] }[] };
    for (const d of json.draws) {
      d.spans.forEach(([s, e], i) => {
        expect(s).toBeGreaterThanOrEqual(1);
        expect(e).toBeLessThanOrEqual(39);
        if (i > 0) expect(s).toBeGreaterThan(d.spans[i - 1]![1]);
      });
    }
  });
});

describe('comparing with the reference', () => {
  it('accepts a difference within sampling error and flags a larger one', () => {
    expect(compareMean({ mean: 24.52, sd: 2.5, n: 20000 }, 24.5, 0.05).ok).toBe(true);
    expect(compareMean({ mean: 25.5, sd: 2.5, n: 20000 }, 24.5, 0.05).ok).toBe(false);
  });

  it('compares only at L = 512, framed, with the default short-span settings', () => {
    const base = { length: 512, framed: true, options: { objective: 'span' as const, ratio: 0.15, lambda: 3 } };
    expect(incomparable(base)).toBeNull();
    expect(incomparable({ ...base, length: 100 })).toBe('length');
    expect(incomparable({ ...base, framed: false })).toBe('framing');
    expect(incomparable({ ...base, options: { ...base.options, lambda: 4 } })).toBe('settings');
  });
});
