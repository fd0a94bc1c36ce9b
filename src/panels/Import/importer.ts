/**
 * From text to what the panels show, as pure steps: read the JSON (with a position on failure),
 * parse the batch (loading the vocabulary only for ids), check one sample against GLM's rules
 * (recognising known variants), infer the spans and Part B order, and rebuild the batch with the
 * engine for the diff view.
 */
import {
  construct,
  describeTensor,
  GMASK,
  MAX_BATCH_TOKENS,
  parseBatch,
  parseVariantIds,
  readTensorFile,
  SMASK,
  sniffFormat,
  tensorBatch,
  verdict,
  type Base,
  type CheckInput,
  type Construction,
  type IdLookup,
  type Layout,
  type Objective,
  type ReadInfo,
  type Span,
  type TensorFormat,
  type VariantId,
  type Verdict,
  type Vocabulary,
} from '../../glm';
import { jsonLinesOf, type JsonLine } from '../../glm/jsonl';
import { engineMsg, errorMsg, type Msg } from '../../i18n';
import { MAX_IMPORT_BYTES, parseJsonText, type JsonFailure } from './json';

/** Why an import was refused; the view is left as it was. */
export type ImportFailure =
  | { kind: 'empty' }
  | { kind: 'size'; bytes: number }
  | { kind: 'json'; json: JsonFailure }
  | { kind: 'shape'; field: string; message: string; msg: Msg }
  | { kind: 'lengths'; sample: number; problems: { field: string; message: string; msg: Msg }[] }
  | { kind: 'vocab'; message: string }
  | { kind: 'tensors'; message: string }
  /** JSON Lines none of whose lines could be read. */
  | { kind: 'lines'; unreadable: UnreadableLine[] };

/** A line of JSON Lines that could not be read, and why. */
export interface UnreadableLine {
  line: number;
  message: string;
  /** The same, to translate (absent for a JSON parser's message). */
  msg?: Msg;
}

/** How JSON Lines were read: where each sample came from, and the lines left out. */
export interface LinesRead {
  /** Non-blank lines in the text. */
  count: number;
  /** For each sample: its line (1-based) and its index in that line's batch. */
  origins: { line: number; sample: number }[];
  /** Lines that could not be read (the others are shown). */
  unreadable: UnreadableLine[];
}

/** How the batch was read, for the panel to say (as check's `read`). */
export interface BatchRead extends ReadInfo {
  format: TensorFormat | 'json' | 'jsonl';
  /** JSON Lines: each sample's line, and the lines that could not be read. */
  lines?: LinesRead;
  /** Each tensor's dtype and shape, for a tensor file. */
  tensors?: Record<string, string>;
  /** The vocabulary the ids were read with. */
  vocabulary?: string;
  /** The batch's own `"base"` and `"accept"`, as check reads them. */
  base?: Base;
  accept: VariantId[];
}

export type ReadResult =
  | { ok: true; samples: CheckInput[]; ids: boolean; read: BatchRead }
  | { ok: false; failure: ImportFailure };

/**
 * Reads a batch from text (JSON, or JSON Lines: one sample or batch per line, as check reads
 * them) or bytes (a .npy, .npz or safetensors file, read as check reads it); `loadVocabulary`
 * is called only when the tokens are ids.
 */
