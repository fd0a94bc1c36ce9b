/**
 * A message to show later: a key and its values, translated when it is shown (so text kept in a
 * store, like a notice, follows a switch of language). A value may itself be a message, or a list
 * of messages (joined with the language's list separator). Types only: the store imports this.
 */
import type { MessageKey } from './en';

export type MsgValue = string | number | Msg | readonly Msg[];

export interface Msg {
  key: MessageKey;
  vars?: Readonly<Record<string, MsgValue>>;
}
