/** A note under a capped list: "Showing the first 3,000 of 20,512 tokens" and a Show-all button. */
import { useT } from '../../i18n';

export interface ShowAllProps {
  shown: number;
  total: number;
  onShowAll: () => void;
}

export function ShowAll({ shown, total, onShowAll }: ShowAllProps) {
  const t = useT();
  if (shown >= total) return null;
  return (
    <p className="show-all">
      {t('common.showingFirst', { shown: shown.toLocaleString(), total: total.toLocaleString() })}{' '}
      <button type="button" className="button button-small" onClick={onShowAll}>
        {t('common.showAll')}
      </button>
    </p>
  );
}
