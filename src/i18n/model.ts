/**
 * The model's errors (src/model/errors.ts) as interface text: a code becomes the key
 * `model.error.<code>` with the error's values. An error without a code (the browser's or
 * TensorFlow.js's own, which we cannot know in advance) is shown after a translated lead-in.
 */
import { errorInfo, type ModelErrorCode } from '../model/errors';
import type { MessageKey } from './en';
import type { Msg } from './msg';

export const MODEL_ERROR_KEYS: Record<ModelErrorCode, MessageKey> = {
  noWorkers: 'model.error.noWorkers',
  workerFailed: 'model.error.workerFailed',
  codeLoad: 'model.error.codeLoad',
  fetch: 'model.error.fetch',
  badFile: 'model.error.badFile',
  noBackend: 'model.error.noBackend',
  notLoaded: 'model.error.notLoaded',
  tooLong: 'model.error.tooLong',
  badRequest: 'model.error.badRequest',
};

/** Any error of the model, worker or browser, as a message to translate. */
export function modelErrorMsg(e: unknown): Msg {
  const info = errorInfo(e);
  if (!info.code) return { key: 'model.error.other', vars: { message: info.message } };
  if (info.code === 'workerFailed' && info.params?.detail) {
    return { key: 'model.error.workerFailedWith', vars: { detail: info.params.detail } };
  }
  return { key: MODEL_ERROR_KEYS[info.code], vars: { ...info.params } };
}
