/** Export failures (src/export) as interface text. */
import { ExportError } from '../export/png';
import type { Translate } from './index';

/** Why an export failed, in the reader's language (the browser's own words only as a last resort). */
export function exportErrorText(t: Translate, e: unknown): string {
  if (e instanceof ExportError) return t(`export.error.${e.code}`);
  return t('export.error.other', { message: e instanceof Error ? e.message : String(e) });
}
