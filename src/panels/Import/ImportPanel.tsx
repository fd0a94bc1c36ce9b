/**
 * Batch import, validation and diff: paste or drop a batch dumped from your own collator (token
 * strings or ids), and every panel renders it; the rules it breaks are listed (field, index,
 * expected, found) and linked to the cells, known variants are named instead of a wall of
 * errors, and a diff sets it beside what the engine builds. Refused input changes nothing.
 */
import { useId, useMemo, useRef, useState } from 'react';
import type { Base, CheckInput } from '../../glm';
import { useT } from '../../i18n';
import { useApp } from '../../store/hooks';
import { importBatch, leaveImport, setBase } from '../../store/store';
import { ImportAlert } from './ImportAlert';
import { ImportedBatch } from './ImportedBatch';
import { analyze, readBatch, sampleVerdicts, shapeProblems, type ImportFailure } from './importer';
import { ImportForm } from './ImportForm';
import { loadBertLookup } from './vocab';
import './import.css';

interface Loaded {
  name: string;
  samples: CheckInput[];
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
  const box = useRef<HTMLTextAreaElement>(null);
  const analysis = useMemo(
    () => (imported ? analyze(imported.batch, base) : null),
    [imported, base],
  );

  /** Puts `sample` (number i of `count`) on show; refuses (with the reason) when its fields disagree in length. */
  const put = (sample: CheckInput, i: number, count: number, name: string, b: Base): boolean => {
    const a = analyze(sample, b);
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

  const show = (samples: CheckInput[], i: number, name: string, b: Base) => {
    if (put(samples[i]!, i, samples.length, name, b)) setLoaded({ name, samples });
  };

  const onImport = async (input: string, name: string) => {
    setBusy(t('import.reading'));
    const r = await readBatch(input, () => {
      setBusy(t('import.loadingVocab'));
      return loadBertLookup();
    });
    setBusy(null);
    if (!r.ok) setFailure(r.failure);
    else show(r.samples, 0, name, base);
  };

  const samplesAtHand =
    imported && loaded && loaded.samples[imported.sample] === imported.batch
      ? loaded.samples
      : null;

  const verdicts = useMemo(
    () => (samplesAtHand && samplesAtHand.length > 1 ? sampleVerdicts(samplesAtHand, base) : null),
    [samplesAtHand, base],
  );

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
              samplesAtHand ? (i) => show(samplesAtHand, i, imported.name, base) : undefined
            }
            verdicts={verdicts}
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
