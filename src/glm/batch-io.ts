/**
 * Reading and writing batches in the reference layout (snake_case field names, as GLM's collator
 * and the CLI print them). Parsing never throws: it returns the samples or one clear message.
 */
import type { Construction } from './construct';
import { GLM_BERT_SPECIAL_IDS, type IdLookup } from './ids';
import { attentionRows, nearestSep, sepFromMatrix } from './mask';
import type { Coded, MessageParams } from './messages';
import { canonicalToken } from './specials';
import { IGNORE_INDEX, IGNORED, type Batch } from './types';
import type { CheckInput, OutsideId } from './validate';
import { decodeId, type Vocabulary } from './vocabulary';

/** A batch as the CLI's `construct` prints it. */
export interface ReferenceBatch {
  tokens: string[];
  targets: string[];
  loss_mask: number[];
  position_ids: number[];
  block_position_ids: number[];
  sep: number;
  attention_mask?: number[][];
}

/** The reference layout of a batch, with the full mask matrix unless `withMatrix` is false. */
export function toReference(b: Batch, withMatrix = true): ReferenceBatch {
  const out: ReferenceBatch = {
    tokens: b.tokens,
    targets: b.targets,
    loss_mask: b.lossMask,
    position_ids: b.positionIds,
    block_position_ids: b.blockPositionIds,
    sep: b.sep,
  };
  if (withMatrix) out.attention_mask = attentionRows(b.sep, b.tokens.length);
  return out;
}

/** Extra facts of a construction that the reference fields do not carry. */
export function describe(c: Construction) {
  return {
    spans: c.spans.map((s) => [s.start, s.end] as [number, number]),
    order: c.order,
    layout: c.layout,
  };
}

/** Why a batch cannot be read (`message` says it in English). */
export type ParseCode =
  | 'notObject'
  | 'numbersNotArray'
  | 'numberBad'
  | 'numbersNotArrayOrPair'
  | 'numberBadOrPair'
  | 'stringsNotArray'
  | 'idsNeedVocab'
  | 'stringBad'
  | 'sepNotWhole'
  | 'sepMismatch'
  | 'maskNoSep'
  | 'maskBadType'
  | 'needSep'
  | 'noSamples'
  | 'tooManyTokens'
  | 'maskTooBig'
  | 'keyMissing'
  | 'maskPaddingOnly';

/**
 * A parse failure: the field, one English sentence, and its code and values. For a sample of a
 * list, `field` and `message` start with `samples[i].`, and `params.where` holds that prefix.
 */
export type ParseFailure = { ok: false; field: string; message: string } & Coded<ParseCode>;

/** How a batch was read: which key each field came from, what was left out, what was respelled. */
export interface ReadInfo {
  /** The key (or keys) each field was read from, in the first sample. */
  keys: Record<string, string>;
  /** Keys of the batch no field is read from. */
  ignored: string[];
  /** GLM's spellings read as the engine's (`<|startofpiece|>` as `[S]`), with how often. */
  spellings: { from: string; to: string; count: number }[];
  /** The tokens were ids (read with the vocabulary). */
  ids: boolean;
}

export type ParseResult = { ok: true; samples: CheckInput[]; read: ReadInfo } | ParseFailure;

/** Where ids are read: a vocabulary, or (tests, the page's older callers) a lookup over BERT's ids. */
export type IdSource = IdLookup | Vocabulary;

/** What reading one batch needs and collects. */
interface Reader {
  decode?: (id: number) => string | undefined;
  size: number | null;
  spellings: Map<string, number>;
  ids: boolean;
}

function readerOf(src?: IdSource): Reader {
  const base = { spellings: new Map<string, number>(), ids: false };
  if (!src) return { ...base, size: null };
  if (typeof src === 'function') return { ...base, size: null, decode: (id) => GLM_BERT_SPECIAL_IDS[id] ?? src(id) };
  return { ...base, size: src.size, decode: (id) => decodeId(src, id) };
}

/** Keys read besides the fields. */
const EXTRA_KEYS = ['original', 'base', 'accept', 'sample', 'samples'];

