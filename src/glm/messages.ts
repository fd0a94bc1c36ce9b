/**
 * Engine messages in machine-readable form: a stable `code` and the values the message mentions
 * (`params`), given beside the English sentence (`message`, `reason`, `note`) that the CLI prints.
 * The interface translates the code; nothing in the engine knows about languages.
 */

/** The values a message mentions (numbers, token strings, field names). */
export type MessageParams = Record<string, string | number>;

/** A message as a code and its values. */
export interface Coded<C extends string = string> {
  code: C;
  params: MessageParams;
}
