/**
 * Decides whether the panels in view take an edit in the edit's own render (so the frame that
 * shows the keystroke shows them too) or in a background render (so typing never waits for them).
 * It learns the cost per token from the edits it lets through: an edit goes in the urgent render
 * while `rate × tokens` fits the budget. The cost per token falls as a text grows (the chip lists
 * draw only what is in view), so it is learnt per size class (a power of two of tokens): typing
 * in a short text must not send the next edits of a long one to the background. A class with no
 * measurement of its own borrows the nearest measured class's rate, a smaller one's first (which
 * overestimates, so the guess errs towards the background).
 * One slow render (a garbage collection, say) must not send every later edit to the background,
 * where nothing is measured: a measurement counts as `retryFactor` budgets at most, and an edit
 * predicted within that is let through again once `retryMs` have passed since the last urgent
 * one. A text whose panels really are that slow gets one slow frame per `retryMs` of typing.
 * Plain logic, no DOM and no React: the clock is passed in.
 */

export interface PaceOptions {
  /** Milliseconds an edit's urgent render may take: the rest of the frame is style, layout, paint. */
  budgetMs?: number;
  /** The cost per token assumed before anything was measured. */
  initialRate?: number;
  /** Weight of the newest measurement in the running estimate, when it is higher… */
  smoothing?: number;
  /** …and when it is lower: one fast render after an outlier brings the estimate back down. */
  recovery?: number;
  /** See above. */
  retryFactor?: number;
  retryMs?: number;
}

export interface Pacer {
  /** Should an edit of a text of `tokens` tokens, at `now`, render the panels in view at once? */
  urgent(tokens: number, now: number): boolean;
  /** An urgent render of `tokens` tokens started at `now` (the first call until it commits counts). */
  started(tokens: number, now: number): void;
  /** The urgent render committed at `now`. */
  committed(now: number): void;
  /** Nothing was rendered after all (the inputs came out equal): forget the measurement. */
  abandon(): void;
  /** The estimate for a text of `tokens` tokens (default: the size measured last), milliseconds per token. */
  rate(tokens?: number): number;
}

export function createPacer({ budgetMs = 8, initialRate = 8 / 1024, smoothing = 0.4, recovery = 0.7, retryFactor = 4, retryMs = 3000 }: PaceOptions = {}): Pacer {
  /** Milliseconds per token, per size class (floor of log2 of the tokens). */
  const rates = new Map<number, number>();
  const classOf = (tokens: number) => Math.floor(Math.log2(Math.max(1, tokens)));
  let lastClass: number | null = null;
  const rateOf = (c: number): number => {
    const own = rates.get(c);
    if (own !== undefined) return own;
    let best: number | null = null;
    for (const k of rates.keys())
      if (best === null || Math.abs(k - c) < Math.abs(best - c) || (Math.abs(k - c) === Math.abs(best - c) && k < best)) best = k;
    return best === null ? initialRate : rates.get(best)!;
  };
  let open: { tokens: number; at: number } | null = null;
  let lastUrgent: number | null = null; // no retry before anything was measured
  return {
    urgent(tokens, now) {
      const predicted = rateOf(classOf(tokens)) * Math.max(1, tokens);
      if (predicted <= budgetMs) return true;
      return predicted <= retryFactor * budgetMs && lastUrgent !== null && now - lastUrgent >= retryMs;
    },
    started(tokens, now) {
      if (open) return;
      open = { tokens: Math.max(1, tokens), at: now };
    },
    committed(now) {
      if (!open) return;
      lastUrgent = open.at;
      // An outlier (a garbage collection, a busy start-up) counts as `retryFactor` budgets at most,
      // so the estimate for this size stays within reach of a retry.
      const measured = Math.min(Math.max(0, now - open.at), retryFactor * budgetMs) / open.tokens;
      const c = classOf(open.tokens);
      const rate = rateOf(c);
      rates.set(c, rate + (measured > rate ? smoothing : recovery) * (measured - rate));
      lastClass = c;
      open = null;
    },
    abandon() {
      open = null;
    },
    rate: (tokens?: number) => rateOf(tokens === undefined ? (lastClass ?? 0) : classOf(tokens)),
  };
}
