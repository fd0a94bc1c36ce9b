// derive.ts keeps the tokens of the last few texts: while the user types, the store's edit and the
// deferred panels read the text before and after a keystroke in turn, and each must get back the
// same arrays (and so the same construction), or every memoised panel re-renders for nothing.
import { describe, expect, it } from 'vitest';
import { derive, tokensOf } from '../../src/store/derive';
import { DEFAULT_CHOICES } from '../../src/store/state';

describe('tokensOf and derive', () => {
  it('hand back the same tokens and construction for texts read in turn', () => {
    const a = tokensOf('one two three', false, 'words');
    const b = tokensOf('one two threex', false, 'words');
    expect(tokensOf('one two three', false, 'words')).toBe(a);
    expect(tokensOf('one two threex', false, 'words')).toBe(b);
    // The store hands out the same span and order arrays until they change.
    const [spans, order] = [[], []];
    const input = (text: string) => ({ ...DEFAULT_CHOICES, text, cls: false, tokenizer: 'words' as const, spans, order });
    const before = derive(input('one two three'));
    const after = derive(input('one two threex'));
    expect(derive(input('one two three'))).toBe(before);
    expect(derive(input('one two threex'))).toBe(after);
  });
});
