/**
 * The engine's messages (src/glm) as interface text: the engine gives each problem, reason and
 * note a stable code and its values beside the English sentence; here a code becomes the message
 * key `engine.<code>`. The engine itself imports nothing of this (it stays pure TypeScript).
 */
import type {
  CheckNoteCode,
  MessageParams,
  OrderProblemCode,
  ParseCode,
  ProblemCode,
  SampleNoteCode,
  SampleProblemCode,
  SpanProblemCode,
  Variant,
} from '../glm';
import { en, type MessageKey } from './en';
import type { Msg } from './msg';

/** Codes of InputError thrown by construct (besides span and order problems). */
export type ConstructCode = 'suffixOneSpan' | 'suffixEnd' | 'padTooShort' | 'input';

/** Every code the engine gives. */
export type EngineCode =
  | SpanProblemCode
  | OrderProblemCode
  | SampleProblemCode
  | SampleNoteCode
  | ProblemCode
  | CheckNoteCode
  | ParseCode
  | ConstructCode;

// Every code has its English text (and so, as zh.ts is a complete `Messages`, its Chinese text).
type Missing = Exclude<`engine.${EngineCode}`, MessageKey>;
const complete: [Missing] extends [never] ? true : Missing = true;
void complete;

/** An engine message (`{ code, params }`) as a message to translate. */
export function engineMsg(c: { code: string; params: MessageParams }): Msg {
  const { where, ...vars } = c.params;
  const msg: Msg = { key: `engine.${c.code}` as MessageKey, vars };
  // A sample of a list: its message starts with the sample's place, `samples[2].`.
  return typeof where === 'string' ? { key: 'engine.where', vars: { where, message: msg } } : msg;
}

/** A recognised variant of a batch: what differs from the reference, and where. */
export function variantMsg(v: Variant): Msg {
  const key = v.id === 'loss-on-part-a' && v.params.onMasks ? 'import.variantWhy.loss-on-part-a-masks' : `import.variantWhy.${v.id}`;
  return { key: key as MessageKey, vars: v.params };
}

/** An error's message to show: the engine's code when it has one, else its text as it is. */
export function errorMsg(e: unknown): Msg {
  const code = (e as { code?: unknown } | null)?.code;
  if (e instanceof Error && typeof code === 'string' && `engine.${code}` in en && typeof (e as { params?: unknown }).params === 'object') {
    return engineMsg(e as unknown as { code: string; params: MessageParams });
  }
  return { key: 'engine.input', vars: { message: e instanceof Error ? e.message : String(e) } };
}
