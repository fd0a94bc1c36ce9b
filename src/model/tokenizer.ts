/**
 * The project's subword tokenizer (no TensorFlow import: the engine and the UI use it too).
 *
 * Pipeline, the same in Node and in the browser:
 * 1. Normalise like BERT-uncased: lower-case, NFD, drop combining marks. Every normalised character
 *    remembers the UTF-16 range of the ORIGINAL character it came from, so offsets point into the
 *    text the user typed.
 * 2. Pre-split on whitespace; each punctuation/symbol character, each CJK character and each emoji
 *    is a token of its own. Literal special tokens typed in the text (`[MASK]`, `[sMASK]`,
 *    `[gMASK]`, ...) are kept whole.
 * 3. Each word is cut into WordPiece pieces by greedy longest match: the first piece is plain
 *    (`gover`), continuation pieces carry `##` (`##nment`), as BERT shows them. A character with no
 *    piece becomes `[UNK]` on its own (the rest of the word is still cut normally).
 *
 * The vocabulary (learnt by BPE merges, `scripts/train/tokenizer.ts`) lives in
 * `public/models/tokenizer.json`.
 */
import type { Token, Tokenizer } from '../glm/types';

/** Special tokens, in id order: ids 0..8. */
export const SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[EOS]', '[MASK]', '[sMASK]', '[gMASK]', '[S]', '[E]'] as const;
export type Special = (typeof SPECIALS)[number];

/** The JSON stored in `public/models/tokenizer.json`. */
export interface TokenizerJson {
  /** Format version. */
  version: 1;
  /** Every piece in id order: the specials first, then plain and `##` pieces. */
  vocab: string[];
  /** BPE merges that built the vocabulary, for the record (encoding uses greedy longest match). */
  merges?: [string, string][];
  /** Longest piece in characters (without `##`). */
  maxPieceLength: number;
}

export interface Encoding {
  /** Token texts, shape [n]. */
  tokens: string[];
  /** Token ids, shape [n]. */
  ids: number[];
  /** UTF-16 [start, end) into the source text, shape [n][2]; [-1, -1] for added specials. */
  offsets: [number, number][];
}

const CONT = '##';
const MARK_RE = /\p{M}/u;
const SPACE_RE = /\s/u;
const PUNCT_RE = /[\p{P}\p{S}]/u;
const EMOJI_RE = /\p{Extended_Pictographic}/u;
const REGIONAL_RE = /\p{Regional_Indicator}/u;

/** CJK ideographs, kana, hangul syllables and CJK punctuation blocks: one token per character. */
export function isCjk(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x2ebef) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f) ||
    (cp >= 0x3040 && cp <= 0x30ff) ||
    (cp >= 0xac00 && cp <= 0xd7af) ||
    (cp >= 0x3000 && cp <= 0x303f) ||
    (cp >= 0xff00 && cp <= 0xffef)
  );
}

/** A normalised character and the range of the original character it came from. */
interface NormChar {
  ch: string;
  start: number;
  end: number;
}

/** Lower-case + NFD + drop combining marks, one entry per kept code point of output. */
export function normalizeWithOffsets(text: string): NormChar[] {
  const out: NormChar[] = [];
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    if (cp < 128) {
      out.push({ ch: cp >= 65 && cp <= 90 ? String.fromCharCode(cp + 32) : text[i], start: i, end: i + 1 });
      i += 1;
      continue;
    }
    const orig = text.slice(i, i + len);
    let norm: string;
    if (EMOJI_RE.test(orig) || isCjk(cp)) norm = orig;
    else {
      norm = '';
      for (const c of orig.toLowerCase().normalize('NFD')) if (!MARK_RE.test(c)) norm += c;
    }
    for (const c of norm) out.push({ ch: c, start: i, end: i + len });
    i += len;
  }
  return out;
}

/** Lower-case + strip accents (the normalised text, without offsets). */
export function normalizeText(text: string): string {
  return normalizeWithOffsets(text)
    .map((c) => c.ch)
    .join('');
}

type Kind = 'space' | 'single' | 'word';

/** Kinds of the ASCII characters, precomputed (the common case). */
const ASCII_KIND: Kind[] = Array.from({ length: 128 }, (_, c) => {
  const ch = String.fromCharCode(c);
  return SPACE_RE.test(ch) || c < 32 ? 'space' : PUNCT_RE.test(ch) ? 'single' : 'word';
});

function kindOf(ch: string): Kind {
  const cp = ch.codePointAt(0)!;
  if (cp < 128) return ASCII_KIND[cp];
  if (SPACE_RE.test(ch)) return 'space';
  if (isCjk(cp) || EMOJI_RE.test(ch) || REGIONAL_RE.test(ch) || PUNCT_RE.test(ch)) return 'single';
  if (cp === 0x200d || cp === 0xfe0f) return 'single';
  return 'word';
}

/** A pre-split word: normalised text plus its original [start, end) per character. */
export interface Word {
  text: string;
  chars: NormChar[];
  special?: boolean;
}

/** Matches literal special tokens typed in the text. */
const SPECIAL_RE = /\[(?:MASK|sMASK|gMASK|S|E|CLS|EOS|PAD|UNK)\]/g;

