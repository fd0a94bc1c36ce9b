import { act, fireEvent, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { PAPER_EXAMPLE, resetStore, setPointer, store } from '../../src/store';
import { option, renderPanels } from './render';

beforeEach(() => resetStore({ ...PAPER_EXAMPLE }));

const litTexts = (selector: string) =>
  [...document.querySelectorAll(`${selector} .chip.is-lit > .chip-text`)].map((e) => e.textContent);

// Each step renders every pipeline panel; generous time for a busy machine.
describe('linking', { timeout: 20_000 }, () => {
  it('hovering a mask token lights its span everywhere', () => {
    renderPanels();
    fireEvent.pointerOver(screen.getByTitle('mask for span 1: x5 x6'));
    expect(store.getState().pointer).toEqual({ kind: 'span', index: 1 });
    expect(option('x5', 4)).toHaveClass('is-lit');
    expect(option('x6', 5)).toHaveClass('is-lit');
    expect(option('x3', 2)).not.toHaveClass('is-lit');
    expect(screen.getByTitle('mask for span 1: x5 x6')).toHaveClass('is-lit');
    expect(new Set(litTexts('#panel-part-b'))).toEqual(new Set(['[S]', 'x5', 'x6', '[E]']));
    const lit = [...document.querySelectorAll('table col.is-lit')].length;
    expect(lit).toBe(4); // its mask column and its three Part B columns
    fireEvent.pointerLeave(screen.getByRole('list', { name: 'Part A tokens' }));
    expect(store.getState().pointer).toBeNull();
  });

  it('focusing a chip in the picker lights the token in the other panels', () => {
    renderPanels();
    act(() => option('x3', 2).focus());
    expect(store.getState().pointer).toEqual({ kind: 'text', index: 2 });
    expect(screen.getByTitle('mask for span 0: x3')).toHaveClass('is-lit');
  });

  it('a pointer set elsewhere (e.g. the mask panel) lights the table column', () => {
    renderPanels();
    act(() => setPointer({ kind: 'seq', index: 9 }));
    const cols = [...document.querySelectorAll('table col')];
    expect(cols[1 + 9]).toHaveClass('is-lit');
  });
});
