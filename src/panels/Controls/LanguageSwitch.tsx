/**
 * English or 简体中文: a native select named "Language" (in Chinese "语言（Language）", so it can be
 * found from either side). The choice goes to the store, which keeps it in the URL and storage.
 */
import { useId } from 'react';
import { useT } from '../../i18n';
import { useApp } from '../../store/hooks';
import { setLang } from '../../store/store';
import type { Lang } from '../../store/state';

/** Each language named in itself, with its BCP 47 tag. */
const LANGS: readonly { value: Lang; key: 'lang.en' | 'lang.zh'; tag: string }[] = [
  { value: 'en', key: 'lang.en', tag: 'en' },
  { value: 'zh', key: 'lang.zh', tag: 'zh-CN' },
];

export function LanguageSwitch() {
  const t = useT();
  const id = useId();
  const lang = useApp((s) => s.lang);
  return (
    <span className="language-switch">
      <label htmlFor={id} className="visually-hidden">
        {t('lang.label')}
      </label>
      <select id={id} className="select" value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
        {LANGS.map((l) => (
          <option key={l.value} value={l.value} lang={l.tag}>
            {t(l.key)}
          </option>
        ))}
      </select>
    </span>
  );
}