export async function readBatch(
  input: string | Uint8Array,
  loadVocabulary: () => Promise<Vocabulary | IdLookup>,
  name = 'batch',
): Promise<ReadResult> {
  if (input.length > MAX_IMPORT_BYTES)
    return { ok: false, failure: { kind: 'size', bytes: input.length } };
  let value: unknown;
  let format: BatchRead['format'] = 'json';
  let tensors: Record<string, string> | undefined;
  const bytes = typeof input === 'string' ? null : input;
  if (bytes && sniffFormat(bytes) !== 'text') {
    const r = readTensorFile(bytes, name, name.replace(/^.*[\\/]/, '').replace(/\.npy$/, ''));
    if (!r.ok) return { ok: false, failure: { kind: 'tensors', message: r.message } };
    value = tensorBatch(r.tensors);
    format = r.format;
    tensors = Object.fromEntries(r.tensors.map((t) => [t.key, describeTensor(t)]));
  } else {
    const text = bytes ? new TextDecoder().decode(bytes) : (input as string);
    if (text.trim() === '') return { ok: false, failure: { kind: 'empty' } };
    const json = parseJsonText(text);
    if (!json.ok) {
      const lines = jsonLinesOf(text);
      if (lines) return readLines(lines, loadVocabulary);
      return { ok: false, failure: { kind: 'json', json: json.error } };
    }
    value = json.value;
  }
  let parsed = parseBatch(value);
  let ids = false;
  let vocabulary: string | undefined;
  if (!parsed.ok && parsed.code === 'idsNeedVocab') {
    let v: Vocabulary | IdLookup;
    try {
      v = await loadVocabulary();
    } catch (e) {
      return { ok: false, failure: { kind: 'vocab', message: (e as Error).message } };
    }
    parsed = parseBatch(value, v);
    ids = true;
    if (typeof v !== 'function') vocabulary = v.name;
  }
  if (!parsed.ok)
    return { ok: false, failure: { kind: 'shape', field: parsed.field, message: parsed.message, msg: engineMsg(parsed) } };
  const o = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const accepted = Array.isArray(o.accept) ? parseVariantIds(o.accept) : null;
  const read: BatchRead = {
    ...parsed.read,
    format,
    accept: accepted?.ok ? accepted.ids : [],
    ...(tensors ? { tensors } : {}),
    ...(vocabulary ? { vocabulary } : {}),
    ...(o.base === 1 || o.base === 0 ? { base: o.base } : {}),
  };
  return { ok: true, samples: parsed.samples, ids, read };
}

/**
 * JSON Lines: every line's samples, in line order, each with its line; a line that cannot be
 * read is left out and listed (all of them unreadable: refused). The vocabulary is loaded once,
 * for the first line of ids; the first line read gives the keys, `"base"` is the first line's
 * that has one, and `"accept"` is every line's together.
 */
async function readLines(
  lines: readonly JsonLine[],
  loadVocabulary: () => Promise<Vocabulary | IdLookup>,
): Promise<ReadResult> {
  const samples: CheckInput[] = [];
  const origins: LinesRead['origins'] = [];
  const unreadable: UnreadableLine[] = [];
  let first: ReadInfo | null = null;
  let vocab: Vocabulary | IdLookup | null = null;
  let ids = false;
  let base: Base | undefined;
  const accept = new Set<VariantId>();
  let tokens = 0;
  for (const { line, text } of lines) {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      unreadable.push({ line, message: (e as Error).message });
      continue;
    }
    let parsed = parseBatch(value);
    if (!parsed.ok && parsed.code === 'idsNeedVocab') {
      if (!vocab) {
        try {
          vocab = await loadVocabulary();
        } catch (e) {
          return { ok: false, failure: { kind: 'vocab', message: (e as Error).message } };
        }
      }
      parsed = parseBatch(value, vocab);
      ids = true;
    }
    if (!parsed.ok) {
      unreadable.push({ line, message: parsed.message, msg: engineMsg(parsed) });
      continue;
    }
    first ??= parsed.read;
    parsed.samples.forEach((sample, i) => {
      samples.push(sample);
      origins.push({ line, sample: i });
      tokens += sample.tokens.length;
    });
    if (tokens > MAX_BATCH_TOKENS) {
      const message = `the batch has more than ${MAX_BATCH_TOKENS} tokens by line ${line}; at most ${MAX_BATCH_TOKENS} can be checked at once`;
      const failure = { ok: false, field: 'tokens', message, code: 'tooManyTokens', params: { total: tokens, max: MAX_BATCH_TOKENS } } as const;
      return { ok: false, failure: { kind: 'shape', field: 'tokens', message, msg: engineMsg(failure) } };
    }
    const o = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    if (base === undefined && (o.base === 0 || o.base === 1)) base = o.base;
    const a = Array.isArray(o.accept) ? parseVariantIds(o.accept) : null;
    if (a?.ok) a.ids.forEach((id) => accept.add(id));
  }
  if (!first) return { ok: false, failure: { kind: 'lines', unreadable } };
  const vocabulary = vocab && typeof vocab !== 'function' ? vocab.name : undefined;
  const read: BatchRead = {
    ...first,
    ids,
    format: 'jsonl',
    lines: { count: lines.length, origins, unreadable },
    accept: [...accept],
    ...(vocabulary ? { vocabulary } : {}),
    ...(base !== undefined ? { base } : {}),
  };
  return { ok: true, samples, ids, read };
}

