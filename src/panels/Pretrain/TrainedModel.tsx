/**
 * The model the run trained (GLM's): fill blanks with it (the panels' spans on this text, or the
 * step's draw), and save it as the app's own model files (manifest.json + glm.bin, with the
 * app's tokenizer.json beside them), which `load()` and the command line read.
 */
import { useId } from 'react';
import { download } from '../../export';
import { useT } from '../../i18n';
import {
  fillWithModel,
  pretrainTokenizerUrl,
  requestModelFiles,
  usePretrain,
} from '../../model/pretrain/pretrainStore';
import { MANIFEST_FILE, TOKENIZER_FILE, WEIGHTS_FILE } from '../../model/pretrain/names';
import { useApp } from '../../store';
import { FillView } from './FillView';
import { fmtCount } from './format';
import { useBlanks, useBlankWords } from './useBlanks';

export function TrainedModel() {
  const t = useT();
  const id = useId();
  const lang = useApp((s) => s.lang);
  const status = usePretrain((s) => s.status);
  const step = usePretrain((s) => s.last?.step ?? null);
  const fillPending = usePretrain((s) => s.fillPending);
  const files = usePretrain((s) => s.files);
  const filesPending = usePretrain((s) => s.filesPending);
  const blanks = useBlanks();
  const words = useBlankWords(blanks);
  const built = step !== null && status !== 'idle' && status !== 'error';
  return (
    <section className="pt-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('pretrain.model.title')}</h3>
      {!built ? (
        <p>{t('pretrain.model.none')}</p>
      ) : (
        <>
          <p>
            {blanks
              ? t(blanks.source === 'panels' ? 'pretrain.fill.fromPanels' : 'pretrain.fill.fromDraw', {
                  blanks: words,
                })
              : t('pretrain.fill.noBlanks')}
          </p>
          <div className="pt-controls">
            <button
              type="button"
              className="button"
              disabled={!blanks || fillPending}
              onClick={() => blanks && fillWithModel(blanks.spans, blanks.order)}
            >
              {t('pretrain.fill.button')}
            </button>
          </div>
          <FillView />
          <div className="pt-controls">
            <button
              type="button"
              className="button"
              disabled={filesPending}
              onClick={requestModelFiles}
            >
              {filesPending
                ? t('pretrain.files.preparing')
                : files
                  ? t('pretrain.files.again', { step })
                  : t('pretrain.files.prepare')}
            </button>
          </div>
          {files && (
            <div
              className="pt-controls"
              role="group"
              aria-label={t('pretrain.files.group', { step: files.step })}
            >
              <span className="field-hint">
                {t('pretrain.files.ready', {
                  step: files.step,
                  size: fmtCount(files.bytes.byteLength, lang),
                })}
              </span>
              <button
                type="button"
                className="button button-small"
                aria-label={t('pretrain.files.download', { file: MANIFEST_FILE })}
                onClick={() =>
                  download(
                    MANIFEST_FILE,
                    `${JSON.stringify(files.manifest, null, 1)}\n`,
                    'application/json',
                  )
                }
              >
                {MANIFEST_FILE}
              </button>
              <button
                type="button"
                className="button button-small"
                aria-label={t('pretrain.files.download', { file: WEIGHTS_FILE })}
                onClick={() =>
                  download(
                    WEIGHTS_FILE,
                    new Blob([files.bytes.slice().buffer], { type: 'application/octet-stream' }),
                  )
                }
              >
                {WEIGHTS_FILE}
              </button>
              <a
                className="button button-small"
                href={pretrainTokenizerUrl()}
                download={TOKENIZER_FILE}
                aria-label={t('pretrain.files.download', { file: TOKENIZER_FILE })}
              >
                {TOKENIZER_FILE}
              </a>
            </div>
          )}
          <p className="field-hint">{t('pretrain.files.hint')}</p>
        </>
      )}
    </section>
  );
}
