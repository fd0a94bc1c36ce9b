/** 0-based (as the code counts) or 1-based (as the paper's Figure 2 counts), with why they differ. */
import { useT } from '../../i18n';
import { useApp } from '../../store/hooks';
import { setBase } from '../../store/store';
import { Segmented } from '../../app/ui/Segmented';

export function NumberingSwitch() {
  const t = useT();
  const base = useApp((s) => s.base);
  return (
    <Segmented
      legend={t('positions.numbering')}
      options={[
        { value: 0, label: t('positions.base0') },
        { value: 1, label: t('positions.base1') },
      ]}
      value={base}
      onChange={setBase}
    />
  );
}
