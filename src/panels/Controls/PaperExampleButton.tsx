/**
 * Loads the paper's Figure 2 example: x1..x6, spans [x3] and [x5 x6], Part B order (x5 x6, x3),
 * in the figure's 1-based numbering.
 */
import { useT } from '../../i18n';
import { loadPaperExample } from '../../store/store';

export function PaperExampleButton() {
  const t = useT();
  return (
    <button
      type="button"
      className="button"
      onClick={() => loadPaperExample()}
      title={t('controls.paperHint')}
    >
      {t('controls.paper')}
    </button>
  );
}
