/**
 * Span sampling for GLM's three objectives, as the reference draws them
 * (THUDM/GLM `blocklm_utils.py`, `ConstructBlockStrategy.construct_blocks`).
 *
 * - `span` (short spans, `[MASK]`): lengths i.i.d. from Poisson(lambda) truncated to
 *   1..maxLength, drawn while the masked count is below floor(ratio * L) (so the last one
 *   overshoots: "at least" the ratio); placed with at least one token between spans.
 * - `sentence` (`[sMASK]`): the text is cut into sentences after tokens holding . ? ! ; : or a
 *   newline; whole sentences in random order until they cover floor(ratio * L) tokens.
 * - `document` (`[gMASK]`): one span of length uniform in [floor(minRatio * L), L - 2]; with
 *   probability `infillProb` laid out as a suffix to generate, otherwise placed at random.
 *
 * L is the whole token count including `[CLS]`/`[EOS]`. A leading `[CLS]` and a trailing
 * `[EOS]` are never masked.
 */
import { englishCount, englishPlural, type Coded, type MessageParams } from './messages';
import { drawOrder } from './construct';
import type { Rng } from './rng';
import { CLS, EOS, type Layout, type Objective, type Span } from './types';

export interface SampleOptions {
  /** Which objective (default 'span'). */
  objective?: Objective;
  /** Masking ratio (the reference's bert_ratio / gap_sentence_ratio; default 0.15). */
  ratio?: number;
  /** Poisson mean of span lengths (default 3). */
  lambda?: number;
  /** Longest span length (default 39: the reference's max_block_length 40, exclusive). */
  maxLength?: number;
  /** Document objective: shortest span as a fraction of L (gpt_min_ratio; default 0.5). */
  minRatio?: number;
  /** Document objective: probability of the suffix layout (gpt_infill_prob; default 0.5). */
  infillProb?: number;
  /** Shuffle Part B (default true). */
  shuffle?: boolean;
}

export type SampleResult =
  | {
      ok: true;
      /** Sorted by start, text indices. */
      spans: Span[];
      /** Part B order. */
      order: number[];
      layout: Layout;
      /** Set when the draw is valid but empty, saying why (e.g. floor(0.15 * 5) = 0). */
      note?: string;
      /** The note's code and values (set with `note`). */
      noteCode?: SampleNoteCode;
      noteParams?: MessageParams;
    }
  | ({ ok: false; reason: string } & Coded<SampleProblemCode>);

/** Why a draw is refused (`reason` says it in English). */
export type SampleProblemCode =
  | SampleOptionsCode
  | 'sampleNoTokens'
  | 'sampleNoRoom'
  | 'sampleNoSentence'
  | 'sampleDocTooShort';
/** Why a valid draw is empty (`note` says it in English). */
export type SampleNoteCode = 'noteRatioZero' | 'noteSuffixOneToken';
/** Which sampler option is out of range. */
export type SampleOptionsCode =
  | 'optionObjective'
  | 'optionRatio'
  | 'optionLambda'
  | 'optionMaxLength'
  | 'optionMinRatio'
  | 'optionInfillProb';

export const DEFAULT_SAMPLE = {
  objective: 'span' as Objective,
  ratio: 0.15,
  lambda: 3,
  maxLength: 39,
  minRatio: 0.5,
  infillProb: 0.5,
};

/** Largest span length the sampler accepts (keeps the pmf table small). */
export const MAX_SPAN_LENGTH_LIMIT = 4096;

/**
 * Truncated Poisson weights: entry k-1 is P(length = k) for k = 1..maxLength, renormalised.
 * Computed in log space so a large lambda does not underflow.
 */
export function truncatedPoissonPmf(lambda: number, maxLength: number): number[] {
  const logs: number[] = [];
  let logFact = 0;
  for (let k = 1; k <= maxLength; k++) {
    logFact += Math.log(k);
    logs.push(k * Math.log(lambda) - lambda - logFact);
  }
  const top = Math.max(...logs);
  const w = logs.map((l) => Math.exp(l - top));
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / total);
}

/** Cumulative weights for `choose` (Python's `random.choices` with weights). */
function cumulative(weights: readonly number[]): number[] {
  const cum: number[] = [];
  let acc = 0;
  for (const w of weights) cum.push((acc += w));
  return cum;
}

