/**
 * Errors of the in-page pre-training that the page shows to people: a stable `code` and its
 * values beside the English sentence, so the panel can say it in the reader's language. The code
 * crosses the worker boundary in the `error` message. No TensorFlow.js here.
 */

export type PretrainErrorCode =
  /** The text is empty. */
  | 'noText'
  /** More framed tokens than the model has positions: {n, max, model: 'tiny' | 'shipped'}. */
  | 'tooLong'
  /** The sampler never drew a span for this text and these settings: {engineCode, ...engine params}. */
  | 'noDraw'
  /** A setting out of range (a bug of the page, or a hand-made message): {detail}. */
  | 'badSettings'
  /** The loss became NaN or infinite: {step}. */
  | 'diverged'
  /** The tokenizer file could not be read: {detail}. */
  | 'tokenizer'
  /** The shipped model's files (manifest, weights, tokenizer) could not be read: {detail}. */
  | 'shippedModel'
  /** The worker's own code (TensorFlow.js) failed to load: {message}. */
  | 'codeLoad'
  /** No TensorFlow.js backend started: {details}. */
  | 'noBackend'
  /** The worker failed before it could say why: {detail}. */
  | 'workerFailed'
  /** The browser has no Web Workers. */
  | 'noWorkers';

export type PretrainErrorParams = Readonly<Record<string, string | number>>;

export class PretrainError extends Error {
  readonly code: PretrainErrorCode;
  readonly params: PretrainErrorParams;
  constructor(code: PretrainErrorCode, message: string, params: PretrainErrorParams = {}) {
    super(message);
    this.name = 'PretrainError';
    this.code = code;
    this.params = params;
  }
}

const CODES: ReadonlySet<string> = new Set<PretrainErrorCode>([
  'noText',
  'tooLong',
  'noDraw',
  'badSettings',
  'diverged',
  'tokenizer',
  'shippedModel',
  'codeLoad',
  'noBackend',
  'workerFailed',
  'noWorkers',
]);

/** What an error can carry across postMessage: its sentence and, if it has one, its code. */
export interface PretrainErrorInfo {
  message: string;
  code?: PretrainErrorCode;
  params?: PretrainErrorParams;
}

export function pretrainErrorInfo(e: unknown): PretrainErrorInfo {
  const message = e instanceof Error ? e.message : String(e);
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !CODES.has(code)) return { message };
  const params = (e as { params?: unknown }).params;
  return {
    message,
    code: code as PretrainErrorCode,
    params: params && typeof params === 'object' ? (params as PretrainErrorParams) : {},
  };
}
