// Notices that do not cover the content: at most three show (the rest counted), a note fades after
// six seconds, a warning or an error stays until dismissed, and nothing fades while the pointer
// or the focus is on them.
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { INFO_MS, Notices, NOTICES_SHOWN } from '../../src/panels/Notices/Notices';
import { notify, resetStore, store } from '../../src/store';

const region = () => screen.getByRole('status', { name: 'Messages' });
const shown = () => within(region()).queryAllByRole('button', { name: /^Dismiss/ });
const info = (n: number) => notify('info', { key: 'notice.spansRemoved', vars: { n } });
const warn = () => notify('warning', { key: 'notice.noSample', vars: { reason: 'a test' } });

beforeEach(() => {
  vi.useFakeTimers();
  resetStore();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('notices', () => {
  it('sits in a dock of its own, outside the content', () => {
    const { container } = render(<Notices />);
    expect(container.firstElementChild).toHaveClass('notices-dock');
    expect(region().parentElement).toBe(container.firstElementChild);
  });

  it('fades a note after six seconds', () => {
    render(<Notices />);
    act(() => info(1));
    expect(shown()).toHaveLength(1);
    act(() => vi.advanceTimersByTime(INFO_MS - 500));
    expect(shown()).toHaveLength(1);
    expect(region().querySelector('.notice')).not.toHaveClass('is-fading');
    act(() => vi.advanceTimersByTime(200));
    expect(region().querySelector('.notice')).toHaveClass('is-fading');
    act(() => vi.advanceTimersByTime(400));
    expect(shown()).toHaveLength(0);
    expect(store.getState().notices).toEqual([]);
  });

  it('keeps a warning until it is dismissed', () => {
    render(<Notices />);
    act(() => warn());
    act(() => vi.advanceTimersByTime(10 * INFO_MS));
    expect(shown()).toHaveLength(1);
    fireEvent.click(shown()[0]!);
    expect(shown()).toHaveLength(0);
  });

  it('shows at most three and counts the rest', () => {
    render(<Notices />);
    act(() => {
      warn();
      info(1);
      info(2);
      info(3);
    });
    expect(store.getState().notices).toHaveLength(4);
    expect(shown()).toHaveLength(NOTICES_SHOWN);
    expect(within(region()).getByText('1 more notice')).toBeInTheDocument();
    // The newest three show; the warning (oldest) waits, and comes back when the notes go.
    expect(region().textContent).not.toMatch(/a test/);
    act(() => vi.advanceTimersByTime(INFO_MS + 100));
    expect(shown()).toHaveLength(1);
    expect(region().textContent).toMatch(/a test/);
    expect(within(region()).queryByText(/more notice/)).toBeNull();
  });

  it('does not fade while the pointer is on the notices, and gives six seconds again after', () => {
    render(<Notices />);
    act(() => info(1));
    act(() => vi.advanceTimersByTime(4000));
    fireEvent.mouseEnter(region());
    act(() => vi.advanceTimersByTime(3 * INFO_MS));
    expect(shown()).toHaveLength(1);
    fireEvent.mouseLeave(region());
    act(() => vi.advanceTimersByTime(INFO_MS - 1000));
    expect(shown()).toHaveLength(1);
    act(() => vi.advanceTimersByTime(1100));
    expect(shown()).toHaveLength(0);
  });

  it('does not fade while a notice has the focus', () => {
    render(<Notices />);
    act(() => info(1));
    act(() => shown()[0]!.focus());
    act(() => vi.advanceTimersByTime(3 * INFO_MS));
    expect(shown()).toHaveLength(1);
  });
});
