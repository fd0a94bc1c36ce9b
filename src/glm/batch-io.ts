/**
 * Reading and writing batches in the reference layout (snake_case field names, as GLM's collator
 * and the CLI print them). Parsing never throws: it returns the samples or one clear message.
 */
import type { Construction } from './construct';
import { idsToTokens, type IdLookup } from './ids';
import { attentionRows, sepFromMatrix } from './mask';
import type { Coded, MessageParams } from './messages';
import type { Batch } from './types';
import type { CheckInput } from './validate';

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
  | 'maskTooBig';

/**
 * A parse failure: the field, one English sentence, and its code and values. For a sample of a
 * list, `field` and `message` start with `samples[i].`, and `params.where` holds that prefix.
 */
export type ParseFailure = { ok: false; field: string; message: string } & Coded<ParseCode>;

export type ParseResult = { ok: true; samples: CheckInput[] } | ParseFailure;

/** A field's problem before it is placed (`samples[i].`). */
type FieldProblem = { message: string } & Coded<ParseCode>;
const problem = (message: string, code: ParseCode, params: MessageParams = {}): FieldProblem => ({ message, code, params });

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function pick(o: Record<string, unknown>, ...names: string[]): unknown {
  for (const n of names) if (n in o) return o[n];
  return undefined;
}

const isProblem = (v: unknown): v is FieldProblem => typeof v === 'object' && v !== null && !Array.isArray(v);

function numbers(v: unknown, field: string): number[] | FieldProblem {
  if (!Array.isArray(v)) return problem(`${field} must be an array of numbers`, 'numbersNotArray', { field });
  for (let i = 0; i < v.length; i++) {
    if (typeof v[i] !== 'number' || !Number.isFinite(v[i])) {
      const got = JSON.stringify(v[i]) ?? 'nothing';
      return problem(`${field}[${i}] must be a number, got ${got}`, 'numberBad', { field, i, got });
    }
  }
  return v as number[];
}

function strings(v: unknown, field: string, lookup?: IdLookup): string[] | FieldProblem {
  if (!Array.isArray(v)) return problem(`${field} must be an array of token strings`, 'stringsNotArray', { field });
  if (v.length > 0 && v.every((x) => typeof x === 'number' && Number.isInteger(x))) {
    if (!lookup) return problem(`${field} holds token ids: load a vocabulary to read them (or give token strings)`, 'idsNeedVocab', { field });
    return idsToTokens(v as number[], lookup);
  }
  for (let i = 0; i < v.length; i++) {
    if (typeof v[i] !== 'string') {
      const got = JSON.stringify(v[i]) ?? 'nothing';
      return problem(`${field}[${i}] must be a string, got ${got}`, 'stringBad', { field, i, got });
    }
  }
  return v as string[];
}

/**
 * Reads one sample in the reference layout: `tokens`, `targets`, `loss_mask`, `position_ids`
 * (one array with `block_position_ids` beside it, or a [2, L] array), and `sep` or
 * `attention_mask` (the reference's integer sep, or a full 0/1 matrix); optional `original`.
 * camelCase names are accepted too.
 */
