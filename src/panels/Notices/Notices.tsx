/**
 * The store's notices (refusals, dropped link parts, removed spans) in a polite live region, each
 * with a Dismiss button. The region is always in the page so screen readers hear what is added.
 */
import { useT, useTranslateMsg } from '../../i18n';
import { useApp } from '../../store/hooks';
import { dismissNotice } from '../../store/store';

export function Notices() {
  const t = useT();
  const tm = useTranslateMsg();
  const notices = useApp((s) => s.notices);
  return (
    <div className="notices" role="status" aria-live="polite" aria-label={t('notices.label')}>
      {notices.map((n) => {
        // Translated now, not when raised: switching language re-translates what is shown.
        const text = tm(n.msg);
        return (
          <div key={n.id} className={`notice notice-${n.level}`}>
            <span className="notice-icon" aria-hidden="true">
              {n.level === 'info' ? 'i' : '!'}
            </span>
            <p className="notice-text">{text}</p>
            <button
              type="button"
              className="button button-small"
              aria-label={t('notices.dismissLabel', { text })}
              onClick={() => dismissNotice(n.id)}
            >
              {t('notices.dismiss')}
            </button>
          </div>
        );
      })}
    </div>
  );
}
