/**
 * Where a batch comes in: a text box named "Batch JSON" that also takes a dropped file (.json,
 * .jsonl with one sample or batch per line, or a tensor file: .npy, .npz, .safetensors, read as
 * the CLI reads them), a file picker, the
 * Import button, and the example batches. Files over 20 MB are refused from their size alone,
 * before a byte is read.
 */
import { useId, useRef, useState, type DragEvent, type RefObject } from 'react';
import { format } from 'd3';
import { useT } from '../../i18n';
import { EXAMPLES } from './examples';
import { MAX_IMPORT_BYTES } from './json';

/** Dropped files up to this size are also shown in the text box. */
const SHOW_IN_BOX = 256 * 1024;

export interface ImportFormProps {
  text: string;
  onText: (text: string) => void;
  /** Import `input` (JSON text, or a tensor file's bytes) under `name`. */
  onImport: (input: string | Uint8Array, name: string) => void;
  /** A file too big to read. */
  onTooBig: (bytes: number) => void;
  busy: string | null;
  /** The text box, for selecting an error's place. */
  boxRef: RefObject<HTMLTextAreaElement | null>;
}

export function ImportForm({ text, onText, onImport, onTooBig, busy, boxRef }: ImportFormProps) {
  const t = useT();
  const id = useId();
  const [over, setOver] = useState(false);
  const [fileNote, setFileNote] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const readFile = async (file: File) => {
    if (file.size > MAX_IMPORT_BYTES) {
      onTooBig(file.size);
      return;
    }
    if (/\.(npy|npz|safetensors)$/i.test(file.name)) {
      onText('');
      setFileNote(t('import.fileTensors', { name: file.name, size: format('.2s')(file.size) + 'B' }));
      onImport(new Uint8Array(await file.arrayBuffer()), file.name);
      return;
    }
    const content = await file.text();
    if (content.length <= SHOW_IN_BOX) {
      onText(content);
      setFileNote(null);
    } else {
      onText('');
      setFileNote(
        t('import.fileNotShown', { name: file.name, size: format('.2s')(file.size) + 'B' }),
      );
    }
    onImport(content, file.name);
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file) void readFile(file);
  };

  return (
    <div className="import-form">
      <div className="field">
        <label htmlFor={`${id}-box`}>{t('import.label')}</label>
        <textarea
          id={`${id}-box`}
          ref={boxRef}
          className={`import-box${over ? ' is-over' : ''}`}
          rows={8}
          spellCheck={false}
          autoComplete="off"
          placeholder={t('import.placeholder')}
          value={text}
          aria-describedby={`${id}-hint`}
          onChange={(e) => {
            onText(e.target.value);
            setFileNote(null);
          }}
          onDragOver={(e) => {
            e.preventDefault();
            e.dataTransfer.dropEffect = 'copy';
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={onDrop}
        />
        <span className="field-hint" id={`${id}-hint`}>
          {fileNote ?? t('import.hintFiles')}
        </span>
      </div>
      <div className="import-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={busy !== null}
          onClick={() => onImport(text, t('import.pasted'))}
        >
          {t('import.import')}
        </button>
        <label className="button">
          {t('import.openFile')}
          <input
            ref={fileInput}
            type="file"
            accept=".json,application/json,.jsonl,.ndjson,application/jsonl,application/x-ndjson,.npy,.npz,.safetensors"
            className="visually-hidden"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void readFile(file);
              e.target.value = '';
            }}
          />
        </label>
        <span className="import-examples" role="group" aria-label={t('import.examples')}>
          <span className="field-label" aria-hidden="true">
            {t('import.examples')}
          </span>
          {EXAMPLES.map((ex) => (
            <button
              key={ex.id}
              type="button"
              className="button button-small"
              disabled={busy !== null}
              onClick={() => {
                onText(ex.text);
                setFileNote(null);
                onImport(ex.text, ex.file);
              }}
            >
              {t(`import.example.${ex.id}`)}
            </button>
          ))}
        </span>
        {busy && (
          <span className="import-busy" role="status">
            {busy}
          </span>
        )}
      </div>
    </div>
  );
}
