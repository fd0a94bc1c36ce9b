/**
 * Training examples built with the ENGINE: the same `sampleSpans` + `construct` the panels show,
 * turned into ids, and a padded batch of them. This is the part of `scripts/train/data.ts` that
 * does not read a corpus (its `makeExample` after the text is cut, and its `collate`, line for
 * line), so the page's trainer and the Node trainer can share one definition of an example.
 *
 * Pure TypeScript: no TensorFlow.js (the tfjs GLM's input type is imported as a type only).
 */
import {
  construct,
  sampleSpans,
  type ConstructOptions,
  type Layout,
  type Objective,
  type Rng,
  type SampleOptions,
  type Span,
} from '../../glm';
import type { GlmInput } from '../glm';

/** What an example needs of a tokenizer: token text to id (a missing token reads as [UNK]). */
export interface IdLookup {
  idOf(token: string): number;
}

/** One constructed example as ids (the same fields as scripts/train/data.ts's `Example`). */
export interface Example {
  objective: Objective;
  ids: number[];
  targets: number[];
  lossMask: number[];
  positionIds: number[];
  blockPositionIds: number[];
  sep: number;
}

/** The engine's draw behind an example: its spans (text indices, sorted) and Part B order. */
export interface Draw {
  objective: Objective;
  spans: Span[];
  order: number[];
  layout: Layout;
}

/**
 * Which objective a model trains on: GLM's own, or one of the paper's ablations as the engine
 * builds them (src/glm/zoo.ts): `no-shuffle` places the spans in Part B in text order instead of
 * the drawn shuffled order; `no-2d` gives every Part B token the same block position
 * (`construct`'s `blockPositions: false`). Only the construction differs: the spans are the same.
 */
export type Variant = 'glm' | 'no-shuffle' | 'no-2d';

export const VARIANTS: readonly Variant[] = ['glm', 'no-shuffle', 'no-2d'];

/** The engine's construction options of a variant for a draw (what zoo.ts passes for the same ablation). */
export function variantConstruct(draw: Draw, variant: Variant): ConstructOptions {
  return {
    objective: draw.objective,
    layout: draw.layout,
    order: variant === 'no-shuffle' ? draw.spans.map((_, i) => i) : draw.order,
    ...(variant === 'no-2d' ? { blockPositions: false } : {}),
  };
}

/** Sampler settings of an objective, as data.ts passes them to the engine. */
export interface ObjectiveOptions {
  objective: Objective;
  /** Short spans: the masking ratio. */
  ratio?: number;
  /** Short spans: the Poisson mean of span lengths. */
  lambda?: number;
  /** Document: the shortest span as a fraction of L. */
  minRatio?: number;
}

export type ExampleResult =
  | { ok: true; example: Example; draw: Draw }
  /** The sampler refused (`reason`, `code`), drew no span, or the example is longer than `maxLen`. */
  | {
      ok: false;
      why: 'refused' | 'empty' | 'tooLong';
      reason?: string;
      code?: string;
      params?: Record<string, unknown>;
    };

/**
 * One draw of the engine over framed `tokens` (`[CLS] ... [EOS]`), built into an example, as
 * data.ts's `makeExample` does for one attempt: sample, construct in the drawn order and layout,
 * map tokens to ids. Returns why it failed instead of retrying (the caller decides).
 */
export function exampleFrom(
  tokens: readonly string[],
  tok: IdLookup,
  o: ObjectiveOptions,
  rng: Rng,
  maxLen = Infinity,
): ExampleResult {
  const { objective } = o;
  const options: SampleOptions =
    objective === 'document'
      ? { objective, minRatio: o.minRatio }
      : { objective, ratio: o.ratio, lambda: o.lambda };
  const sample = sampleSpans(tokens, options, rng);
  if (!sample.ok)
    return {
      ok: false,
      why: 'refused',
      reason: sample.reason,
      code: sample.code,
      params: sample.params,
    };
  if (sample.spans.length === 0)
    return {
      ok: false,
      why: 'empty',
      reason: sample.note,
      code: sample.noteCode,
      params: sample.noteParams,
    };
  const draw: Draw = { objective, spans: sample.spans, order: sample.order, layout: sample.layout };
  const example = exampleOf(tokens, tok, draw);
  if (example.ids.length > maxLen) return { ok: false, why: 'tooLong' };
  return { ok: true, example, draw };
}

/**
 * The example of a draw under a variant: the engine's construction of the same spans, with the
 * drawn order and layout for GLM, and the variant's own options for an ablation.
 */
export function exampleOf(
  tokens: readonly string[],
  tok: IdLookup,
  draw: Draw,
  variant: Variant = 'glm',
): Example {
  const b = construct(tokens, draw.spans, variantConstruct(draw, variant));
  return {
    objective: draw.objective,
    ids: b.tokens.map((t) => tok.idOf(t)),
    targets: b.targets.map((t) => tok.idOf(t)),
    lossMask: b.lossMask,
    positionIds: b.positionIds,
    blockPositionIds: b.blockPositionIds,
    sep: b.sep,
  };
}

/** A padded batch plus the flat loss positions and their targets. */
export interface Batch {
  input: GlmInput;
  positions: number[];
  targets: number[];
  /** Objective of each loss position's example. */
  objectives: Objective[];
}

/** Pads the examples to one length (a multiple of `multiple`) and lists the Part B positions. */
export function collate(examples: Example[], multiple = 8): Batch {
  const T = Math.ceil(Math.max(...examples.map((e) => e.ids.length)) / multiple) * multiple;
  const pad = (a: number[]) => [...a, ...new Array<number>(T - a.length).fill(0)];
  const input: GlmInput = {
    ids: examples.map((e) => pad(e.ids)),
    positionIds: examples.map((e) => pad(e.positionIds)),
    blockPositionIds: examples.map((e) => pad(e.blockPositionIds)),
    sep: examples.map((e) => e.sep),
  };
  const positions: number[] = [];
  const targets: number[] = [];
  const objectives: Objective[] = [];
  examples.forEach((e, b) =>
    e.lossMask.forEach((m, t) => {
      if (m) {
        positions.push(b * T + t);
        targets.push(e.targets[t]!);
        objectives.push(e.objective);
      }
    }),
  );
  return { input, positions, targets, objectives };
}
