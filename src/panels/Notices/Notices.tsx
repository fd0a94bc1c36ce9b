/**
 * The store's notices (refusals, dropped link parts, removed spans) in a polite live region, each
 * with a Dismiss button. The region is always in the page so screen readers hear what is added.
 * It sits in the top-right corner, just under the header and then at the top of the window as the
 * page scrolls (a sticky dock of no height, so it takes no room): at most three notices show, the
 * rest are counted. A note (info) fades after six seconds; a warning or an error stays until it is
 * dismissed. While the pointer or the focus is on the notices nothing fades, and the notes shown
 * get their six seconds again afterwards.
 */
import { useEffect, useRef, useState } from 'react';
import { useT, useTranslateMsg } from '../../i18n';
import { useApp } from '../../store/hooks';
import type { Notice } from '../../store/state';
import { dismissNotice } from '../../store/store';

/** At most this many notices show at once (the newest); the others are counted. */
export const NOTICES_SHOWN = 3;
/** A note (info) goes after this long (ms)… */
export const INFO_MS = 6000;
/** …fading out over the last part of it (ms). */
const FADE_MS = 400;

const NONE: ReadonlySet<number> = new Set();

/** Dismisses info notices INFO_MS after they came (or after a pause ended); returns those fading. */
function useInfoTimeout(notices: readonly Notice[], paused: boolean): ReadonlySet<number> {
  const [fading, setFading] = useState<ReadonlySet<number>>(NONE);
  const since = useRef(new Map<number, number>());
  const ids = notices
    .filter((n) => n.level === 'info')
    .map((n) => n.id)
    .join(',');
  useEffect(() => {
    const info = ids ? ids.split(',').map(Number) : [];
    const clock = since.current;
    for (const id of [...clock.keys()]) if (!info.includes(id)) clock.delete(id);
    if (paused) {
      // The clock starts again when the pause ends; nothing fades meanwhile.
      clock.clear();
      const t = setTimeout(() => setFading(NONE), 0);
      return () => clearTimeout(t);
    }
    const now = Date.now();
    const timers: ReturnType<typeof setTimeout>[] = [];
    for (const id of info) {
      const start = clock.get(id) ?? now;
      clock.set(id, start);
      const left = start + INFO_MS - now;
      timers.push(setTimeout(() => setFading((s) => new Set(s).add(id)), Math.max(0, left - FADE_MS)));
      timers.push(setTimeout(() => dismissNotice(id), Math.max(0, left)));
    }
    return () => timers.forEach(clearTimeout);
  }, [ids, paused]);
  return fading;
}

export function Notices() {
  const t = useT();
  const tm = useTranslateMsg();
  const notices = useApp((s) => s.notices);
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const paused = hovered || focused;
  const fading = useInfoTimeout(notices, paused);
  const shown = notices.slice(-NOTICES_SHOWN);
  const more = notices.length - shown.length;
  return (
    <div className="notices-dock">
      <div
        className="notices"
        role="status"
        aria-live="polite"
        aria-label={t('notices.label')}
        onMouseEnter={() => setHovered(true)}
        onMouseLeave={() => setHovered(false)}
        onFocus={() => setFocused(true)}
        onBlur={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocused(false);
        }}
      >
        {more > 0 && <p className="notices-more">{t('notices.more', { n: more })}</p>}
        {shown.map((n) => {
          // Translated now, not when raised: switching language re-translates what is shown.
          const text = tm(n.msg);
          return (
            <div
              key={n.id}
              className={`notice notice-${n.level}${!paused && fading.has(n.id) ? ' is-fading' : ''}`}
              data-level={n.level}
            >
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
    </div>
  );
}
