// The objective zoo compares the objectives on at most ZOO_LIMIT tokens and says so.
import { render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ZOO_LIMIT, ZooPanel } from '../../src/panels/Zoo/ZooPanel';
import { resetStore } from '../../src/store';

vi.setConfig({ testTimeout: 30_000 });

describe('ZooPanel on a long text', () => {
  beforeEach(() =>
    resetStore({
      tokenizer: 'words',
      cls: false,
      text: Array.from({ length: ZOO_LIMIT + 44 }, (_, i) => `w${i}`).join(' '),
      // One span inside the limit, one past it.
      spans: [
        { start: 3, end: 5 },
        { start: ZOO_LIMIT + 10, end: ZOO_LIMIT + 12 },
      ],
      order: [1, 0],
    }),
  );

  it('draws the first ZOO_LIMIT tokens and the spans inside them, and says so', () => {
    render(<ZooPanel />);
    expect(screen.getByText(`Showing the first ${ZOO_LIMIT} of ${ZOO_LIMIT + 44}.`)).toBeInTheDocument();
    // BERT keeps the text's length: its summary counts ZOO_LIMIT × ZOO_LIMIT cells.
    const bert = document.querySelector('[aria-label="Attention mask — BERT (masked LM)"]');
    expect(bert).not.toBeNull();
    expect(bert!.getAttribute('aria-rowcount')).toBe(String(ZOO_LIMIT));
    // GLM: ZOO_LIMIT − 2 + 1 mask in Part A, then [S] + 2 tokens of the one span kept.
    const glm = document.querySelector('[aria-label="Attention mask — GLM (blank infilling)"]');
    expect(glm!.getAttribute('aria-rowcount')).toBe(String(ZOO_LIMIT - 2 + 1 + 3));
  });
});
