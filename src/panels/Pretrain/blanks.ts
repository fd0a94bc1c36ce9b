/**
 * Which blanks the trained model fills: the spans the panels show, carried over to the model's
 * pieces of the run's text through character offsets (the panels may cut the same text into
 * words), or else the spans of the step's draw. Plain functions over the app's store.
 */
import type { Span, Token } from '../../glm';
import type { Draw } from '../../model/pretrain/examples';
import { store, tokensOf, type AppState } from '../../store';
import { canShowDraw } from './showDraw';

/** Where the blanks come from. */
export type BlankSource = 'panels' | 'draw';

export interface Blanks {
  source: BlankSource;
  /** Spans over the run's framed tokens (sorted by start). */
  spans: Span[];
  /** Part B order over `spans` (the panels' own, or the draw's). */
  order: number[];
}

/**
 * Spans over `from` as spans over `to`, two tokenizations of the same text with character
 * offsets: each span becomes the `to` tokens whose characters lie inside its characters. Null
 * when a span covers an added token ([CLS], [EOS]) or no `to` token.
 */
export function mapSpans(
  from: readonly Token[],
  to: readonly Token[],
  spans: readonly Span[],
): Span[] | null {
  const out: Span[] = [];
  for (const s of spans) {
    const first = from[s.start];
    const last = from[s.end - 1];
    if (!first || !last || first.start < 0 || last.end < 0) return null;
    const inside = to
      .map((t, i) => (t.start >= 0 && t.start >= first.start && t.end <= last.end ? i : -1))
      .filter((i) => i >= 0);
    if (inside.length === 0) return null;
    out.push({ start: inside[0]!, end: inside.at(-1)! + 1 });
  }
  return out;
}

/** The panels' spans on the run's tokens, when the panels show the run's text (typed, not imported). */
export function panelBlanks(
  s: Pick<AppState, 'text' | 'cls' | 'tokenizer' | 'imported' | 'spans' | 'order'>,
  runText: string,
  runTokens: readonly string[],
): Blanks | null {
  if (s.imported || s.text !== runText || s.spans.length === 0) return null;
  if (!canShowDraw(runText, runTokens)) return null;
  const sorted = [...s.spans].sort((a, b) => a.start - b.start);
  const spans = mapSpans(tokensOf(s.text, s.cls, s.tokenizer), tokensOf(runText, true, 'model'), sorted);
  if (!spans) return null;
  const order = s.order.length === spans.length ? [...s.order] : spans.map((_, i) => i);
  return { source: 'panels', spans, order };
}

/** The blanks to fill now: the panels', else the first example of the step's draw. */
export function blanksToFill(
  runText: string | null,
  runTokens: readonly string[] | null,
  draw: Draw | undefined,
  s: Pick<AppState, 'text' | 'cls' | 'tokenizer' | 'imported' | 'spans' | 'order'> = store.getState(),
): Blanks | null {
  if (runText === null || runTokens === null) return null;
  const panels = panelBlanks(s, runText, runTokens);
  if (panels) return panels;
  if (!draw || draw.spans.length === 0) return null;
  return { source: 'draw', spans: draw.spans.map((x) => ({ ...x })), order: [...draw.order] };
}
