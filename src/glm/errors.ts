import type { Coded, MessageParams } from './messages';

/**
 * An input the engine cannot work with, with the field it concerns (for one clear message), and
 * the message as a code and values for the interface to translate (`input` when none was given).
 */
export class InputError extends Error {
  readonly field: string;
  readonly code: string;
  readonly params: MessageParams;
  constructor(field: string, message: string, coded?: Coded) {
    super(message);
    this.name = 'InputError';
    this.field = field;
    this.code = coded?.code ?? 'input';
    this.params = coded?.params ?? { message };
  }
}
