/**
 * A modal dialog showing Figure 2 for the current view before it is saved: as a 16:9 slide or in
 * portrait, in light colours or the page's theme, with SVG and PNG buttons that save what it shows.
 * The figure is drawn when the dialog opens and when a choice changes.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Figure2Layout } from '../../export';
import { svgDataUrl, svgSize } from '../../export';
import { useT } from '../../i18n';
import { exportFigure, type Outcome } from './actions';
import { currentFigure2 } from './figure';

export interface Figure2PreviewProps {
  /** Called when the dialog closes (Escape, Close, or after a download). */
  onClose: () => void;
  /** Told what a download did, for the live region. */
  onOutcome?: (outcome: Outcome) => void;
}

export function Figure2Preview({ onClose, onOutcome }: Figure2PreviewProps) {
  const t = useT();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const [layout, setLayout] = useState<Figure2Layout>('slide');
  const [themed, setThemed] = useState(false);
  const colours = themed ? 'theme' : 'light';
  const svg = useMemo(() => currentFigure2(t, { layout, colours }), [t, layout, colours]);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (typeof d.showModal === 'function' && !d.open) d.showModal();
    else d.setAttribute('open', '');
    const onCancel = () => onClose();
    d.addEventListener('close', onCancel);
    return () => d.removeEventListener('close', onCancel);
  }, [onClose]);

  const save = async (format: 'svg' | 'png') => onOutcome?.(await exportFigure(t, format, { layout, colours }));
  const size = svg ? svgSize(svg) : null;

  return (
    <dialog ref={ref} className="export-dialog" aria-labelledby={`${id}-title`} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <h2 id={`${id}-title`} className="export-dialog-title">
        {t('export.previewTitle')}
      </h2>
      <div className="export-options">
        <fieldset className="export-layout">
          <legend>{t('export.layout')}</legend>
          {(['slide', 'portrait'] as const).map((l) => (
            <label key={l}>
              <input type="radio" name={`${id}-layout`} value={l} checked={layout === l} onChange={() => setLayout(l)} />{' '}
              {t(l === 'slide' ? 'export.layoutSlide' : 'export.layoutPortrait')}
            </label>
          ))}
        </fieldset>
        <label>
          <input type="checkbox" checked={themed} onChange={(e) => setThemed(e.currentTarget.checked)} /> {t('export.themeColours')}
        </label>
      </div>
      <div className="export-figure">
        {svg && size ? (
          <img src={svgDataUrl(svg)} width={size.width} height={size.height} alt={t('export.previewAlt')} />
        ) : (
          <p>{t('export.noBatch')}</p>
        )}
      </div>
      <div className="export-dialog-actions">
        <button type="button" className="button" disabled={!svg} onClick={() => void save('svg')}>
          {t('export.downloadSvg')}
        </button>
        <button type="button" className="button" disabled={!svg} onClick={() => void save('png')}>
          {t('export.downloadPng')}
        </button>
        <button type="button" className="button" onClick={onClose} autoFocus>
          {t('export.close')}
        </button>
      </div>
    </dialog>
  );
}