/** Index drawn with probability proportional to the weights behind `cum` (bisect_right). */
function choose(cum: readonly number[], rng: Rng): number {
  const x = rng.next() * cum[cum.length - 1]!;
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x < cum[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The maskable stretch [lo, hi): everything but a leading [CLS] and a trailing [EOS]. */
export function maskableRange(tokens: readonly string[]): { lo: number; hi: number } {
  const lo = tokens[0] === CLS ? 1 : 0;
  const hi = tokens.length > lo && tokens[tokens.length - 1] === EOS ? tokens.length - 1 : tokens.length;
  return { lo, hi };
}

/**
 * Places spans of the given lengths (in the given order) over a stretch of `total` tokens
 * starting at `offset`, at least one token apart (the reference's `sample_spans`).
 */
export function placeSpans(lengths: readonly number[], total: number, offset: number, rng: Rng): Span[] {
  const sum = lengths.reduce((a, b) => a + b, 0);
  const m = total - sum - lengths.length + 1;
  const places = lengths.map(() => rng.int(m + 1)).sort((a, b) => a - b);
  const spans: Span[] = [];
  let off = offset;
  places.forEach((place, i) => {
    const len = lengths[i]!;
    spans.push({ start: off + place, end: off + place + len });
    off += len + 1;
  });
  return spans;
}

/** Why the options cannot be used (English, with its code and values), or null. */
export function sampleOptionsIssue(o: SampleOptions): (Coded<SampleOptionsCode> & { message: string }) | null {
  const { ratio, lambda, maxLength, minRatio, infillProb, objective } = o;
  if (objective !== undefined && !['span', 'sentence', 'document'].includes(objective)) {
    const value = JSON.stringify(objective) ?? String(objective);
    return { message: `objective must be "span", "sentence" or "document", got ${value}`, code: 'optionObjective', params: { value } };
  }
  if (ratio !== undefined && !(Number.isFinite(ratio) && ratio >= 0 && ratio <= 1)) {
    return { message: `ratio must be a number from 0 to 1, got ${ratio}`, code: 'optionRatio', params: { value: String(ratio) } };
  }
  if (lambda !== undefined && !(Number.isFinite(lambda) && lambda > 0 && lambda <= 1000)) {
    return { message: `lambda must be a number above 0 (at most 1000), got ${lambda}`, code: 'optionLambda', params: { value: String(lambda) } };
  }
  if (
    maxLength !== undefined &&
    !(Number.isInteger(maxLength) && maxLength >= 1 && maxLength <= MAX_SPAN_LENGTH_LIMIT)
  ) {
    return {
      message: `maxLength must be a whole number from 1 to ${MAX_SPAN_LENGTH_LIMIT}, got ${maxLength}`,
      code: 'optionMaxLength',
      params: { value: String(maxLength), max: MAX_SPAN_LENGTH_LIMIT },
    };
  }
  if (minRatio !== undefined && !(Number.isFinite(minRatio) && minRatio >= 0 && minRatio <= 1)) {
    return { message: `minRatio must be a number from 0 to 1, got ${minRatio}`, code: 'optionMinRatio', params: { value: String(minRatio) } };
  }
  if (infillProb !== undefined && !(Number.isFinite(infillProb) && infillProb >= 0 && infillProb <= 1)) {
    return { message: `infillProb must be a number from 0 to 1, got ${infillProb}`, code: 'optionInfillProb', params: { value: String(infillProb) } };
  }
  return null;
}

/** Why the options cannot be used, or null. */
export function sampleOptionsProblem(o: SampleOptions): string | null {
  return sampleOptionsIssue(o)?.message ?? null;
}

/** Does this token end a sentence (the reference's `contains_sentence_end`, plus CJK marks)? */
export function endsSentence(token: string): boolean {
  return /[.?!;:\n。？！；：]/u.test(token);
}

/** Short spans: Poisson lengths, at least `ratio` of L, one token apart. */
function sampleShortSpans(tokens: readonly string[], o: Required<SampleOptions>, rng: Rng): SampleResult {
  const L = tokens.length;
  const target = Math.trunc(o.ratio * L);
  if (target === 0) {
    return {
      ok: true,
      spans: [],
      order: [],
      layout: 'block',
      note: `floor(${o.ratio} × ${L} tokens) = 0, so the reference masks nothing`,
      noteCode: 'noteRatioZero',
      noteParams: { ratio: o.ratio, L },
    };
  }
  const cum = cumulative(truncatedPoissonPmf(o.lambda, o.maxLength));
  const lengths: number[] = [];
  let masked = 0;
  while (masked < target) {
    const len = choose(cum, rng) + 1;
    lengths.push(len);
    masked += len;
  }
  rng.shuffle(lengths);
  const { lo, hi } = maskableRange(tokens);
  const M = hi - lo;
  const need = masked + lengths.length - 1;
  if (need > M) {
    return {
      ok: false,
      reason: `${englishPlural(lengths.length, 'the drawn span', `the ${lengths.length} drawn spans`)} (${englishCount(masked, 'token', 'tokens')}, plus ${englishCount(lengths.length - 1, 'gap', 'gaps')}) ${englishPlural(lengths.length, 'needs', 'need')} ${englishCount(need, 'maskable token', 'maskable tokens')} but only ${M} can be masked; the reference drops such a draw`,
      code: 'sampleNoRoom',
      params: { spans: lengths.length, masked, gaps: lengths.length - 1, need, maskable: M },
    };
  }
  const spans = placeSpans(lengths, M, lo, rng);
  return { ok: true, spans, order: drawOrder(spans.length, rng, o.shuffle), layout: 'block' };
}

/** The sentences the reference can mask: cut after tokens that end a sentence. */
export function sentenceSpans(tokens: readonly string[]): Span[] {
  const out: Span[] = [];
  let last = tokens[0] === CLS ? 1 : 0;
  for (let i = 0; i < tokens.length; i++) {
    if (endsSentence(tokens[i]!)) {
      if (last < i + 1) out.push({ start: last, end: i + 1 });
      last = i + 1;
    } else if (tokens[i] === EOS) {
      last = i + 1;
    }
  }
  if (last < tokens.length) out.push({ start: last, end: tokens.length });
  return out;
}

function sampleSentences(tokens: readonly string[], o: Required<SampleOptions>, rng: Rng): SampleResult {
  const candidates = sentenceSpans(tokens);
  if (candidates.length === 0) {
    return {
      ok: false,
      reason:
        'no sentence to mask: the reference cuts sentences after . ? ! ; : or a newline, and a fragment without one right before [EOS] is not a candidate',
      code: 'sampleNoSentence',
      params: {},
    };
  }
  rng.shuffle(candidates);
  const target = Math.trunc(o.ratio * tokens.length);
  const chosen: Span[] = [];
  let covered = 0;
  for (const s of candidates) {
    chosen.push(s);
    covered += s.end - s.start;
    if (covered >= target) break;
  }
  chosen.sort((a, b) => a.start - b.start);
  return { ok: true, spans: chosen, order: drawOrder(chosen.length, rng, o.shuffle), layout: 'block' };
}

function sampleDocument(tokens: readonly string[], o: Required<SampleOptions>, rng: Rng): SampleResult {
  const L = tokens.length;
  const { lo, hi } = maskableRange(tokens);
  const M = hi - lo;
  const longest = Math.min(L - 2, M);
  const shortest = Math.max(1, Math.trunc(o.minRatio * L));
  if (longest < shortest) {
    return {
      ok: false,
      reason: `text too short for a document-level span: lengths ${shortest}..${longest} (from floor(${o.minRatio} × ${L}) to L − 2) are empty`,
      code: 'sampleDocTooShort',
      params: { shortest, longest, minRatio: o.minRatio, L },
    };
  }
  const g = shortest + rng.int(longest - shortest + 1);
  // The reference lays a text with an inner end token out as a suffix always.
  const innerEos = tokens.slice(0, L - 1).indexOf(EOS) !== -1;
  if (innerEos || rng.next() < o.infillProb) {
    // Suffix: src [gMASK] [S] tgt[:-1] with targets src [gMASK] tgt, tgt = the last g tokens.
    // The span is tgt without its last token, which ends the target in place of [E].
    const start = L - g;
    if (g < 2) {
      return {
        ok: true,
        spans: [],
        order: [],
        layout: 'block',
        note: 'a suffix of one token leaves nothing to generate before the end token',
        noteCode: 'noteSuffixOneToken',
        noteParams: {},
      };
    }
    return { ok: true, spans: [{ start, end: L - 1 }], order: [0], layout: 'suffix' };
  }
  return { ok: true, spans: placeSpans([g], M, lo, rng), order: [0], layout: 'block' };
}

/** Draws spans and a Part B order for `tokens` under an objective. Never throws on bad data. */
export function sampleSpans(tokens: readonly string[], options: SampleOptions, rng: Rng): SampleResult {
  const problem = sampleOptionsIssue(options);
  if (problem) return { ok: false, reason: problem.message, code: problem.code, params: problem.params };
  const o: Required<SampleOptions> = { ...DEFAULT_SAMPLE, shuffle: true, ...stripUndefined(options) };
  if (tokens.length === 0) return { ok: false, reason: 'no tokens: type some text first', code: 'sampleNoTokens', params: {} };
  if (o.objective === 'sentence') return sampleSentences(tokens, o, rng);
  if (o.objective === 'document') return sampleDocument(tokens, o, rng);
  return sampleShortSpans(tokens, o, rng);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
