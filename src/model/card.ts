/**
 * What the shipped model is, in figures a teacher can read out: size, corpus, training time, and
 * the evaluation (cloze set, copy test) beside the unigram baseline. Read from the manifest; every
 * field is optional, so an older or hand-made manifest gives a shorter card, never an error.
 */
import type { Manifest } from './weights';

export interface ModelCard {
  /** Training wall time in minutes, steps and tokens seen. */
  minutes?: number;
  steps?: number;
  tokens?: number;
  /** Names of the corpus sources, and the corpus size in characters. */
  sources?: string[];
  corpusChars?: number;
  /** Cloze top-5 (model, unigram), English and Chinese; copy test top-1 on held-out text. */
  clozeEn?: { model: number; unigram: number };
  clozeZh?: { model: number; unigram: number };
  copyEn?: { model: number; unigram: number };
  copyZh?: { model: number; unigram: number };
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function pair(s: unknown, model: string, unigram: string): { model: number; unigram: number } | undefined {
  const o = obj(s);
  const m = num(o?.[model]);
  const u = num(o?.[unigram]);
  return m === undefined || u === undefined ? undefined : { model: m, unigram: u };
}

export function modelCard(manifest: Pick<Manifest, 'training' | 'corpus' | 'evaluation'>): ModelCard {
  const t = obj(manifest.training);
  const c = obj(manifest.corpus);
  const e = obj(manifest.evaluation);
  const sources = Array.isArray(c?.sources) ? (c.sources as unknown[]).map((s) => obj(s)?.name).filter((n): n is string => typeof n === 'string') : undefined;
  const cloze = obj(e?.cloze);
  const copy = obj(e?.copy);
  return {
    minutes: num(t?.wallMinutes),
    steps: num(t?.steps),
    tokens: num(t?.tokens),
    sources: sources?.length ? sources : undefined,
    corpusChars: num(obj(c?.train)?.chars),
    clozeEn: pair(cloze?.en, 'modelTop5', 'unigramTop5'),
    clozeZh: pair(cloze?.zh, 'modelTop5', 'unigramTop5'),
    copyEn: pair(copy?.heldoutEn, 'modelTop1', 'unigramTop1'),
    copyZh: pair(copy?.heldoutZh, 'modelTop1', 'unigramTop1'),
  };
}
