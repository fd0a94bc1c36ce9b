/**
 * Trains the WordPiece vocabulary by BPE merges on `data/corpus/train.txt` and writes
 * `public/models/tokenizer.json`.
 *
 * Words are pre-split exactly as the tokenizer does (src/model/tokenizer.ts). A word starts as its
 * characters `c0 ##c1 ##c2 ...`; the most frequent adjacent pair is merged until the vocabulary
 * holds `--size` entries (specials + characters + merged pieces). Deterministic (ties broken by
 * the pair's text).
 *
 * Chinese: every CJK character seen at least 25 times in the corpus, and every character of the
 * common list (`scripts/corpus/common-chars.json`, 3,500 characters), is a piece of its own (GLM's
 * Chinese models are character-heavy too); they get no `##` form, since the pre-split makes each
 * CJK character a word of its own. `--size` counts the other pieces, so the English vocabulary is
 * the same size whatever the share of Chinese.
 *
 *   tsx scripts/train/tokenizer.ts [--size 4000] [--corpus data/corpus/train.txt]
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isCjk, preSplit, SPECIALS, type TokenizerJson } from '../../src/model/tokenizer';

const root = resolve(import.meta.dirname, '../..');
const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
};
const size = Number(arg('size', '4000'));
const corpus = arg('corpus', join(root, 'data/corpus/train.txt'));
const out = arg('out', join(root, 'public/models/tokenizer.json'));
const minCharCount = 5;
const minCjkCount = 25;
const common = (JSON.parse(readFileSync(join(root, 'scripts/corpus/common-chars.json'), 'utf8')) as { chars: string }).chars;
const cjkChar = (ch: string) => isCjk(ch.codePointAt(0)!);

const t0 = Date.now();
const counts = new Map<string, number>();
for (const line of readFileSync(corpus, 'utf8').split('\n')) {
  for (const w of preSplit(line)) if (!w.special) counts.set(w.text, (counts.get(w.text) ?? 0) + 1);
}

// Base alphabet: printable ASCII always (so typed text rarely hits [UNK]), plus frequent characters.
const charCount = new Map<string, number>();
for (const [w, c] of counts) for (const ch of w) charCount.set(ch, (charCount.get(ch) ?? 0) + c);
const alphabet = new Set<string>();
for (let c = 33; c < 127; c++) {
  const ch = String.fromCharCode(c);
  if (ch === ch.toLowerCase()) alphabet.add(ch);
}
for (const [ch, c] of charCount) if (c >= (cjkChar(ch) ? minCjkCount : minCharCount)) alphabet.add(ch);
for (const ch of common) alphabet.add(ch);
const vocab: string[] = [...SPECIALS];
const inVocab = new Set<string>(vocab);
const add = (p: string) => {
  if (!inVocab.has(p)) {
    inVocab.add(p);
    vocab.push(p);
  }
};
const sortedAlphabet = [...alphabet].sort();
for (const ch of sortedAlphabet) add(ch);
for (const ch of sortedAlphabet) if (/[\p{L}\p{N}]/u.test(ch) && !cjkChar(ch)) add('##' + ch);
const nCjk = sortedAlphabet.filter(cjkChar).length;

// Word types as symbol arrays.
interface WType {
  syms: string[];
  count: number;
}
const words: WType[] = [];
for (const [w, c] of counts) {
  const chars = Array.from(w);
  if (chars.length === 1) continue; // punctuation and CJK characters: single tokens
  words.push({ syms: chars.map((ch, i) => (i === 0 ? ch : '##' + ch)), count: c });
}

const pairKey = (a: string, b: string) => a + '\u0000' + b;
const pairCounts = new Map<string, number>();
const pairWords = new Map<string, Set<number>>();
function addPairs(wi: number, sign: number) {
  const { syms, count } = words[wi];
  for (let i = 0; i + 1 < syms.length; i++) {
    const k = pairKey(syms[i], syms[i + 1]);
    pairCounts.set(k, (pairCounts.get(k) ?? 0) + sign * count);
    if (sign > 0) {
      let s = pairWords.get(k);
      if (!s) pairWords.set(k, (s = new Set()));
      s.add(wi);
    }
  }
}
words.forEach((_, i) => addPairs(i, 1));

const merges: [string, string][] = [];
const merged = (a: string, b: string) => a + (b.startsWith('##') ? b.slice(2) : b);
while (vocab.length - nCjk < size) {
  let best = '';
  let bestC = 0;
  for (const [k, c] of pairCounts) {
    if (c > bestC || (c === bestC && c > 0 && k < best)) {
      best = k;
      bestC = c;
    }
  }
  if (bestC < 2) break;
  const [a, b] = best.split('\u0000');
  const m = merged(a, b);
  merges.push([a, b]);
  add(m);
  const affected = [...(pairWords.get(best) ?? [])];
  for (const wi of affected) {
    addPairs(wi, -1);
    const s = words[wi].syms;
    const ns: string[] = [];
    for (let i = 0; i < s.length; i++) {
      if (i + 1 < s.length && s[i] === a && s[i + 1] === b) {
        ns.push(m);
        i++;
      } else ns.push(s[i]);
    }
    words[wi].syms = ns;
    addPairs(wi, 1);
  }
  pairCounts.delete(best);
  pairWords.delete(best);
}

const maxPieceLength = Math.max(...vocab.slice(SPECIALS.length).map((p) => Array.from(p.replace(/^##/, '')).length));
const json: TokenizerJson = { version: 1, vocab, merges, maxPieceLength };
mkdirSync(resolve(out, '..'), { recursive: true });
writeFileSync(out, JSON.stringify(json));
console.log(
  `tokenizer: ${vocab.length} pieces (${merges.length} merges, ${alphabet.size} chars of which ${nCjk} CJK, max piece ${maxPieceLength}) from ${counts.size} word types in ${((Date.now() - t0) / 1000).toFixed(1)} s -> ${out}`,
);