/** A field's problem before it is placed (`samples[i].`). */
type FieldProblem = { message: string } & Coded<ParseCode>;
const problem = (message: string, code: ParseCode, params: MessageParams = {}): FieldProblem => ({
  message,
  code,
  params,
});

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The names each field is read under: the reference's, camelCase, the collator's, Hugging Face's. */
export const FIELD_KEYS = {
  tokens: ['tokens', 'text', 'input_ids'],
  targets: ['targets', 'target', 'labels'],
  loss_mask: ['loss_mask', 'lossMask'],
  position_ids: ['position_ids', 'positionIds', 'position_id'],
  block_position_ids: ['block_position_ids', 'blockPositionIds'],
  sep: ['sep'],
  attention_mask: ['attention_mask', 'attentionMask'],
} as const;

function pick(o: Record<string, unknown>, names: readonly string[]): unknown {
  for (const n of names) if (n in o) return o[n];
  return undefined;
}

const has = (o: Record<string, unknown>, names: readonly string[]) => names.some((n) => n in o);

/** The keys of `o`, for a message saying which were found. */
const keysOf = (o: Record<string, unknown>) => Object.keys(o).join(', ') || '—';

/** A field none of whose names is in the batch: says which names are read and which keys it has. */
const missing = (field: string, accepted: string, o: Record<string, unknown>): FieldProblem =>
  problem(
    `${field} is missing: the batch has none of the keys ${accepted} (keys found: ${keysOf(o)})`,
    'keyMissing',
    { field, accepted, found: keysOf(o) },
  );

const isProblem = (v: unknown): v is FieldProblem =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function numbers(v: unknown, field: string): number[] | FieldProblem {
  if (!Array.isArray(v))
    return problem(`${field} must be an array of numbers`, 'numbersNotArray', { field });
  for (let i = 0; i < v.length; i++) {
    if (typeof v[i] !== 'number' || !Number.isFinite(v[i])) {
      const got = JSON.stringify(v[i]) ?? 'nothing';
      return problem(`${field}[${i}] must be a number, got ${got}`, 'numberBad', { field, i, got });
    }
  }
  return v as number[];
}

/**
 * Token strings (GLM's `<|startofpiece|>`/`<|endofpiece|>` read as `[S]`/`[E]`), or ids read
 * with the reader's vocabulary; an id it lacks becomes `[id N]` and is listed in `outside`. With
 * `ignored` (targets), -100, the ignore index that Hugging Face labels hold where there is no
 * loss, is read as the string "-100".
 */
function strings(
  v: unknown,
  field: string,
  reader: Reader,
  outside: OutsideId[],
  ignored = false,
): string[] | FieldProblem {
  if (!Array.isArray(v))
    return problem(`${field} must be an array of token strings`, 'stringsNotArray', { field });
  const isIgnored = (x: unknown) => ignored && x === IGNORE_INDEX;
  if (v.length > 0 && v.every((x) => typeof x === 'number' && Number.isInteger(x))) {
    const ids = v as number[];
    if (ids.every(isIgnored)) return ids.map(() => IGNORED);
    const decode = reader.decode;
    if (!decode) {
      return problem(
        `${field} holds token ids: load a vocabulary to read them (or give token strings)`,
        'idsNeedVocab',
        { field },
      );
    }
    reader.ids = true;
    return ids.map((id, index) => {
      if (isIgnored(id)) return IGNORED;
      const t = decode(id);
      if (t !== undefined) return t;
      outside.push({ field, index, id, size: reader.size });
      return `[id ${id}]`;
    });
  }
  for (let i = 0; i < v.length; i++) {
    if (typeof v[i] !== 'string' && !isIgnored(v[i])) {
      const got = JSON.stringify(v[i]) ?? 'nothing';
      return problem(`${field}[${i}] must be a string, got ${got}`, 'stringBad', { field, i, got });
    }
  }
  return v.map((x) => {
    if (isIgnored(x)) return IGNORED;
    const t = canonicalToken(x as string);
    if (t !== x) reader.spellings.set(x as string, (reader.spellings.get(x as string) ?? 0) + 1);
    return t;
  });
}

/**
 * The attention mask as a matrix: [L, L] rows, or [1, L, L] (one sample of a [B, 1, L, L]
 * mask, as a model's `build_mask_matrix` gives it); true/false (a bool tensor's `tolist()`) read as 1/0.
 */
