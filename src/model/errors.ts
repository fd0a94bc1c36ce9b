/**
 * Errors of the model code that the page shows to people: each has a stable `code` and its values
 * (`params`) beside the English sentence, so the page can say it in the reader's language (the
 * CLI prints the English `message`). The code crosses the worker boundary in the `error` reply.
 * No TensorFlow.js here: the worker client and the store import this.
 */

export type ModelErrorCode =
  /** The browser has no Web Workers. */
  | 'noWorkers'
  /** The worker failed before it could say why. */
  | 'workerFailed'
  /** The worker's own code (TensorFlow.js, the model) failed to load: {message}. */
  | 'codeLoad'
  /** A file of the model answered with an HTTP error: {file, status, url}. */
  | 'fetch'
  /** A file of the model is not what the code expects: {file, detail}. */
  | 'badFile'
  /** No TensorFlow.js backend started: {details}. */
  | 'noBackend'
  /** A request came before the model was loaded. */
  | 'notLoaded'
  /** More tokens than the model has positions: {n, max}. */
  | 'tooLong'
  /** A request the page built wrongly (a bug, not the reader's doing): {detail}. */
  | 'badRequest';

export type ModelErrorParams = Readonly<Record<string, string | number>>;

export class ModelError extends Error {
  readonly code: ModelErrorCode;
  readonly params: ModelErrorParams;
  constructor(code: ModelErrorCode, message: string, params: ModelErrorParams = {}) {
    super(message);
    this.name = 'ModelError';
    this.code = code;
    this.params = params;
  }
}

const CODES: ReadonlySet<string> = new Set<ModelErrorCode>([
  'noWorkers',
  'workerFailed',
  'codeLoad',
  'fetch',
  'badFile',
  'noBackend',
  'notLoaded',
  'tooLong',
  'badRequest',
]);

/** What an error can carry across postMessage: its sentence and, if it has one, its code. */
export interface ErrorInfo {
  message: string;
  code?: ModelErrorCode;
  params?: ModelErrorParams;
}

export function errorInfo(e: unknown): ErrorInfo {
  const message = e instanceof Error ? e.message : String(e);
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !CODES.has(code)) return { message };
  const params = (e as { params?: unknown }).params;
  return {
    message,
    code: code as ModelErrorCode,
    params: params && typeof params === 'object' ? (params as ModelErrorParams) : {},
  };
}

/** Rebuilds the error on the page's side of the worker. */
export function fromInfo(info: ErrorInfo): Error {
  return info.code ? new ModelError(info.code, info.message, info.params) : new Error(info.message);
}
