/**
 * The app's banner: its name, what it shows, and the toolbar (theme, the paper's example, and a
 * slot for the controls other parts of the app add: export, language, lessons).
 */
import type { ReactNode } from 'react';
import { useT } from '../i18n';
import { PaperExampleButton } from '../panels/Controls/PaperExampleButton';
import { ThemeSwitch } from '../panels/Controls/ThemeSwitch';

export interface HeaderProps {
  /** More toolbar controls, shown after the built-in ones. */
  extras?: ReactNode;
}

export function Header({ extras }: HeaderProps) {
  const t = useT();
  return (
    <header className="app-header">
      <div className="app-brand">
        <h1 className="app-title">{t('app.title')}</h1>
        <p className="app-tagline">{t('app.tagline')}</p>
      </div>
      <div className="app-toolbar" role="group" aria-label={t('app.toolbar')}>
        <PaperExampleButton />
        <ThemeSwitch />
        {extras}
      </div>
    </header>
  );
}
