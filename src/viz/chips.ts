/**
 * Plain helpers for token chips: what a chip shows and how it is classed. No React, no DOM, so
 * every panel (and the tests) agree on the same words for a span and the same kind for a token.
 */
import { CLS, EOP, EOS, MASK_TOKENS, PAD, SOP, type Origin, type Span } from '../glm';

/** How a chip is drawn. */
export type ChipKind = 'token' | 'special' | 'mask' | 'start' | 'end' | 'pad';

/** Panels draw at most this many chips (or table columns) until the user asks for all. */
export const RENDER_LIMIT = 3000;

/**
 * From this many chips on, a list is "long": a fixed-height, contained scroll box that draws only
 * the chips near its view (`chips-long`, chipWindow.ts), so an edit re-renders and re-lays out a
 * few dozen chips, not thousands. Shorter lists (most texts) draw every chip, as before.
 */
export const LONG_LIST = 150;

/** The class names of a chip list of `n` chips. */
export function chipsClass(n: number, extra = ''): string {
  return ['chips', n >= LONG_LIST ? 'chips-long' : '', extra].filter(Boolean).join(' ');
}

const SPECIALS = new Set([CLS, EOS, PAD]);

/** The kind of chip a token string gets. */
export function chipKind(token: string): ChipKind {
  if (token === SOP || /^\[S_\d+\]$/.test(token)) return 'start';
  if (token === EOP) return 'end';
  if (MASK_TOKENS.includes(token) || /^\[MASK_\d+\]$/.test(token)) return 'mask';
  if (token === PAD) return 'pad';
  if (SPECIALS.has(token)) return 'special';
  return 'token';
}

/** A token as a chip shows it: whitespace-only tokens (a newline in the model's vocabulary) made visible. */
export function chipText(token: string): string {
  if (token === '\n') return '↵';
  if (token.trim() === '') return '␣';
  return token;
}

/** The words of a span, joined by spaces and cut to `max` characters with an ellipsis. */
export function spanWords(texts: readonly string[], span: Span, max = 40): string {
  const words = texts.slice(span.start, span.end).map(chipText).join(' ');
  return words.length > max ? `${words.slice(0, max - 1).trimEnd()}…` : words;
}

/** The sorted-span index a sequence position belongs to (its mask, its [S], its tokens), or null. */
export function spanOfOrigin(origin: Origin | undefined): number | null {
  if (!origin || origin.kind === 'pad' || (origin.part === 'A' && origin.kind === 'token'))
    return null;
  return origin.span;
}

/** For each text index, the sorted-span index covering it, or -1. */
export function spanCover(spans: readonly Span[], length: number): Int32Array {
  const cover = new Int32Array(length).fill(-1);
  spans.forEach((s, i) => {
    for (let t = Math.max(0, s.start); t < Math.min(length, s.end); t++) cover[t] = i;
  });
  return cover;
}

/** The inclusive range between two indices as a span ([min, max + 1)). */
export function rangeSpan(a: number, b: number): Span {
  return { start: Math.min(a, b), end: Math.max(a, b) + 1 };
}

/** How many of `total` items to draw: all when asked, else at most RENDER_LIMIT. */
export function drawCount(total: number, showAll: boolean, limit = RENDER_LIMIT): number {
  return showAll ? total : Math.min(total, limit);
}
