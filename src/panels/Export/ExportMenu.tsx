/**
 * The toolbar's Export control: a menu button (WAI-ARIA menu pattern: Enter/Space/↓ open on the
 * first item, ↑ on the last; ↑/↓/Home/End move; Escape or Tab closes; focus returns to the button)
 * in labelled groups: Figure 2 first (a 16:9 slide or portrait, PNG or SVG, and a preview), then a
 * PNG and an SVG of each panel on the page, then the batch as JSON and the link. It reads the store
 * only when an item is chosen, so typing never re-renders it.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { listPanels } from '../../export';
import { useT } from '../../i18n';
import { copyLink, exportBatch, exportFigure, exportPanel, type Outcome } from './actions';
import { Figure2Preview } from './Figure2Preview';
import './export.css';

interface Item {
  key: string;
  label: string;
  run: () => Promise<Outcome> | void;
}

interface Group {
  label: string;
  items: Item[];
}

export function ExportMenu() {
  const t = useT();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [groups, setGroups] = useState<Group[]>([]);
  const [status, setStatus] = useState('');
  const [manualLink, setManualLink] = useState<string | null>(null);
  const [tooLong, setTooLong] = useState<string | null>(null);
  const [preview, setPreview] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const focusOnOpen = useRef<'first' | 'last'>('first');

  const items = () => [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];

  const build = (): Group[] => {
    const panels = listPanels();
    // Figure 2 first (what a talk needs most), then a picture of each panel, then the data.
    return [
      {
        label: t('export.figure'),
        items: [
          { key: 'fig-slide-png', label: t('export.figureSlidePng'), run: () => exportFigure(t, 'png', { layout: 'slide' }) },
          { key: 'fig-slide-svg', label: t('export.figureSlideSvg'), run: () => exportFigure(t, 'svg', { layout: 'slide' }) },
          { key: 'fig-png', label: t('export.figurePortraitPng'), run: () => exportFigure(t, 'png', { layout: 'portrait' }) },
          { key: 'fig-svg', label: t('export.figurePortraitSvg'), run: () => exportFigure(t, 'svg', { layout: 'portrait' }) },
          { key: 'fig-preview', label: t('export.figurePreview'), run: () => setPreview(true) },
        ],
      },
      { label: t('export.png'), items: panels.map((p) => ({ key: `png-${p.id}`, label: t('export.pngItem', { panel: p.title }), run: () => exportPanel(t, p.id, 'png') })) },
      { label: t('export.svg'), items: panels.map((p) => ({ key: `svg-${p.id}`, label: t('export.svgItem', { panel: p.title }), run: () => exportPanel(t, p.id, 'svg') })) },
      {
        label: t('export.other'),
        items: [
          { key: 'batch', label: t('export.batch'), run: () => exportBatch(t) },
          { key: 'link', label: t('export.copyLink'), run: () => copyLink(t) },
        ],
      },
    ].filter((g) => g.items.length > 0);
  };

  const show = (where: 'first' | 'last') => {
    focusOnOpen.current = where;
    setGroups(build());
    setManualLink(null);
    setOpen(true);
  };
  const close = (refocus = true) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    const all = items();
    (focusOnOpen.current === 'first' ? all[0] : all[all.length - 1])?.focus();
    const onDown = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  const choose = async (item: Item) => {
    close();
    const outcome = await item.run();
    if (outcome) {
      setStatus(outcome.message);
      setManualLink(outcome.manualLink ?? null);
      setTooLong(outcome.offerJson ? outcome.message : null);
    }
  };

  const onButtonKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      show(e.key === 'ArrowDown' ? 'first' : 'last');
    }
  };
  const onMenuKey = (e: KeyboardEvent) => {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLElement);
    const go = (i: number) => all[(i + all.length) % all.length]?.focus();
    if (e.key === 'ArrowDown') go(at + 1);
    else if (e.key === 'ArrowUp') go(at - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(all.length - 1);
    else if (e.key === 'Escape') close();
    else if (e.key === 'Tab') close(false);
    else return;
    if (e.key !== 'Tab') e.preventDefault();
  };

  return (
    <div className="export-menu">
      <button
        ref={button}
        type="button"
        className="button"
        id={`${id}-button`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        onClick={() => (open ? close() : show('first'))}
        onKeyDown={onButtonKey}
      >
        {t('export.button')} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div ref={menu} id={`${id}-menu`} role="menu" aria-labelledby={`${id}-button`} className="export-popup" onKeyDown={onMenuKey}>
          {groups.map((g) => (
            <div key={g.label} role="group" aria-label={g.label} className="export-group">
              <div className="export-group-label" aria-hidden="true">
                {g.label}
              </div>
              {g.items.map((item, i) => (
                <div
                  key={item.key}
                  role="menuitem"
                  // The first item is the menu's tab stop (arrow keys move from there).
                  tabIndex={g === groups[0] && i === 0 ? 0 : -1}
                  className="export-item"
                  onClick={() => void choose(item)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' || e.key === ' ') {
                      e.preventDefault();
                      void choose(item);
                    }
                  }}
                >
                  {item.label}
                </div>
              ))}
            </div>
          ))}
        </div>
      )}
      {manualLink && (
        <div className="export-popup export-link">
          <label>
            {t('export.linkLabel')}
            <input type="text" readOnly value={manualLink} onFocus={(e) => e.currentTarget.select()} />
          </label>
          <button type="button" className="button" onClick={() => setManualLink(null)}>
            {t('export.close')}
          </button>
        </div>
      )}
      {tooLong && (
        <div className="export-popup export-link" role="alertdialog" aria-label={t('export.copyLink')}>
          <p>{tooLong}</p>
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              setTooLong(null);
              void exportBatch(t).then((o) => setStatus(o.message));
            }}
          >
            {t('export.saveJsonInstead')}
          </button>
          <button type="button" className="button" onClick={() => setTooLong(null)}>
            {t('export.close')}
          </button>
        </div>
      )}
      <p className="visually-hidden" role="status">
        {status}
      </p>
      {preview && <Figure2Preview onClose={() => setPreview(false)} onOutcome={(o) => setStatus(o.message)} />}
    </div>
  );
}
