/**
 * Packs the main area's panels into columns without blank rows: the grid's rows are ROW px
 * (app.css, `.app-main.is-masonry`) and each panel gets `--masonry-rows`, the number of rows its
 * height and its bottom margin take, kept up to date by a ResizeObserver. The grid still places
 * the panels in page order; this only stops a short panel's row from being as tall as its
 * neighbour. Without ResizeObserver (jsdom) nothing changes.
 */
import { useLayoutEffect, type RefObject } from 'react';

/** The height of one grid row (px), as in app.css. */
export const ROW = 4;

/** How many ROW-px rows an item `height` px tall with a `margin` px bottom margin spans. */
export function rowsFor(height: number, margin: number, row = ROW): number {
  return Math.max(1, Math.ceil((height + margin) / row));
}

export function useMasonry(ref: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    const main = ref.current;
    if (!main || typeof ResizeObserver === 'undefined') return;
    const place = (el: HTMLElement, height: number) => {
      const margin = parseFloat(getComputedStyle(el).marginBottom) || 0;
      const rows = String(rowsFor(height, margin));
      if (el.style.getPropertyValue('--masonry-rows') !== rows) el.style.setProperty('--masonry-rows', rows);
    };
    const ro = new ResizeObserver((entries) => {
      for (const e of entries) {
        const box = e.borderBoxSize?.[0];
        place(e.target as HTMLElement, box ? box.blockSize : e.target.getBoundingClientRect().height);
      }
    });
    const watch = () => {
      for (const el of main.children) if (el instanceof HTMLElement) ro.observe(el);
    };
    watch();
    const mo = new MutationObserver(watch);
    mo.observe(main, { childList: true });
    main.classList.add('is-masonry');
    return () => {
      mo.disconnect();
      ro.disconnect();
      main.classList.remove('is-masonry');
    };
  }, [ref]);
}