/** What the panels show for a sample: the rebuilt text, spans and order the engine can build. */
export interface View {
  tokens: string[];
  spans: Span[];
  order: number[];
  layout: Layout;
  objective: Objective;
  /** Spans that could not be shown (a mask with no Part B tokens), by inferred index. */
  dropped: number[];
}

export interface Analysis {
  /** The verdict check gives the sample, with the accepted variants. */
  check: Verdict;
  view: View;
  /** The engine's batch for the view (padded like the import), numbered with `base`; null if it cannot be built. */
  engine: Construction | null;
  engineError: string | null;
  /** The same, to translate when shown. */
  engineErrorMsg: Msg | null;
}

/** The objective whose mask token Part A uses ([gMASK] document, [sMASK] sentence, else short spans). */
export function objectiveOf(tokens: readonly string[], sep: number): Objective {
  const a = tokens.slice(0, sep);
  if (a.includes(GMASK)) return 'document';
  if (a.includes(SMASK)) return 'sentence';
  return 'span';
}

/**
 * Checks one sample (the verdict check gives it, with `accept` counting as no problem) and
 * derives its view; `null` when its shape is too broken to infer spans.
 */
export function analyze(sample: CheckInput, base: Base, accept: readonly VariantId[] = []): Analysis | null {
  const check = verdict({ ...sample, base }, accept);
  const inf = check.inferred;
  if (!inf) return null;
  // Keep the spans the engine can build: a mask with no Part B tokens has an empty span.
  const keep = inf.spans.map((s, i) => (s.end > s.start ? i : -1)).filter((i) => i >= 0);
  const newIndex = new Map(keep.map((old, i) => [old, i]));
  const spans = keep.map((i) => inf.spans[i]!);
  const order = inf.order.filter((o) => newIndex.has(o)).map((o) => newIndex.get(o)!);
  for (let i = 0; i < spans.length; i++) if (!order.includes(i)) order.push(i);
  const objective = objectiveOf(sample.tokens, sample.sep);
  let layout: Layout = inf.layout;
  const view: View = {
    tokens: inf.original,
    spans,
    order,
    layout,
    objective,
    dropped: inf.spans.map((_, i) => i).filter((i) => !newIndex.has(i)),
  };
  let engine: Construction | null = null;
  let engineError: string | null = null;
  let engineErrorMsg: Msg | null = null;
  for (const attempt of layout === 'suffix'
    ? (['suffix', 'block'] as const)
    : (['block'] as const)) {
    try {
      const c = construct(view.tokens, spans, { order, objective, layout: attempt });
      const L = sample.tokens.length;
      engine =
        L > c.unpaddedLength
          ? construct(view.tokens, spans, { order, objective, layout: attempt, padTo: L })
          : c;
      layout = attempt;
      engineError = null;
      engineErrorMsg = null;
      break;
    } catch (e) {
      engineError = (e as Error).message;
      engineErrorMsg = errorMsg(e);
    }
  }
  view.layout = layout;
  return { check, view, engine: engine ? numbered(engine, base) : null, engineError, engineErrorMsg };
}

/** The engine's position ids under the chosen numbering (padding keeps its 0). */
function numbered(c: Construction, base: Base): Construction {
  if (base === 0) return c;
  return { ...c, positionIds: c.positionIds.map((p, i) => (i < c.unpaddedLength ? p + base : p)) };
}

/** What the checker says about one sample of a batch, as the sample list shows it. */
export interface SampleVerdict {
  /** Problems left once the known variants are recognised (what its problem list shows). */
  problems: number;
  /** Known variants recognised. */
  variants: number;
  /** Of those, the ones not accepted. */
  openVariants: number;
  /** As check says it: no problem left and every variant accepted. */
  ok: boolean;
}

/** Every sample's verdict, under the numbering `base`: the whole batch at a glance. */
export function sampleVerdicts(samples: readonly CheckInput[], base: Base, accept: readonly VariantId[] = []): SampleVerdict[] {
  return samples.map((s) => {
    const r = verdict({ ...s, base }, accept);
    return {
      problems: r.problems.length,
      variants: r.variants.length,
      openVariants: r.variants.filter((v) => !v.accepted).length,
      ok: r.ok,
    };
  });
}

/** Shape problems (lengths that disagree, sep out of range) of a sample that `analyze` refused. */
export function shapeProblems(sample: CheckInput, base: Base) {
  return verdict({ ...sample, base }).problems.map((p) => ({
    field: p.field,
    message: p.message,
    msg: engineMsg(p),
  }));
}
