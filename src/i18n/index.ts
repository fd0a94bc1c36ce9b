/** Looking up interface text in the chosen language (English as the fallback). */
import { useApp } from '../store/hooks';
import type { Lang } from '../store/state';
import { en, type MessageKey, type Messages } from './en';
import { zh } from './zh';

export type { MessageKey };

const catalogs: Record<Lang, Partial<Messages>> = { en, zh };

/** The text for `key` in `lang`, with `{name}` placeholders filled from `vars`. */
export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  const template = catalogs[lang][key] ?? en[key];
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** A `t(key, vars)` bound to the store's language. */
export function useT(): Translate {
  const lang = useApp((s) => s.lang);
  return (key, vars) => translate(lang, key, vars);
}
