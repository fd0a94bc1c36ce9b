/**
 * The pre-training errors (src/model/pretrain/errors.ts) as interface text: a code becomes the key
 * `pretrain.error.<code>` with the error's values; a refused draw says the engine's reason in the
 * reader's language. An error without a code (TensorFlow.js's own) follows a translated lead-in.
 */
import {
  pretrainErrorInfo,
  type PretrainErrorCode,
  type PretrainErrorInfo,
} from '../model/pretrain/errors';
import { en, type MessageKey } from './en';
import { engineMsg } from './engine';
import type { Msg } from './msg';

export const PRETRAIN_ERROR_KEYS: Record<PretrainErrorCode, MessageKey> = {
  noText: 'pretrain.error.noText',
  tooLong: 'pretrain.error.tooLong',
  noDraw: 'pretrain.error.noDraw',
  badSettings: 'pretrain.error.badSettings',
  diverged: 'pretrain.error.diverged',
  tokenizer: 'pretrain.error.tokenizer',
  shippedModel: 'pretrain.error.shippedModel',
  codeLoad: 'pretrain.error.codeLoad',
  noBackend: 'pretrain.error.noBackend',
  workerFailed: 'pretrain.error.workerFailed',
  noWorkers: 'pretrain.error.noWorkers',
};

const isInfo = (e: unknown): e is PretrainErrorInfo =>
  typeof e === 'object' &&
  e !== null &&
  !(e instanceof Error) &&
  typeof (e as { message?: unknown }).message === 'string';

/** Any error of the trainer, its worker or the browser (or an `error` reply), as a message to translate. */
export function pretrainErrorMsg(e: unknown): Msg {
  const info = isInfo(e) ? e : pretrainErrorInfo(e);
  if (!info.code) return { key: 'pretrain.error.other', vars: { message: info.message } };
  const params = info.params ?? {};
  if (info.code === 'noDraw') {
    const { engineCode, ...rest } = params;
    const known = typeof engineCode === 'string' && `engine.${engineCode}` in en;
    return {
      key: 'pretrain.error.noDraw',
      vars: {
        reason: known
          ? engineMsg({ code: engineCode, params: rest })
          : { key: 'pretrain.error.noDrawUnknown' },
      },
    };
  }
  if (info.code === 'tooLong' && params.model === 'shipped')
    return {
      key: 'pretrain.error.tooLongShipped',
      vars: { n: params.n ?? '', max: params.max ?? '' },
    };
  if (info.code === 'workerFailed' && !params.detail)
    return { key: 'pretrain.error.workerFailedPlain' };
  return { key: PRETRAIN_ERROR_KEYS[info.code], vars: { ...params } };
}