function maskMatrix(am: unknown[]): unknown[] {
  const inner = am.length === 1 && Array.isArray(am[0]) && Array.isArray(am[0][0]) ? am[0] : am;
  return (inner as unknown[]).map((row) =>
    Array.isArray(row) ? row.map((x) => (typeof x === 'boolean' ? Number(x) : x)) : row,
  );
}

/**
 * Reads one sample in the reference layout: `tokens`, `targets`, `loss_mask`, `position_ids`
 * (one array with `block_position_ids` beside it, or a [2, L] array), and `sep` or
 * `attention_mask` (the reference's integer sep, or a full 0/1 matrix, [L, L] or [1, L, L]);
 * optional `original`. camelCase names are accepted too, and Hugging Face's: `input_ids` for the
 * tokens, `labels` for the targets (-100 where there is no loss; without `loss_mask`, the loss
 * mask is read from them).
 */
export function parseSample(raw: unknown, where = '', lookup?: IdSource): ParseResult {
  const reader = readerOf(lookup);
  const r = readSample(raw, where, reader);
  return r.ok ? { ok: true, samples: r.samples, read: readInfo(r.keys, r.ignored, reader) } : r;
}

function readInfo(keys: Record<string, string>, ignored: string[], reader: Reader): ReadInfo {
  return {
    keys,
    ignored,
    spellings: [...reader.spellings].map(([from, count]) => ({ from, to: canonicalToken(from), count })),
    ids: reader.ids,
  };
}

type SampleRead =
  | { ok: true; samples: CheckInput[]; keys: Record<string, string>; ignored: string[] }
  | ParseFailure;

