/** Mirrors the theme and language onto <html> (`data-theme`, `lang`) so CSS and assistive tech follow. */
import { useEffect } from 'react';
import { useApp } from '../store/hooks';
import type { Lang, Theme } from '../store/state';

/** Sets the attributes directly (main.tsx calls this before the first paint to avoid a flash). */
export function applyDocumentAttributes(
  theme: Theme,
  lang: Lang,
  root: HTMLElement = document.documentElement,
): void {
  root.dataset.theme = theme;
  root.lang = lang === 'zh' ? 'zh-Hans' : 'en';
}

export function useDocumentAttributes(): void {
  const theme = useApp((s) => s.theme);
  const lang = useApp((s) => s.lang);
  useEffect(() => applyDocumentAttributes(theme, lang), [theme, lang]);
}
