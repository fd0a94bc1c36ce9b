/** Why an import was refused, and where; always says that the view was kept. */
import { format } from 'd3';
import { useT, useTranslateMsg } from '../../i18n';
import type { ImportFailure } from './importer';
import { MAX_IMPORT_BYTES } from './json';

const mb = (bytes: number) => format('.1f')(bytes / 1024 / 1024);

/** Unreadable lines listed one by one. */
const SHOWN_LINES = 5;

export interface ImportAlertProps {
  failure: ImportFailure;
  /** What the panels still show ("your text", or the previous import's name). */
  kept: string;
  /** Selects the bad character in the text box (JSON errors). */
  onShowPlace?: (offset: number) => void;
}

export function ImportAlert({ failure: f, kept, onShowPlace }: ImportAlertProps) {
  const t = useT();
  const tm = useTranslateMsg();
  let body;
  switch (f.kind) {
    case 'empty':
      body = <p>{t('import.error.empty')}</p>;
      break;
    case 'size':
      body = <p>{t('import.error.size', { size: mb(f.bytes), max: mb(MAX_IMPORT_BYTES) })}</p>;
      break;
    case 'vocab':
      body = <p>{t('import.error.vocabAny', { message: f.message })}</p>;
      break;
    case 'tensors':
      body = <p>{t('import.error.tensors', { message: f.message })}</p>;
      break;
    case 'lines':
      body = (
        <>
          <p>{t('import.error.lines', { n: f.unreadable.length })}</p>
          <ul>
            {f.unreadable.slice(0, SHOWN_LINES).map((u) => (
              <li key={u.line}>
                {t('import.lineProblem', { line: u.line, message: u.msg ? tm(u.msg) : u.message })}
              </li>
            ))}
          </ul>
        </>
      );
      break;
    case 'shape':
      body = (
        <p>
          {t('import.error.shape', { field: f.field || '—' })} {tm(f.msg)}
        </p>
      );
      break;
    case 'lengths':
      body = (
        <>
          <p>{t('import.error.lengths', { sample: f.sample + 1 })}</p>
          <ul>
            {f.problems.map((p, i) => (
              <li key={i}>
                <code>{p.field}</code>: {tm(p.msg)}
              </li>
            ))}
          </ul>
        </>
      );
      break;
    case 'json': {
      const j = f.json;
      body = (
        <>
          <p>
            {j.line !== null
              ? t('import.error.jsonAt', {
                  line: j.line,
                  column: j.column ?? 0,
                  offset: j.offset ?? 0,
                })
              : t('import.error.json')}{' '}
            <code>{j.message}</code>
          </p>
          {j.excerpt && <pre className="import-excerpt">{j.excerpt}</pre>}
          {j.offset !== null && onShowPlace && (
            <button
              type="button"
              className="button button-small"
              onClick={() => onShowPlace(j.offset!)}
            >
              {t('import.showPlace', { line: j.line ?? 0, column: j.column ?? 0 })}
            </button>
          )}
        </>
      );
      break;
    }
  }
  return (
    <div className="import-alert" role="alert">
      {body}
      <p className="import-kept">{t('import.kept', { view: kept })}</p>
    </div>
  );
}
