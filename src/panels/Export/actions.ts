/**
 * What each Export menu item does, as plain async functions over the page and the store. Each
 * returns the sentence to announce (saved, copied, or why not).
 */
import { batchJson, copyText, download, elementToSvg, svgToPng } from '../../export';
import { exportErrorText } from '../../i18n/export';
import type { Translate } from '../../i18n';
import { choicesOf, currentDerived, store } from '../../store';
import { formatLink } from '../../store/link';
import { currentFigure2, currentMaskSvg, type Figure2Options } from './figure';
import { catchUpAll } from '../../app/ui/lane';

export interface Outcome {
  message: string;
  /** The link, when copying it failed and the user must copy it by hand. */
  manualLink?: string;
  /** The text is too long for a link: the message says so, and the batch JSON is offered instead. */
  offerJson?: boolean;
}

async function saving(t: Translate, name: string, make: () => Promise<Blob | string> | Blob | string, type?: string): Promise<Outcome> {
  try {
    download(name, await make(), type);
    return { message: t('export.saved', { name }) };
  } catch (e) {
    return { message: t('export.failed', { name, error: exportErrorText(t, e) }) };
  }
}

/**
 * A panel's picture: the Attention mask drawn natively (currentMaskSvg), any other panel as it is
 * drawn now without its controls and hints, cropped to its content (elementToSvg).
 */
export function exportPanel(t: Translate, id: string, format: 'svg' | 'png'): Promise<Outcome> {
  catchUpAll(); // a panel out of view may not have followed the last edit yet
  const el = document.getElementById(`panel-${id}`);
  const name = `glm-${id}.${format}`;
  if (!el) return Promise.resolve({ message: t('export.failed', { name, error: t('export.error.noPanel') }) });
  const picture = () => (id === 'mask' ? currentMaskSvg(t) : null) ?? elementToSvg(el);
  return saving(t, name, () => (format === 'svg' ? picture() : svgToPng(picture())), 'image/svg+xml');
}

/**
 * Figure 2: `slide` is a 16:9 slide (SLIDE, its PNG drawn at that size, 1920 × 1080), `portrait`
 * the figure stacked (its PNG at 2×). Light colours unless `colours` is `theme`.
 */
export function exportFigure(t: Translate, format: 'svg' | 'png', options: Figure2Options = {}): Promise<Outcome> {
  const layout = options.layout ?? 'portrait';
  const svg = currentFigure2(t, { ...options, layout });
  if (!svg) return Promise.resolve({ message: t('export.noBatch') });
  const name = `glm-figure2${layout === 'slide' ? '-slide' : ''}.${format}`;
  return saving(t, name, () => (format === 'svg' ? svg : svgToPng(svg, layout === 'slide' ? 1 : 2)), 'image/svg+xml');
}

export function exportBatch(t: Translate): Promise<Outcome> {
  const { construction } = currentDerived();
  if (!construction) return Promise.resolve({ message: t('export.noBatch') });
  return saving(t, 'glm-batch.json', () => batchJson(construction), 'application/json');
}

/** The link to the current view, and where its text travels (store/link.ts). */
export function currentLink(): { url: string; text: 'query' | 'fragment' | 'storage' } {
  const { origin, pathname } = window.location;
  const l = formatLink(choicesOf(store.getState()));
  return { url: `${origin}${pathname}?${l.search}${l.hash ? `#${l.hash}` : ''}`, text: l.text };
}

export async function copyLink(t: Translate): Promise<Outcome> {
  const { url, text } = currentLink();
  if (text === 'storage') {
    // The link would open without the text: say so, and offer the file that carries it.
    return { message: t('export.linkTooLong', { n: store.getState().text.length }), offerJson: true };
  }
  return (await copyText(url)) ? { message: t('export.copied') } : { message: t('export.copyFailed'), manualLink: url };
}
