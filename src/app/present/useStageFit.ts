/**
 * Sizes the stage's type so its panels fill the screen: the root font size (every panel is sized
 * in rem) is the largest that keeps each panel on the stage, and each scroll box in it, free of
 * overflow, between a floor and a ceiling that follow the window's height. The mask stage sizes
 * its figure itself (src/panels/Mask), so it only gets the floor. Re-fitted when the window or a
 * panel's content changes size; the inline font size goes when presenting ends.
 */
import { useLayoutEffect } from 'react';
import { STAGES, type StageId } from './presentStore';

/** Scroll boxes inside panels whose overflow means "too large" (chip lists, tables, Part B). */
const SCROLLERS = '.chips, .segments, .span-list, .table-scroll';

/** The smallest and largest root font size (px) of a stage in a window `height` px high. */
export function stageFontRange(height: number): { min: number; max: number } {
  const min = Math.min(40, Math.max(16, Math.round(height / 50)));
  const max = Math.max(min, Math.min(72, Math.round(height / 18)));
  return { min, max };
}

/** The largest whole number in [lo, hi] for which `fits` holds (fits is monotone), else lo. */
export function largestFitting(lo: number, hi: number, fits: (px: number) => boolean): number {
  if (hi <= lo || !fits(lo)) return lo;
  if (fits(hi)) return hi;
  let ok = lo;
  let bad = hi;
  while (bad - ok > 1) {
    const mid = Math.floor((ok + bad) / 2);
    if (fits(mid)) ok = mid;
    else bad = mid;
  }
  return ok;
}

const overflows = (el: Element) =>
  el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1;

/** Whether every panel, and every scroll box in it, shows all of its content. */
export function panelsFit(panels: readonly HTMLElement[]): boolean {
  for (const p of panels) {
    if (overflows(p)) return false;
    for (const el of p.querySelectorAll(SCROLLERS)) if (overflows(el)) return false;
  }
  return true;
}

/** The stage's panels in the page. */
function stagePanels(stage: StageId): HTMLElement[] {
  const s = STAGES.find((x) => x.id === stage);
  return (s?.panels ?? [])
    .map((id) => document.getElementById(`panel-${id}`))
    .filter((el): el is HTMLElement => el !== null);
}

/** Fits the root font size to the stage now; returns the size chosen (px). */
export function fitStage(stage: StageId, root: HTMLElement = document.documentElement): number {
  const { min, max } = stageFontRange(window.innerHeight);
  const set = (px: number) => root.style.setProperty('font-size', `${px}px`);
  if (stage === 'mask') {
    const px = Math.min(max, Math.max(min, Math.round(window.innerHeight / 45)));
    set(px);
    return px;
  }
  const panels = stagePanels(stage);
  const px = largestFitting(min, max, (f) => {
    set(f);
    return panelsFit(panels);
  });
  set(px);
  return px;
}

export function useStageFit(stage: StageId | null): void {
  useLayoutEffect(() => {
    const root = document.documentElement;
    if (!stage) return;
    let frame = 0;
    const fit = () => {
      frame = 0;
      fitStage(stage, root);
    };
    fit();
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(fit);
    };
    window.addEventListener('resize', schedule);
    let ro: ResizeObserver | null = null;
    if (typeof ResizeObserver !== 'undefined' && stage !== 'mask') {
      ro = new ResizeObserver(schedule);
      for (const p of stagePanels(stage)) {
        ro.observe(p);
        for (const child of p.children) ro.observe(child);
      }
    }
    return () => {
      window.removeEventListener('resize', schedule);
      ro?.disconnect();
      if (frame) cancelAnimationFrame(frame);
      root.style.removeProperty('font-size');
    };
  }, [stage]);
}
