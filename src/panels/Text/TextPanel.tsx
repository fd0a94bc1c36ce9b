/**
 * Step 1: the text and its tokens. The textarea writes the store on every keystroke (it is the one
 * urgent thing); the chips below follow in a deferred render, so a huge text never blocks typing.
 */
import { useId } from 'react';
import { useT } from '../../i18n';
import { useApp } from '../../store/hooks';
import { leaveImport, setCls, setText, setTokenizerChoice } from '../../store/store';
import { hasModelTokenizer } from '../../store/derive';
import { Segmented } from '../../app/ui/Segmented';
import { Panel } from '../../app/ui/Panel';
import { TextTokens } from './TextTokens';
import { CjkNotice } from '../Lesson/CjkNotice';

export function TextPanel() {
  const t = useT();
  const id = useId();
  const text = useApp((s) => s.text);
  const cls = useApp((s) => s.cls);
  const tokenizer = useApp((s) => s.tokenizer);
  const importedName = useApp((s) => s.imported?.name ?? null);
  return (
    <Panel id="text" step={1} title={t('text.title')} lede={t('text.lede')}>
      {importedName !== null && (
        // The chips below (and every panel) show the batch; the box still holds the reader's text.
        <div className="text-imported" role="note">
          <p>{t('text.imported', { name: importedName })}</p>
          <button type="button" className="button button-small" onClick={leaveImport}>
            {t('text.backToText')}
          </button>
        </div>
      )}
      <div className="text-input">
        <label className="field-label" htmlFor={`${id}-text`}>
          {t('text.label')}
        </label>
        <textarea
          id={`${id}-text`}
          className="text-area"
          value={text}
          rows={3}
          spellCheck={false}
          placeholder={t('text.placeholder')}
          onChange={(e) => setText(e.target.value)}
        />
        <label className="checkbox">
          <input type="checkbox" checked={cls} onChange={(e) => setCls(e.target.checked)} />
          <span>{t('text.cls')}</span>
        </label>
        <Segmented
          legend={t('text.tokenizer')}
          options={[
            { value: 'model', label: t('text.tokenizer.model') },
            { value: 'words', label: t('text.tokenizer.words') },
          ]}
          value={tokenizer}
          onChange={setTokenizerChoice}
        />
        <CjkNotice />
        {tokenizer === 'model' && !hasModelTokenizer() && <p className="field-hint">{t('text.tokenizer.missing')}</p>}
      </div>
      {text.trim() === '' ? <p className="empty">{t('text.empty')}</p> : <TextTokens />}
    </Panel>
  );
}