export function parseSample(raw: unknown, where = '', lookup?: IdLookup): ParseResult {
  const fail = (field: string, p: FieldProblem): ParseFailure => ({
    ok: false,
    field: where + field,
    message: where + p.message,
    code: p.code,
    params: where ? { ...p.params, where } : p.params,
  });
  if (!isObject(raw)) return fail('', problem('a batch must be a JSON object with tokens, targets, loss_mask, position_ids and sep', 'notObject'));
  const tokens = strings(pick(raw, 'tokens', 'text'), 'tokens', lookup);
  if (isProblem(tokens)) return fail('tokens', tokens);
  const targets = strings(pick(raw, 'targets', 'target'), 'targets', lookup);
  if (isProblem(targets)) return fail('targets', targets);
  const lossMask = numbers(pick(raw, 'loss_mask', 'lossMask'), 'loss_mask');
  if (isProblem(lossMask)) return fail('loss_mask', lossMask);

  let positionIds: number[];
  let blockPositionIds: number[];
  const pos = pick(raw, 'position_ids', 'positionIds', 'position_id');
  if (Array.isArray(pos) && pos.length === 2 && Array.isArray(pos[0]) && Array.isArray(pos[1])) {
    const a = numbers(pos[0], 'position_ids[0]');
    if (isProblem(a)) return fail('position_ids', a);
    const b = numbers(pos[1], 'position_ids[1]');
    if (isProblem(b)) return fail('position_ids', b);
    positionIds = a;
    blockPositionIds = b;
  } else {
    const a = numbers(pos, 'position_ids');
    if (isProblem(a)) return fail('position_ids', a);
    const b = numbers(pick(raw, 'block_position_ids', 'blockPositionIds'), 'block_position_ids');
    if (isProblem(b)) {
      const code = b.code === 'numberBad' ? 'numberBadOrPair' : 'numbersNotArrayOrPair';
      return fail('block_position_ids', problem(`${b.message} (or give position_ids as a [2, L] array)`, code, b.params));
    }
    positionIds = a;
    blockPositionIds = b;
  }

  let sep: number | undefined;
  let matrix: number[][] | undefined;
  const sepRaw = pick(raw, 'sep');
  const am = pick(raw, 'attention_mask', 'attentionMask');
  if (typeof sepRaw === 'number') sep = sepRaw;
  else if (sepRaw !== undefined) {
    const got = JSON.stringify(sepRaw) ?? String(sepRaw);
    return fail('sep', problem(`sep must be a whole number, got ${got}`, 'sepNotWhole', { got }));
  }
  if (typeof am === 'number') {
    if (sep !== undefined && sep !== am) {
      return fail('attention_mask', problem(`attention_mask (the reference's sep) is ${am} but sep is ${sep}`, 'sepMismatch', { am, sep }));
    }
    sep = am;
  } else if (Array.isArray(am)) {
    for (let q = 0; q < am.length; q++) {
      const row = numbers(am[q], `attention_mask[${q}]`);
      if (isProblem(row)) return fail('attention_mask', row);
    }
    matrix = am as number[][];
    if (sep === undefined) {
      const s = sepFromMatrix(matrix);
      if (s === null) return fail('attention_mask', problem('attention_mask follows no single sep (query q sees key k iff k < sep or k <= q)', 'maskNoSep'));
      sep = s;
    }
  } else if (am !== undefined) {
    return fail('attention_mask', problem('attention_mask must be the integer sep or a matrix of 0/1 rows', 'maskBadType'));
  }
  if (sep === undefined) return fail('sep', problem('the batch needs sep (len(Part A)) or an attention_mask', 'needSep'));
  if (!Number.isInteger(sep)) return fail('sep', problem(`sep must be a whole number, got ${sep}`, 'sepNotWhole', { got: String(sep) }));

  const sample: CheckInput = { tokens, targets, lossMask, positionIds, blockPositionIds, sep };
  if (matrix) sample.attentionMask = matrix;
  const original = pick(raw, 'original');
  if (original !== undefined) {
    const o = strings(original, 'original', lookup);
    if (isProblem(o)) return fail('original', o);
    sample.original = o;
  }
  return { ok: true, samples: [sample] };
}

/** Largest number of tokens one import accepts (a 2 a.m. paste of a whole epoch gets a message). */
export const MAX_BATCH_TOKENS = 1_000_000;

/**
 * A collated batch ({text: [B, L], target: [B, L], loss_mask: [B, L], position_id: [B, 2, L],
 * attention_mask: [B]}) split into per-sample objects; null when `raw` is not columnar.
 */
function splitColumnar(raw: Record<string, unknown>): unknown[] | null {
  const tokens = pick(raw, 'tokens', 'text');
  if (!Array.isArray(tokens) || tokens.length === 0 || !tokens.every(Array.isArray)) return null;
  const B = tokens.length;
  const samples: Record<string, unknown>[] = Array.from({ length: B }, () => ({}));
  for (const [key, value] of Object.entries(raw)) {
    if (Array.isArray(value) && value.length === B) value.forEach((v, i) => (samples[i]![key] = v));
    else samples.forEach((s) => (s[key] = value));
  }
  return samples;
}

/** Reads one sample, an array of samples, `{ "samples": [...] }`, or a collated [B, L] batch. */
export function parseBatch(raw: unknown, lookup?: IdLookup): ParseResult {
  const columnar = isObject(raw) ? splitColumnar(raw) : null;
  const list = columnar ?? (Array.isArray(raw) ? raw : isObject(raw) && Array.isArray(raw.samples) ? raw.samples : null);
  if (!list) return sized(parseSample(raw, '', lookup));
  if (list.length === 0) return { ok: false, field: 'samples', message: 'the batch has no samples', code: 'noSamples', params: {} };
  const samples: CheckInput[] = [];
  for (let i = 0; i < list.length; i++) {
    const r = parseSample(list[i], `samples[${i}].`, lookup);
    if (!r.ok) return r;
    samples.push(...r.samples);
  }
  return sized({ ok: true, samples });
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
  const big = r.samples.findIndex((s) => s.attentionMask && s.tokens.length > 4096);
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