/** Splits text into words, single-character tokens and typed specials, with original offsets. */
export function preSplit(text: string): Word[] {
  const words: Word[] = [];
  let last = 0;
  const pushPlain = (from: number, to: number) => {
    if (to <= from) return;
    const norm = normalizeWithOffsets(text.slice(from, to));
    let cur: NormChar[] = [];
    const flush = () => {
      if (cur.length) {
        let t = '';
        for (const c of cur) t += c.ch;
        words.push({ text: t, chars: cur });
      }
      cur = [];
    };
    for (const c of norm) {
      c.start += from;
      c.end += from;
      const shifted = c;
      const k = kindOf(c.ch);
      if (k === 'word') cur.push(shifted);
      else {
        flush();
        if (k === 'single') words.push({ text: c.ch, chars: [shifted] });
      }
    }
    flush();
  };
  SPECIAL_RE.lastIndex = 0;
  for (let m = SPECIAL_RE.exec(text); m; m = SPECIAL_RE.exec(text)) {
    pushPlain(last, m.index);
    const end = m.index + m[0].length;
    words.push({ text: m[0], chars: [{ ch: m[0], start: m.index, end }], special: true });
    last = end;
  }
  pushPlain(last, text.length);
  return words;
}

/** The GLM tokenizer: WordPiece pieces over a lower-cased, accent-stripped text. */
export class GlmTokenizer implements Tokenizer {
  readonly name: string;
  readonly vocab: readonly string[];
  private readonly ids = new Map<string, number>();
  private readonly maxLen: number;
  private readonly cache = new Map<string, number[]>();

  constructor(json: TokenizerJson, name = 'GLM WordPiece') {
    this.name = name;
    this.vocab = json.vocab;
    json.vocab.forEach((p, i) => this.ids.set(p, i));
    this.maxLen = json.maxPieceLength;
    for (let i = 0; i < SPECIALS.length; i++) {
      if (json.vocab[i] !== SPECIALS[i]) throw new Error(`tokenizer.json: id ${i} must be ${SPECIALS[i]}`);
    }
  }

  get size(): number {
    return this.vocab.length;
  }

  idOf(token: string): number {
    return this.ids.get(token) ?? 1;
  }

  tokenOf(id: number): string {
    return this.vocab[id] ?? '[UNK]';
  }

  /** Piece ids for one normalised word, with the number of characters each covers. */
  private pieces(word: string): number[] {
    const hit = this.cache.get(word);
    if (hit) return hit;
    // Encode as [id, length] pairs flattened.
    const out: number[] = [];
    let ascii = true;
    for (let k = 0; k < word.length && ascii; k++) ascii = word.charCodeAt(k) < 128;
    const chars = ascii ? word.split('') : Array.from(word);
    let i = 0;
    while (i < chars.length) {
      let found = -1;
      let len = Math.min(this.maxLen, chars.length - i);
      for (; len > 0; len--) {
        const s = (i === 0 ? '' : CONT) + chars.slice(i, i + len).join('');
        const id = this.ids.get(s);
        if (id !== undefined) {
          found = id;
          break;
        }
      }
      if (found < 0) {
        out.push(1, 1); // [UNK] for this one character
        i += 1;
      } else {
        out.push(found, len);
        i += len;
      }
    }
    if (this.cache.size > 50000) this.cache.clear();
    this.cache.set(word, out);
    return out;
  }

  encode(text: string): Encoding {
    const tokens: string[] = [];
    const ids: number[] = [];
    const offsets: [number, number][] = [];
    for (const w of preSplit(text)) {
      if (w.special) {
        const id = this.idOf(w.text);
        tokens.push(w.text);
        ids.push(id);
        offsets.push([w.chars[0].start, w.chars[0].end]);
        continue;
      }
      const p = this.pieces(w.text);
      let cp = 0;
      for (let j = 0; j < p.length; j += 2) {
        const id = p[j];
        const n = p[j + 1];
        const a = w.chars[cp];
        const b = w.chars[cp + n - 1];
        tokens.push(id === 1 ? '[UNK]' : this.vocab[id]);
        ids.push(id);
        offsets.push([a.start, b.end]);
        cp += n;
      }
    }
    return { tokens, ids, offsets };
  }

  tokenize(text: string): Token[] {
    const e = this.encode(text);
    return e.tokens.map((t, i) => ({ text: t, start: e.offsets[i][0], end: e.offsets[i][1] }));
  }

  /** Ids to text: `##` pieces join the previous piece, other pieces are separated by a space. */
  decode(ids: readonly number[], opts: { skipSpecials?: boolean } = {}): string {
    return detokenize(
      ids.map((i) => this.tokenOf(i)),
      opts,
    );
  }
}

const NO_SPACE_BEFORE = new Set([...'.,;:!?)]}\'"%']);
const NO_SPACE_AFTER = new Set([...'([{$']);

/** Token texts to readable text (`##` joins, no space before closing punctuation). */
export function detokenize(tokens: readonly string[], opts: { skipSpecials?: boolean } = {}): string {
  let out = '';
  let prev = '';
  for (const t of tokens) {
    if (opts.skipSpecials && (SPECIALS as readonly string[]).includes(t) && t !== '[UNK]') continue;
    if (t.startsWith(CONT) && t.length > CONT.length) out += t.slice(CONT.length);
    else if (out === '' || NO_SPACE_BEFORE.has(t) || NO_SPACE_AFTER.has(prev) || (t.length === 1 && isCjk(t.codePointAt(0)!) && isCjk(prev.codePointAt(0) ?? 0)))
      out += t;
    else out += ' ' + t;
    prev = t;
  }
  return out;
}

/** Loads `tokenizer.json` from a URL (browser, fetch) or a file path (Node). */
export async function loadTokenizer(url: string): Promise<GlmTokenizer> {
  let json: TokenizerJson;
  const isNode = typeof process !== 'undefined' && !!process.versions?.node && typeof window === 'undefined';
  if (isNode && !/^https?:/.test(url)) {
    const fs = await import(/* @vite-ignore */ 'node:fs/promises');
    json = JSON.parse(await fs.readFile(url.replace(/^file:\/\//, ''), 'utf8')) as TokenizerJson;
  } else {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`tokenizer: ${res.status} ${url}`);
    json = (await res.json()) as TokenizerJson;
  }
  return new GlmTokenizer(json);
}