function readSample(raw: unknown, where: string, reader: Reader): SampleRead {
  const keys: Record<string, string> = {};
  const keyOf = (o: Record<string, unknown>, names: readonly string[]) => names.find((n) => n in o)!;
  const outside: OutsideId[] = [];
  const fail = (field: string, p: FieldProblem): ParseFailure => ({
    ok: false,
    field: where + field,
    message: where + p.message,
    code: p.code,
    params: where ? { ...p.params, where } : p.params,
  });
  if (!isObject(raw))
    return fail(
      '',
      problem(
        'a batch must be a JSON object with tokens, targets, loss_mask, position_ids and sep',
        'notObject',
      ),
    );
  const K = FIELD_KEYS;
  const accepted = (names: readonly string[]) => names.join(', ');
  if (!has(raw, K.tokens)) return fail('tokens', missing('tokens', accepted(K.tokens), raw));
  keys.tokens = keyOf(raw, K.tokens);
  const tokens = strings(pick(raw, K.tokens), 'tokens', reader, outside);
  if (isProblem(tokens)) return fail('tokens', tokens);
  if (!has(raw, K.targets)) return fail('targets', missing('targets', accepted(K.targets), raw));
  keys.targets = keyOf(raw, K.targets);
  const targetsRaw = pick(raw, K.targets);
  const targets = strings(targetsRaw, 'targets', reader, outside, true);
  if (isProblem(targets)) return fail('targets', targets);
  let lossMask: number[] | FieldProblem;
  if (has(raw, K.loss_mask)) {
    keys.loss_mask = keyOf(raw, K.loss_mask);
    lossMask = numbers(pick(raw, K.loss_mask), 'loss_mask');
  } else if (Array.isArray(targetsRaw) && targetsRaw.includes(IGNORE_INDEX)) {
    // Hugging Face style: the loss is wherever the labels are not the ignore index.
    keys.loss_mask = `${keys.targets} != -100`;
    lossMask = targetsRaw.map((t) => (t === IGNORE_INDEX ? 0 : 1));
  } else lossMask = missing('loss_mask', `${accepted(K.loss_mask)}, or labels with -100`, raw);
  if (isProblem(lossMask)) return fail('loss_mask', lossMask);

  let positionIds: number[];
  let blockPositionIds: number[];
  if (!has(raw, K.position_ids))
    return fail('position_ids', missing('position_ids', accepted(K.position_ids), raw));
  const pos = pick(raw, K.position_ids);
  if (Array.isArray(pos) && pos.length === 2 && Array.isArray(pos[0]) && Array.isArray(pos[1])) {
    const a = numbers(pos[0], 'position_ids[0]');
    if (isProblem(a)) return fail('position_ids', a);
    const b = numbers(pos[1], 'position_ids[1]');
    if (isProblem(b)) return fail('position_ids', b);
    positionIds = a;
    blockPositionIds = b;
    keys.position_ids = `${keyOf(raw, K.position_ids)}[0]`;
    keys.block_position_ids = `${keyOf(raw, K.position_ids)}[1]`;
  } else {
    keys.position_ids = keyOf(raw, K.position_ids);
    const a = numbers(pos, 'position_ids');
    if (isProblem(a)) return fail('position_ids', a);
    if (!has(raw, K.block_position_ids)) {
      const names = `${accepted(K.block_position_ids)}, or position_ids as a [2, L] array`;
      return fail('block_position_ids', missing('block_position_ids', names, raw));
    }
    keys.block_position_ids = keyOf(raw, K.block_position_ids);
    const b = numbers(pick(raw, K.block_position_ids), 'block_position_ids');
    if (isProblem(b)) {
      const code = b.code === 'numberBad' ? 'numberBadOrPair' : 'numbersNotArrayOrPair';
      return fail(
        'block_position_ids',
        problem(`${b.message} (or give position_ids as a [2, L] array)`, code, b.params),
      );
    }
    positionIds = a;
    blockPositionIds = b;
  }

  let sep: number | undefined;
  let matrix: number[][] | undefined;
  const sepRaw = pick(raw, K.sep);
  const am = pick(raw, K.attention_mask);
  const amKey = has(raw, K.attention_mask) ? keyOf(raw, K.attention_mask) : 'attention_mask';
  if (typeof sepRaw === 'number') {
    sep = sepRaw;
    keys.sep = 'sep';
  }
  else if (sepRaw !== undefined) {
    const got = JSON.stringify(sepRaw) ?? String(sepRaw);
    return fail('sep', problem(`sep must be a whole number, got ${got}`, 'sepNotWhole', { got }));
  }
  if (typeof am === 'number') {
    if (sep !== undefined && sep !== am) {
      return fail(
        'attention_mask',
        problem(`attention_mask (the reference's sep) is ${am} but sep is ${sep}`, 'sepMismatch', {
          am,
          sep,
        }),
      );
    }
    if (sep === undefined) keys.sep = amKey;
    sep = am;
  } else if (Array.isArray(am) && am.length > 0 && am.every((x) => !Array.isArray(x))) {
    return fail(
      'attention_mask',
      problem(
        "attention_mask is a single row (a padding mask, as Hugging Face tokenizers give it), but GLM's mask needs sep: give sep (the reference's integer attention_mask) or the full [L, L] matrix",
        'maskPaddingOnly',
      ),
    );
  } else if (Array.isArray(am)) {
    const rows = maskMatrix(am);
    for (let q = 0; q < rows.length; q++) {
      const row = numbers(rows[q], `attention_mask[${q}]`);
      if (isProblem(row)) return fail('attention_mask', row);
    }
    matrix = rows as number[][];
    keys.attention_mask = amKey;
    if (sep === undefined) {
      keys.sep = `${amKey} (matrix)`;
      const L = tokens.length;
      // A full L×L matrix always gives a sep (the nearest, when it follows none): the cells that
      // break it are reported as problems. Only a matrix of another size gives none.
      const s =
        L <= MAX_MASK_TOKENS && matrix.length === L && matrix.every((r) => r.length === L)
          ? nearestSep(matrix)
          : sepFromMatrix(matrix);
      if (s === null)
        return fail(
          'attention_mask',
          problem(
            'attention_mask follows no single sep (query q sees key k iff k < sep or k <= q)',
            'maskNoSep',
          ),
        );
      sep = s;
    }
  } else if (am !== undefined) {
    return fail(
      'attention_mask',
      problem('attention_mask must be the integer sep or a matrix of 0/1 rows', 'maskBadType'),
    );
  }
  if (sep === undefined)
    return fail(
      'sep',
      problem(
        `the batch needs sep (len(Part A)) or an attention_mask (keys found: ${keysOf(raw)})`,
        'needSep',
        { found: keysOf(raw) },
      ),
    );
  if (!Number.isInteger(sep))
    return fail(
      'sep',
      problem(`sep must be a whole number, got ${sep}`, 'sepNotWhole', { got: String(sep) }),
    );

  const sample: CheckInput = { tokens, targets, lossMask, positionIds, blockPositionIds, sep };
  if (matrix) sample.attentionMask = matrix;
  if (keys.sep !== 'sep') sample.sepFrom = 'attention_mask';
  const original = pick(raw, ['original']);
  if (original !== undefined) {
    const o = strings(original, 'original', reader, outside);
    if (isProblem(o)) return fail('original', o);
    sample.original = o;
  }
  if (outside.length > 0) sample.outside = outside;
  const used = new Set<string>([...Object.values(FIELD_KEYS).flat(), ...EXTRA_KEYS]);
  const ignored = Object.keys(raw).filter((k) => !used.has(k));
  return { ok: true, samples: [sample], keys, ignored };
}

