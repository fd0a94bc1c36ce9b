/**
 * Batch import, validation and diff: paste or drop a batch dumped from your own collator (token
 * strings or ids), and every panel renders it; the rules it breaks are listed (field, index,
 * expected, found) and linked to the cells, known variants are named instead of a wall of
 * errors, and a diff sets it beside what the engine builds. Refused input changes nothing.
 */
import { useId, useMemo, useRef, useState } from 'react';
import type { Base, CheckInput, VariantId } from '../../glm';
import { useT } from '../../i18n';
import { useApp } from '../../store/hooks';
import { importBatch, leaveImport, setBase } from '../../store/store';
import { ImportAlert } from './ImportAlert';
import { ImportedBatch } from './ImportedBatch';
import {
  analyze,
  readBatch,
  sampleVerdicts,
  shapeProblems,
  type BatchRead,
  type ImportFailure,
} from './importer';
import { ImportForm } from './ImportForm';
import { DEFAULT_VOCAB, loadVocabulary, type VocabSettings } from './vocab';
import { VocabForm } from './VocabForm';
import './import.css';

interface Loaded {
  name: string;
  samples: CheckInput[];
  read: BatchRead;
}

export function ImportPanel() {
  const t = useT();
  const titleId = `${useId()}-title`;
  const imported = useApp((s) => s.imported);
  const base = useApp((s) => s.base);
  const [text, setText] = useState('');
  const [failure, setFailure] = useState<ImportFailure | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [vocab, setVocab] = useState<VocabSettings>(DEFAULT_VOCAB);
  // Variants that count as no problem, as check --accept (and the batch's own "accept") says.
  const [accept, setAccept] = useState<VariantId[]>([]);
  const box = useRef<HTMLTextAreaElement>(null);
  const analysis = useMemo(
    () => (imported ? analyze(imported.batch, base, accept) : null),
    [imported, base, accept],
  );

  /** Puts `sample` (number i of `count`) on show; refuses (with the reason) when its fields disagree in length. */
  const put = (sample: CheckInput, i: number, count: number, name: string, b: Base): boolean => {
    const a = analyze(sample, b, accept);
    if (!a) {
      setFailure({ kind: 'lengths', sample: i, problems: shapeProblems(sample, b) });
      return false;
    }
    const { tokens, spans, order, layout, objective } = a.view;
    importBatch({
      name,
      tokens,
      batch: sample,
      sample: i,
      samples: count,
      spans,
      order,
      layout,
      objective,
    });
    setFailure(null);
    return true;
  };

  const show = (samples: CheckInput[], i: number, name: string, b: Base, read: BatchRead) => {
    if (put(samples[i]!, i, samples.length, name, b)) setLoaded({ name, samples, read });
  };

  const onImport = async (input: string | Uint8Array, name: string) => {
    setBusy(t('import.reading'));
    const r = await readBatch(
      input,
      () => {
        setBusy(t(vocab.choice === 'bert' ? 'import.loadingVocab' : 'import.loadingVocabOther'));
        return loadVocabulary(vocab);
      },
      name,
    );
    setBusy(null);
    if (!r.ok) {
      setFailure(r.failure);
      return;
    }
    // The batch's own "base" and "accept" count as they do for check.
    const b = r.read.base ?? base;
    if (b !== base) setBase(b);
    setAccept(r.read.accept);
    show(r.samples, 0, name, b, r.read);
  };

  const samplesAtHand =
    imported && loaded && loaded.samples[imported.sample] === imported.batch
      ? loaded.samples
      : null;

  const verdicts = useMemo(
    () => (samplesAtHand && samplesAtHand.length > 1 ? sampleVerdicts(samplesAtHand, base, accept) : null),
    [samplesAtHand, base, accept],
  );

  const onAccept = (id: VariantId, on: boolean) =>
    setAccept((a) => (on ? [...new Set([...a, id])] : a.filter((x) => x !== id)));

  const onBase = (b: Base) => {
    setBase(b);
    // The numbering decides which mask a Part B segment belongs to: infer the spans again.
    if (imported) put(imported.batch, imported.sample, imported.samples, imported.name, b);
  };

  const showPlace = (offset: number) => {
    const el = box.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(offset, Math.min(offset + 1, el.value.length));
  };

  return (
    <section className="panel panel-import" id="panel-import" aria-labelledby={titleId}>
      <div className="panel-head">
        <h2 className="panel-title" id={titleId}>
          {t('import.title')}
        </h2>
      </div>
      <p className="panel-lede">{t('import.lede')}</p>
      <div className="panel-body">
        <ImportForm
          text={text}
          onText={setText}
          onImport={(s, name) => void onImport(s, name)}
          onTooBig={(bytes) => setFailure({ kind: 'size', bytes })}
          busy={busy}
          boxRef={box}
        />
        <VocabForm settings={vocab} onChange={setVocab} />
        {failure && (
          <ImportAlert
            failure={failure}
            kept={imported ? t('import.keptImport', { name: imported.name }) : t('import.keptText')}
            onShowPlace={showPlace}
          />
        )}
        {imported && analysis ? (
          <ImportedBatch
            imported={imported}
            analysis={analysis}
            base={base}
            onBase={onBase}
            onSample={
              samplesAtHand && loaded
                ? (i) => show(samplesAtHand, i, imported.name, base, loaded.read)
                : undefined
            }
            verdicts={verdicts}
            read={samplesAtHand && loaded ? loaded.read : null}
            accept={accept}
            onAccept={onAccept}
            onLeave={() => {
              leaveImport();
              setFailure(null);
            }}
          />
        ) : (
          <p className="import-note">{t('import.none')}</p>
        )}
      </div>
    </section>
  );
}
