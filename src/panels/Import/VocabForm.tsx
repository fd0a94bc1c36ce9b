/**
 * Which vocabulary id batches are read with, as the CLI's --vocab and --ids set it: BERT uncased
 * with GLM's additions (the default), a vocabulary file (vocab.txt, vocab.json or a Hugging Face
 * tokenizer.json), or command-token ids only; command-token ids can go on top of either.
 */
import { useId } from 'react';
import { useT } from '../../i18n';
import type { VocabChoice, VocabSettings } from './vocab';

export interface VocabFormProps {
  settings: VocabSettings;
  onChange: (s: VocabSettings) => void;
}

const CHOICES: VocabChoice[] = ['bert', 'file', 'ids'];

export function VocabForm({ settings, onChange }: VocabFormProps) {
  const t = useT();
  const id = useId();
  return (
    <fieldset className="import-vocab">
      <legend className="field-label">{t('import.vocab.legend')}</legend>
      <div className="import-vocab-row">
        <div className="field">
          <label htmlFor={`${id}-choice`}>{t('import.vocab.choice')}</label>
          <select
            id={`${id}-choice`}
            value={settings.choice}
            onChange={(e) => onChange({ ...settings, choice: e.target.value as VocabChoice })}
          >
            {CHOICES.map((c) => (
              <option key={c} value={c}>
                {t(`import.vocab.${c}`)}
              </option>
            ))}
          </select>
        </div>
        {settings.choice === 'file' && (
          <div className="field">
            <label htmlFor={`${id}-file`}>{t('import.vocab.fileLabel')}</label>
            <input
              id={`${id}-file`}
              type="file"
              accept=".txt,.json,text/plain,application/json"
              aria-describedby={`${id}-file-hint`}
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void file.text().then((text) => onChange({ ...settings, file: { name: file.name, text } }));
              }}
            />
            <span className="field-hint" id={`${id}-file-hint`}>
              {settings.file ? t('import.vocab.fileChosen', { name: settings.file.name }) : t('import.vocab.fileNone')}
            </span>
          </div>
        )}
        <div className="field">
          <label htmlFor={`${id}-ids`}>{t('import.vocab.idsLabel')}</label>
          <input
            id={`${id}-ids`}
            type="text"
            spellCheck={false}
            autoComplete="off"
            placeholder="mask=103,sop=30522,eop=30523"
            value={settings.ids}
            aria-describedby={`${id}-ids-hint`}
            onChange={(e) => onChange({ ...settings, ids: e.target.value })}
          />
          <span className="field-hint" id={`${id}-ids-hint`}>
            {t('import.vocab.idsHint')}
          </span>
        </div>
      </div>
    </fieldset>
  );
}