/** Longest sample whose attention mask may be given as a full matrix. */
export const MAX_MASK_TOKENS = 4096;

/** Largest number of tokens one import accepts (a 2 a.m. paste of a whole epoch gets a message). */
export const MAX_BATCH_TOKENS = 1_000_000;

/**
 * A collated batch ({text: [B, L], target: [B, L], loss_mask: [B, L], position_id: [B, 2, L],
 * attention_mask: [B]}, or Hugging Face's input_ids, labels [B, L], position_ids [B, 2, L],
 * attention_mask [B, 1, L, L] or [B, L, L]) split into per-sample objects; null when `raw` is
 * not columnar.
 */
function splitColumnar(raw: Record<string, unknown>): unknown[] | null {
  const tokens = pick(raw, FIELD_KEYS.tokens);
  if (!Array.isArray(tokens) || tokens.length === 0 || !tokens.every(Array.isArray)) return null;
  const B = tokens.length;
  const samples: Record<string, unknown>[] = Array.from({ length: B }, () => ({}));
  for (const [key, value] of Object.entries(raw)) {
    if (Array.isArray(value) && value.length === B) value.forEach((v, i) => (samples[i]![key] = v));
    else samples.forEach((s) => (s[key] = value));
  }
  return samples;
}

/**
 * Reads one sample, an array of samples, `{ "samples": [...] }`, or a collated [B, L] batch;
 * ids are read with `vocabulary` (a Vocabulary, or a lookup over BERT's ids).
 */
export function parseBatch(raw: unknown, vocabulary?: IdSource): ParseResult {
  const columnar = isObject(raw) ? splitColumnar(raw) : null;
  const list = columnar ?? (Array.isArray(raw) ? raw : isObject(raw) && Array.isArray(raw.samples) ? raw.samples : null);
  if (!list) return sized(parseSample(raw, '', vocabulary));
  if (list.length === 0) return { ok: false, field: 'samples', message: 'the batch has no samples', code: 'noSamples', params: {} };
  const reader = readerOf(vocabulary);
  const samples: CheckInput[] = [];
  let first: { keys: Record<string, string>; ignored: string[] } | null = null;
  for (let i = 0; i < list.length; i++) {
    const r = readSample(list[i], `samples[${i}].`, reader);
    if (!r.ok) return r;
    first ??= r;
    samples.push(...r.samples);
  }
  return sized({ ok: true, samples, read: readInfo(first!.keys, first!.ignored, reader) });
}

function sized(r: ParseResult): ParseResult {
  if (!r.ok) return r;
  const total = r.samples.reduce((a, s) => a + s.tokens.length, 0);
  if (total > MAX_BATCH_TOKENS) {
    return {
      ok: false,
      field: 'tokens',
      message: `the batch has ${total} tokens; at most ${MAX_BATCH_TOKENS} can be checked at once`,
      code: 'tooManyTokens',
      params: { total, max: MAX_BATCH_TOKENS },
    };
  }
  const big = r.samples.findIndex((s) => s.attentionMask && s.tokens.length > MAX_MASK_TOKENS);
  if (big >= 0) {
    const n = r.samples[big]!.tokens.length;
    return {
      ok: false,
      field: 'attention_mask',
      message: `sample ${big} has a full attention_mask over ${n} tokens; give sep instead (at most 4096 tokens with a matrix)`,
      code: 'maskTooBig',
      params: { sample: big, n },
    };
  }
  return r;
}
