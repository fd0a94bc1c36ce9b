// Export failures are said in the reader's language: our own failures by their code, the browser's
// own words only after a translated lead-in. A plot's PNG download that fails says so (it used to
// fail silently).
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ExportError } from '../../src/export';
import { translate } from '../../src/i18n';
import { exportErrorText } from '../../src/i18n/export';
import { resetStore, setLang } from '../../src/store';

vi.mock('../../src/panels/Stats/download', () => ({
  downloadSvg: vi.fn(),
  downloadPng: vi.fn(() => Promise.reject(new ExportError('encode', 'the PNG could not be encoded'))),
}));
const { PlotFigure } = await import('../../src/panels/Stats/PlotFigure');

beforeEach(() => resetStore());

describe('export errors', () => {
  it('translates our own failures by code, and quotes the browser after a lead-in', () => {
    const en = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate('en', key, vars);
    const zh = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate('zh', key, vars);
    const mine = new ExportError('encode', 'the PNG could not be encoded');
    expect(exportErrorText(en, mine)).toBe('the browser could not encode the PNG (the picture may be too large)');
    expect(exportErrorText(zh, mine)).toBe('浏览器无法编码这张 PNG（图可能太大）');
    const theirs = new Error('SecurityError: tainted canvas');
    expect(exportErrorText(en, theirs)).toBe('the browser said: SecurityError: tainted canvas');
    expect(exportErrorText(zh, theirs)).toBe('浏览器的原话：SecurityError: tainted canvas');
  });

  it('says why a plot’s PNG could not be saved, in the chosen language', async () => {
    const user = userEvent.setup();
    setLang('zh');
    render(<PlotFigure name="Span lengths" file="glm-stats">{(ref) => <svg ref={ref} viewBox="0 0 10 10" />}</PlotFigure>);
    expect(screen.queryByRole('alert')).toBeNull();
    await user.click(screen.getByRole('button', { name: /PNG/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent('无法导出 glm-stats.png：浏览器无法编码这张 PNG（图可能太大）');
  });
});
