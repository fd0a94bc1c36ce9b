/**
 * Batches for `check` benchmarks (scripts/bench/engine.ts): samples of exactly L tokens built by
 * the engine ([CLS] + words, spans from the default short-span sampler, seeded per sample, padded
 * to L), as GLM's collator names them with BERT ids: one collated JSON batch, the same batch as
 * an .npz, and JSON Lines with one sample per line (as `datasets.to_json` writes them).
 */
import { construct, createRng, sampleSpans, type Vocabulary } from '../../src/glm';
import { npz } from '../fixtures/tensor-files';

const WORDS = ['the', 'model', 'fills', 'each', 'blank', 'in', 'turn', ',', 'left', 'to', 'right', '.'];

/** One sample as GLM's collator gives it (ids), `L` tokens, spans drawn with `seed`. */
export interface IdSample {
  text: number[];
  target: number[];
  loss_mask: number[];
  position_id: [number[], number[]];
  attention_mask: number;
}

/** `count` samples of L tokens, ids from `vocabulary` (BERT's: every word above is in it). */
export function idSamples(count: number, L: number, vocabulary: Vocabulary): IdSample[] {
  const idOf = new Map<string, number>();
  vocabulary.tokens.forEach((t, id) => t !== undefined && !idOf.has(t) && idOf.set(t, id));
  for (const [id, t] of vocabulary.commands) idOf.set(t, id);
  const ids = (tokens: readonly string[]) =>
    tokens.map((t) => {
      const id = idOf.get(t);
      if (id === undefined) throw new Error(`${t} is not in ${vocabulary.name}`);
      return id;
    });
  // Room for the [S] of each span (15% masked, in spans of about 3 tokens): a draw with more
  // spans than that is drawn again with the next seed.
  const n = Math.floor(L * 0.9);
  const tokens = ['[CLS]', ...Array.from({ length: n - 1 }, (_, i) => WORDS[i % WORDS.length]!)];
  let seed = 0;
  return Array.from({ length: count }, () => {
    let c;
    do {
      const draw = sampleSpans(tokens, {}, createRng(++seed));
      if (!draw.ok) throw new Error(`sampler failed: ${draw.reason}`);
      c = construct(tokens, draw.spans, { order: draw.order });
    } while (c.tokens.length > L);
    c = construct(tokens, c.spans, { order: c.order, padTo: L });
    return {
      text: ids(c.tokens),
      target: ids(c.targets),
      loss_mask: c.lossMask,
      position_id: [c.positionIds, c.blockPositionIds],
      attention_mask: c.sep,
    };
  });
}

/** The samples collated: text [B, L], target, loss_mask, position_id [B, 2, L], attention_mask [B]. */
export function collate(samples: readonly IdSample[]) {
  return {
    text: samples.map((s) => s.text),
    target: samples.map((s) => s.target),
    loss_mask: samples.map((s) => s.loss_mask),
    position_id: samples.map((s) => s.position_id),
    attention_mask: samples.map((s) => s.attention_mask),
  };
}

/** The three inputs: a collated JSON batch, the same as .npz (int64, stored), JSON Lines. */
export function checkInputs(samples: readonly IdSample[]) {
  const batch = collate(samples);
  return {
    json: JSON.stringify(batch),
    npz: npz(batch),
    jsonl: samples.map((s) => JSON.stringify(s)).join('\n') + '\n',
  };
}
