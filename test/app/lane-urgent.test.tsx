// In view, a panel in a lane takes a small edit in the edit's own render (an edit from a click or
// a keystroke is React's synchronous lane, flushed before the event's task ends), where a panel
// outside any lane waits for a transition (a later task). Run outside act(), which would flush
// both at once.
import { render, screen } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LaneContext, resetStore, setText, useDeferredDerivedInput, type Lane } from '../../src/store';

const inView: Lane = { onScreen: () => true, later: () => {}, cancel: () => {} };

function LastToken({ name }: { name: string }) {
  const { texts } = useDeferredDerivedInput();
  return (
    <p data-testid={name}>
      {name}: {texts[texts.length - 1]}
    </p>
  );
}

/** A button whose click (a discrete event, as a keystroke is) sets the text. */
function Edit({ text }: { text: string }) {
  return (
    <button type="button" onClick={() => setText(text)}>
      edit
    </button>
  );
}

const microtasks = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};
const aTask = () => new Promise((r) => setTimeout(r, 30));
const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');

let actEnv: unknown;
beforeAll(() => {
  actEnv = (globalThis as { IS_REACT_ACT_ENVIRONMENT?: unknown }).IS_REACT_ACT_ENVIRONMENT;
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: unknown }).IS_REACT_ACT_ENVIRONMENT = false;
});
afterAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: unknown }).IS_REACT_ACT_ENVIRONMENT = actEnv;
});

describe('a panel in view', () => {
  it('takes a short edit in its own render; outside a lane, in a later transition', async () => {
    resetStore({ text: 'one two', cls: false, tokenizer: 'words', spans: [], order: [] });
    render(
      <>
        <LaneContext.Provider value={inView}>
          <LastToken name="lane" />
        </LaneContext.Provider>
        <LastToken name="plain" />
        <Edit text="one two three" />
      </>,
    );
    await aTask();
    expect(screen.getByTestId('lane')).toHaveTextContent('lane: two');
    screen.getByRole('button', { name: 'edit' }).click(); // not fireEvent, which wraps it in act()
    await microtasks();
    expect(screen.getByTestId('lane')).toHaveTextContent('lane: three');
    expect(screen.getByTestId('plain')).toHaveTextContent('plain: two');
    await aTask();
    expect(screen.getByTestId('plain')).toHaveTextContent('plain: three');
  });

  it('leaves typing in a long text to a transition (the pacer predicts more than its budget)', async () => {
    resetStore({ text: words(3000), cls: false, tokenizer: 'words', spans: [], order: [] });
    render(
      <LaneContext.Provider value={inView}>
        <LastToken name="long" />
        <Edit text={`${words(3000)} end`} />
      </LaneContext.Provider>,
    );
    await aTask();
    expect(screen.getByTestId('long')).toHaveTextContent('long: w2999');
    screen.getByRole('button', { name: 'edit' }).click(); // not fireEvent, which wraps it in act()
    await microtasks();
    expect(screen.getByTestId('long')).toHaveTextContent('long: w2999');
    await aTask();
    expect(screen.getByTestId('long')).toHaveTextContent('long: end');
  });
});
