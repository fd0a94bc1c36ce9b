// A panel's lane: out of view, a panel follows the edits once they pause (or after a bound), and
// at once when it comes near the view; in view, or without IntersectionObserver, at once.
import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLaneGroup } from '../../src/app/ui/lane';
import { PanelLane } from '../../src/app/ui/PanelLane';
import { resetStore, setText, useDeferredDerivedInput } from '../../src/store';

/** A stand-in IntersectionObserver whose reports the test sends. */
class FakeObserver {
  static all: FakeObserver[] = [];
  targets: Element[] = [];
  constructor(
    private readonly cb: IntersectionObserverCallback,
    readonly options: IntersectionObserverInit = {},
  ) {
    FakeObserver.all.push(this);
  }
  observe(el: Element) {
    this.targets.push(el);
  }
  disconnect() {
    this.targets = [];
  }
  report(isIntersecting: boolean) {
    const entries = this.targets.map((target) => ({ target, isIntersecting }) as IntersectionObserverEntry);
    this.cb(entries, this as unknown as IntersectionObserver);
  }
}

/** The observer watching the view itself (no margin), and the one watching near it. */
const view = () => FakeObserver.all.find((o) => !o.options.rootMargin)!;
const near = () => FakeObserver.all.find((o) => !!o.options.rootMargin)!;

beforeEach(() => {
  FakeObserver.all = [];
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('createLane', () => {
  it('without IntersectionObserver, a panel counts as in view', () => {
    vi.stubGlobal('IntersectionObserver', undefined);
    const lane = createLaneGroup().lane();
    lane.observe(document.body);
    expect(lane.onScreen()).toBe(true);
  });

  it('out of view, runs the latest pending change of each key once the edits pause', () => {
    vi.stubGlobal('IntersectionObserver', FakeObserver);
    const lane = createLaneGroup({ quietMs: 100 }).lane();
    lane.observe(document.body);
    view().report(false);
    expect(lane.onScreen()).toBe(false);
    const a = { key: {} };
    const runs: string[] = [];
    lane.later(a.key, () => runs.push('a1'));
    vi.advanceTimersByTime(60);
    lane.later(a.key, () => runs.push('a2')); // replaces a1, and the pause starts again
    lane.later({}, () => runs.push('b'));
    vi.advanceTimersByTime(99);
    expect(runs).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(runs).toEqual(['a2', 'b']);
  });

  it('during a long run of edits, keeps waiting until they pause', () => {
    vi.stubGlobal('IntersectionObserver', FakeObserver);
    const lane = createLaneGroup({ quietMs: 100 }).lane();
    lane.observe(document.body);
    view().report(false);
    const key = {};
    let ran = 0;
    for (let t = 0; t < 3000; t += 50) {
      lane.later(key, () => ran++); // every 50 ms for 3 s: never a 100 ms pause
      vi.advanceTimersByTime(50);
    }
    expect(ran).toBe(0);
    vi.advanceTimersByTime(50); // 100 ms after the last change
    expect(ran).toBe(1);
  });

  it('runs what is pending as soon as the panel comes near the view, and forgets what is cancelled', () => {
    vi.stubGlobal('IntersectionObserver', FakeObserver);
    const lane = createLaneGroup({ quietMs: 100 }).lane();
    lane.observe(document.body);
    view().report(false);
    const runs: string[] = [];
    const gone = {};
    lane.later({}, () => runs.push('kept'));
    lane.later(gone, () => runs.push('gone'));
    lane.cancel(gone);
    near().report(true);
    expect(runs).toEqual(['kept']);
    expect(lane.onScreen()).toBe(false); // near is not in view
    view().report(true);
    expect(lane.onScreen()).toBe(true);
    vi.advanceTimersByTime(500);
    expect(runs).toEqual(['kept']);
  });
});

/** A group of two lanes, both watching a panel out of view. */
function twoLanesOutOfView(options: Parameters<typeof createLaneGroup>[0]) {
  vi.stubGlobal('IntersectionObserver', FakeObserver);
  const group = createLaneGroup(options);
  const [a, b] = [group.lane(), group.lane()];
  a.observe(document.body);
  b.observe(document.body);
  for (const o of FakeObserver.all) o.report(false);
  return { group, a, b };
}

describe('a group of lanes', () => {
  it('catches up together: one pause for all, counted from the last change to any', () => {
    const runs: string[] = [];
    const { a, b } = twoLanesOutOfView({ quietMs: 100 });
    a.later({}, () => runs.push('a'));
    vi.advanceTimersByTime(80);
    b.later({}, () => runs.push('b'));
    vi.advanceTimersByTime(80); // 160 ms after a's change, 80 after b's
    expect(runs).toEqual([]);
    vi.advanceTimersByTime(20);
    expect(runs).toEqual(['a', 'b']);
  });

  it('catchUp runs what every lane has pending, now and once', () => {
    const runs: string[] = [];
    const { group, a, b } = twoLanesOutOfView({ quietMs: 100 });
    a.later({}, () => runs.push('a'));
    b.later({}, () => runs.push('b'));
    group.catchUp();
    expect(runs).toEqual(['a', 'b']);
    vi.advanceTimersByTime(500);
    expect(runs).toEqual(['a', 'b']);
  });
});

function LastToken() {
  const { texts } = useDeferredDerivedInput();
  return <p>last: {texts[texts.length - 1]}</p>;
}

/** `LastToken` in a panel's lane (its own group, a 100 ms pause) on the text `text`. */
function renderInLane(text: string) {
  vi.stubGlobal('IntersectionObserver', FakeObserver);
  resetStore({ text, cls: false, tokenizer: 'words', spans: [], order: [] });
  render(
    <section id="panel-x">
      <PanelLane section="panel-x" group={createLaneGroup({ quietMs: 100 })}>
        <LastToken />
      </PanelLane>
    </section>,
  );
}

describe('PanelLane', () => {
  it('keeps a panel out of view on its last state until the edits pause', async () => {
    renderInLane('one two');
    expect(screen.getByText('last: two')).toBeInTheDocument();
    act(() => view().report(false));
    await act(async () => setText('one two three'));
    await act(async () => vi.advanceTimersByTime(50));
    expect(screen.getByText('last: two')).toBeInTheDocument();
    await act(async () => vi.advanceTimersByTime(60));
    expect(screen.getByText('last: three')).toBeInTheDocument();
  });

  it('in view, a panel follows the edit at once', async () => {
    renderInLane('one two');
    act(() => view().report(true));
    await act(async () => setText('one two four'));
    expect(screen.getByText('last: four')).toBeInTheDocument();
  });
});
