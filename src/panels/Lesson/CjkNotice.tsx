/** A note under the text when it holds CJK characters: one token per character, maybe unknown to the model. */
import { useT } from '../../i18n';
import { hasCjk } from '../../lesson/cjk';
import { useApp } from '../../store/hooks';

export function CjkNotice() {
  const t = useT();
  const cjk = useApp((s) => hasCjk(s.text));
  if (!cjk) return null;
  return (
    <p className="field-hint cjk-notice" role="note">
      {t('cjk.notice')}
    </p>
  );
}
