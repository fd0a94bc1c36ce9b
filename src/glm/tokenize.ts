/**
 * The engine's default tokenizer: words and punctuation, lower-cased like BERT-uncased.
 *
 * - Letters, digits and combining marks run together into one word token.
 * - Every other visible character is a token of its own (punctuation, symbols), like BERT's
 *   basic tokenizer; so is every CJK ideograph, kana and Hangul syllable, and every emoji
 *   (with its modifiers and zero-width joins).
 * - Token text is lower-cased and stripped of accents (NFD, combining marks removed); the
 *   offsets always point into the text as typed (UTF-16 code units, as JavaScript indexes).
 *
 * The model brings its own subword tokenizer through the same `Tokenizer` interface.
 */
import { CLS, EOS, type Token, type Tokenizer } from './types';

/** CJK ideographs, kana, Hangul and CJK punctuation: one token per character. */
const CJK =
  '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\u3000-\\u303f\\uff00-\\uffef';
const EMOJI = '\\p{Extended_Pictographic}(?:\\p{Emoji_Modifier}|\\ufe0f|\\u200d\\p{Extended_Pictographic})*';
const WORD = `[^\\s${CJK}\\p{P}\\p{S}]+`;
const PIECE = new RegExp(`${EMOJI}|[${CJK}]|${WORD}|\\S`, 'gu');

/** Lower-cases and strips accents the way BERT-uncased normalises a word. */
export function normalizeUncased(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
}

/** Splits text into word and punctuation tokens with offsets into `text`. */
export function splitWords(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(PIECE)) {
    const start = m.index;
    const raw = m[0];
    const norm = normalizeUncased(raw);
    out.push({ text: norm === '' ? raw : norm, start, end: start + raw.length });
  }
  return out;
}

export const wordTokenizer: Tokenizer = {
  name: 'words',
  tokenize: splitWords,
};

/** Options for framing a token list the way GLM's pretraining data is framed. */
export interface FrameOptions {
  /** Put `[CLS]` first and `[EOS]` last (GLM-Base/Large pretraining samples look like this). */
  cls: boolean;
}

/** Adds `[CLS]`/`[EOS]` around the tokens when asked (offsets -1 mark an added special). */
export function frame(tokens: Token[], options: FrameOptions): Token[] {
  if (!options.cls) return tokens;
  return [{ text: CLS, start: -1, end: -1 }, ...tokens, { text: EOS, start: -1, end: -1 }];
}

/** Is this token an added special (no characters of the typed text)? */
export function isAddedSpecial(token: Token): boolean {
  return token.start < 0;
}

/** The tokens whose characters overlap the character range [from, to) of the source text. */
export function tokensInCharRange(tokens: Token[], from: number, to: number): number[] {
  const hit: number[] = [];
  tokens.forEach((t, i) => {
    if (t.start >= 0 && t.start < to && t.end > from) hit.push(i);
  });
  return hit;
}
