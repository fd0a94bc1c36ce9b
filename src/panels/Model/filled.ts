/**
 * The text with its blanks filled in, as pieces to draw: plain text, and each blank's generated
 * words marked with its span. Where the tokens carry offsets into the typed text, the text around
 * the blanks is the text as typed (its capitals, spaces and punctuation); otherwise (an imported
 * batch) it is rebuilt from the tokens. Spacing inside a fill follows the tokenizer's `detokenize`
 * (`##` pieces join, no space before closing punctuation); `[CLS]`/`[EOS]` are left out.
 */
import type { Span, Token } from '../../glm';
import { detokenize } from '../../model/tokenizer';

export interface FilledPiece {
  text: string;
  /** The blank (sorted-span index) these words fill, or null for the rest of the text. */
  blank: number | null;
}

/**
 * The typed text with each span's characters replaced by its blank's fill, or null when a span's
 * tokens have no offsets into `source`.
 * @param tokens The framed tokens (text indices), with offsets into `source`.
 * @param spans The spans, sorted by start (text indices), one per blank.
 * @param fills Generated tokens per blank (sorted-span index); none yet shows as `…`.
 */
export function filledSource(
  source: string,
  tokens: readonly Token[],
  spans: readonly Span[],
  fills: readonly (readonly string[])[],
): FilledPiece[] | null {
  const pieces: FilledPiece[] = [];
  let done = 0;
  for (const [b, span] of spans.entries()) {
    const first = tokens[span.start];
    const last = tokens[span.end - 1];
    if (!first || !last || first.start < done || last.end < first.start) return null;
    if (last.end > source.length) return null;
    pushText(pieces, source.slice(done, first.start), null);
    pushText(pieces, (fills[b]?.length ? detokenize([...fills[b]!]) : '') || '…', b);
    done = last.end;
  }
  pushText(pieces, source.slice(done), null);
  return pieces;
}

/**
 * @param partA Part A tokens (one mask token per blank).
 * @param masks Sequence index in Part A of each blank's mask token (text order).
 * @param fills Generated tokens per blank; a blank not generated yet shows as `…`.
 */
export function filledPieces(
  partA: readonly string[],
  masks: readonly number[],
  fills: readonly (readonly string[])[],
): FilledPiece[] {
  const tokens: string[] = [];
  const owner: (number | null)[] = [];
  partA.forEach((t, i) => {
    const b = masks.indexOf(i);
    if (b < 0) {
      if (t === '[CLS]' || t === '[EOS]') return;
      tokens.push(t);
      owner.push(null);
      return;
    }
    const words = fills[b]?.length ? fills[b]! : ['…'];
    for (const w of words) {
      tokens.push(w);
      owner.push(b);
    }
  });
  // Cut the joined text where the owner changes: each cut is the length of a prefix's text.
  const pieces: FilledPiece[] = [];
  let done = 0;
  let start = 0;
  for (let i = 1; i <= tokens.length; i++) {
    if (i < tokens.length && owner[i] === owner[start]) continue;
    const text = detokenize(tokens.slice(0, i));
    let piece = text.slice(done);
    // A leading space belongs outside the marked words.
    if (owner[start] !== null && piece.startsWith(' ')) {
      pushText(pieces, ' ', null);
      piece = piece.slice(1);
    }
    pushText(pieces, piece, owner[start] ?? null);
    done = text.length;
    start = i;
  }
  return pieces;
}

function pushText(pieces: FilledPiece[], text: string, blank: number | null): void {
  const last = pieces[pieces.length - 1];
  if (last && last.blank === null && blank === null) last.text += text;
  else if (text) pieces.push({ text, blank });
}
