import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/app/App';
import { PAPER_EXAMPLE, resetStore, store } from '../../src/store';

beforeEach(() => resetStore());

// The whole app (every panel, the mask included) renders slowly in jsdom on a busy machine.
describe('App', { timeout: 120_000 }, () => {
  it('shows the app name as the page heading, with a tagline', () => {
    render(<App />);
    const banner = screen.getByRole('banner');
    expect(banner).toContainElement(
      screen.getByRole('heading', { level: 1, name: 'GLM Infill Lab' }),
    );
    expect(banner).toHaveTextContent(/fill them back in/);
  });

  it('lays the panels out in pipeline order (then the extras), each a section named by its h2', () => {
    render(<App />);
    const main = screen.getByRole('main');
    // The panels are the main area's own sections (panels may hold sections of their own).
    const regions = Array.from(main.querySelectorAll<HTMLElement>(':scope > section'));
    expect(
      regions.map(
        (r) =>
          r.getAttribute('aria-labelledby') &&
          document.getElementById(r.getAttribute('aria-labelledby')!)?.textContent,
      ),
    ).toEqual([
      'Text and tokens',
      'Spans',
      'Part A: the corrupted text',
      'Part B: the spans, shuffled',
      '2D positions',
      'Attention mask',
      'Tiny GLM',
      'Pre-training',
      'Permutation explorer',
      'Fine-tuning formats',
      'Quiz',
      'Objective zoo',
      'Import a batch',
      'Sampler statistics',
    ]);
    for (const r of regions) {
      expect(within(r).getByRole('heading', { level: 2 })).toBeInTheDocument();
    }
  });

  it('switches to the projector theme through data-theme on <html>', async () => {
    const user = userEvent.setup({ delay: null });
    render(<App />);
    expect(document.documentElement.dataset.theme).toBe('light');
    await user.click(screen.getByRole('radio', { name: 'Projector' }));
    expect(store.getState().theme).toBe('dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    await user.click(screen.getByRole('radio', { name: 'Light' }));
    expect(document.documentElement.dataset.theme).toBe('light');
  });

  it('loads the paper example from the toolbar', async () => {
    const user = userEvent.setup({ delay: null });
    render(<App />);
    await user.click(screen.getByRole('button', { name: 'Paper example' }));
    expect(store.getState()).toMatchObject(PAPER_EXAMPLE);
    expect(screen.getByLabelText('Text')).toHaveValue('x1 x2 x3 x4 x5 x6');
  });

  it('shows its interface in Chinese when the language is zh', () => {
    resetStore({ lang: 'zh' });
    render(<App />);
    expect(screen.getByRole('heading', { level: 1, name: 'GLM 填空实验室' })).toBeInTheDocument();
    expect(screen.getByLabelText('文本')).toBeInTheDocument();
    expect(screen.getByRole('table', { name: '二维位置' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('zh-Hans');
  });
});
