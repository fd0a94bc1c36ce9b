/**
 * The whole pipeline in one call: text -> tokens -> spans (given or sampled) -> construction.
 * Every intermediate result is returned, so panels, the CLI, tests and training share one code path.
 */
import { construct, type Construction } from './construct';
import { createRng } from './rng';
import { sampleSpans, type SampleOptions, type SampleResult } from './sample';
import { spanProblem } from './spans';
import { frame, wordTokenizer } from './tokenize';
import type { Objective, Span, Token, Tokenizer } from './types';

export interface PipelineInput {
  text: string;
  /** Frame the tokens with [CLS] ... [EOS]. */
  cls: boolean;
  /** Spans over the framed tokens; when absent, spans are sampled with `seed`. */
  spans?: readonly Span[];
  /** Part B order; when absent, drawn with `seed`. */
  order?: readonly number[];
  objective: Objective;
  seed: number;
  taskMask?: boolean;
  shuffle?: boolean;
  sample?: SampleOptions;
  tokenizer?: Tokenizer;
}

export interface PipelineOutput {
  /** Framed tokens with their character offsets. */
  tokens: Token[];
  /** The sampler's answer when spans were sampled. */
  sampled: SampleResult | null;
  /** The construction, or null with `error` saying why it could not be built. */
  construction: Construction | null;
  error: string | null;
}

export function runPipeline(input: PipelineInput): PipelineOutput {
  const tokenizer = input.tokenizer ?? wordTokenizer;
  const tokens = frame(tokenizer.tokenize(input.text), { cls: input.cls });
  const texts = tokens.map((t) => t.text);
  let spans = input.spans;
  let order = input.order;
  let sampled: SampleResult | null = null;
  let layout: 'block' | 'suffix' = 'block';
  if (!spans) {
    sampled = sampleSpans(texts, { ...input.sample, objective: input.objective }, createRng(input.seed));
    if (!sampled.ok) return { tokens, sampled, construction: null, error: sampled.reason };
    spans = sampled.spans;
    order = sampled.order;
    layout = sampled.layout;
  }
  const problem = spanProblem(spans, texts.length);
  if (problem) return { tokens, sampled, construction: null, error: problem.message };
  try {
    const construction = construct(texts, spans, {
      objective: input.objective,
      taskMask: input.taskMask,
      order,
      shuffle: input.shuffle,
      seed: input.seed,
      layout,
    });
    return { tokens, sampled, construction, error: null };
  } catch (e) {
    return { tokens, sampled, construction: null, error: (e as Error).message };
  }
}
