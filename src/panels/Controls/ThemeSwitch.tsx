/** Light or the high-contrast dark "projector" theme (the app sets `data-theme` on <html>). */
import { useT } from '../../i18n';
import { useApp } from '../../store/hooks';
import { setTheme } from '../../store/store';
import type { Theme } from '../../store/state';
import { Segmented } from '../../app/ui/Segmented';

export function ThemeSwitch() {
  const t = useT();
  const theme = useApp((s) => s.theme);
  return (
    <Segmented<Theme>
      legend={t('controls.theme')}
      hideLegend
      options={[
        { value: 'light', label: t('controls.themeLight') },
        { value: 'dark', label: t('controls.themeDark') },
      ]}
      value={theme}
      onChange={setTheme}
    />
  );
}
