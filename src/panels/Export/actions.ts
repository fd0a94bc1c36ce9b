/**
 * What each Export menu item does, as plain async functions over the page and the store. Each
 * returns the sentence to announce (saved, copied, or why not).
 */
import { batchJson, copyText, download, elementToSvg, svgToPng } from '../../export';
import { exportErrorText } from '../../i18n/export';
import type { Translate } from '../../i18n';
import { choicesOf, currentDerived, formatUrl, store } from '../../store';
import { currentFigure2 } from './figure';
import { catchUpAll } from '../../app/ui/lane';

export interface Outcome {
  message: string;
  /** The link, when copying it failed and the user must copy it by hand. */
  manualLink?: string;
}

async function saving(t: Translate, name: string, make: () => Promise<Blob | string> | Blob | string, type?: string): Promise<Outcome> {
  try {
    download(name, await make(), type);
    return { message: t('export.saved', { name }) };
  } catch (e) {
    return { message: t('export.failed', { name, error: exportErrorText(t, e) }) };
  }
}

export function exportPanel(t: Translate, id: string, format: 'svg' | 'png'): Promise<Outcome> {
  catchUpAll(); // a panel out of view may not have followed the last edit yet
  const el = document.getElementById(`panel-${id}`);
  const name = `glm-${id}.${format}`;
  if (!el) return Promise.resolve({ message: t('export.failed', { name, error: t('export.error.noPanel') }) });
  return saving(t, name, () => (format === 'svg' ? elementToSvg(el) : svgToPng(elementToSvg(el))), 'image/svg+xml');
}

export function exportFigure(t: Translate, format: 'svg' | 'png'): Promise<Outcome> {
  const svg = currentFigure2(t);
  if (!svg) return Promise.resolve({ message: t('export.noBatch') });
  const name = `glm-figure2.${format}`;
  return saving(t, name, () => (format === 'svg' ? svg : svgToPng(svg)), 'image/svg+xml');
}

export function exportBatch(t: Translate): Promise<Outcome> {
  const { construction } = currentDerived();
  if (!construction) return Promise.resolve({ message: t('export.noBatch') });
  return saving(t, 'glm-batch.json', () => batchJson(construction), 'application/json');
}

/** The link to the current view (the whole view is in the query). */
export function currentLink(): string {
  const { origin, pathname } = window.location;
  return `${origin}${pathname}?${formatUrl(choicesOf(store.getState()))}`;
}

export async function copyLink(t: Translate): Promise<Outcome> {
  const link = currentLink();
  return (await copyText(link)) ? { message: t('export.copied') } : { message: t('export.copyFailed'), manualLink: link };
}
