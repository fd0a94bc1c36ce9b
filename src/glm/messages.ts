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

const english = new Intl.PluralRules('en');

/**
 * The English form for a count (the CLI's sentences are English): `one` for 1, else `other`.
 * The interface's own text chooses its plurals in src/i18n/plural.ts, in every language.
 */
export function englishPlural(n: number, one: string, other: string): string {
  return english.select(n) === 'one' ? one : other;
}

/** A count and its noun in English: "1 span", "2 spans". */
export function englishCount(n: number, one: string, other: string): string {
  return `${n} ${englishPlural(n, one, other)}`;
}
