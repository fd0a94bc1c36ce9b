/** Looking up interface text in the chosen language (English as the fallback). */
import { useApp } from '../store/hooks';
import type { Lang } from '../store/state';
import { en, type MessageKey, type Messages } from './en';
import type { Msg } from './msg';
import { formatMessage } from './plural';
import { zh } from './zh';

export type { MessageKey };
export type { Msg, MsgValue } from './msg';
export { engineMsg, errorMsg, variantMsg } from './engine';
export { plural, pluralCategory } from './plural';

const catalogs: Record<Lang, Partial<Messages>> = { en, zh };

/**
 * The text for `key` in `lang`, with `{name}` placeholders filled from `vars` and plural blocks
 * (`{n, plural, one {# mask} other {# masks}}`) chosen by `Intl.PluralRules` for `lang`.
 */
export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  const template = catalogs[lang][key] ?? en[key];
  if (!vars) return template;
  return formatMessage(lang, template, vars);
}

/** A message kept for later (`Msg`) in `lang`: nested messages and lists are translated too. */
export function translateMsg(lang: Lang, m: Msg): string {
  if (!m.vars) return translate(lang, m.key);
  const vars: Record<string, string | number> = {};
  for (const [name, v] of Object.entries(m.vars)) {
    if (typeof v === 'string' || typeof v === 'number') vars[name] = v;
    else if (Array.isArray(v)) vars[name] = (v as readonly Msg[]).map((x) => translateMsg(lang, x)).join(translate(lang, 'common.listSep'));
    else vars[name] = translateMsg(lang, v as Msg);
  }
  return translate(lang, m.key, vars);
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** A `translateMsg` bound to the store's language. */
export function useTranslateMsg(): (m: Msg) => string {
  const lang = useApp((s) => s.lang);
  return (m) => translateMsg(lang, m);
}

/** A `t(key, vars)` bound to the store's language. */
export function useT(): Translate {
  const lang = useApp((s) => s.lang);
  return (key, vars) => translate(lang, key, vars);
}
