/**
 * Classification as a cloze (PET): the template and sentence make Part A with one [MASK]; each
 * label's word makes its own Part B (`[S] word…` → `word… [E]`); with the model, each label is
 * scored by how likely its word is to fill the blank.
 */
import { useId, useMemo } from 'react';
import { useT, type MessageKey } from '../../i18n';
import { tokenizerFor } from '../../store/derive';
import { useApp } from '../../store/hooks';
import { setFinetune } from '../../store/store';
import { ClozeParts } from './ClozeParts';
import { buildCloze } from './formats';
import { LabelScores } from './LabelScores';
import { VerbalizerEditor } from './VerbalizerEditor';

const PROBLEM_KEYS: Record<'noMask' | 'manyMasks' | 'emptyWord', MessageKey> = {
  noMask: 'finetune.problem.noMask',
  manyMasks: 'finetune.problem.manyMasks',
  emptyWord: 'finetune.problem.emptyWord',
};

export function ClozeSection() {
  const t = useT();
  const id = useId();
  const template = useApp((s) => s.finetune.template);
  const sentence = useApp((s) => s.finetune.sentence);
  const verbalizer = useApp((s) => s.finetune.verbalizer);
  const tokenizer = tokenizerFor(useApp((s) => s.tokenizer));
  const base = useApp((s) => s.base);
  const cloze = useMemo(
    () => buildCloze(template, sentence, verbalizer, tokenizer),
    [template, sentence, verbalizer, tokenizer],
  );
  const problem = cloze.ok ? null : cloze;
  const emptyAt = problem?.problem === 'emptyWord' ? verbalizer.findIndex((v) => v.label === problem.label) : -1;

  return (
    <section className="ft-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('finetune.cloze.title')}</h3>
      <p className="ft-explain">{t('finetune.cloze.explain')}</p>
      <div className="ft-fields">
        <div className="field ft-field-wide">
          <label htmlFor={`${id}-template`}>{t('finetune.template')}</label>
          <input
            id={`${id}-template`}
            type="text"
            className="ft-input"
            value={template}
            spellCheck={false}
            aria-describedby={`${id}-template-hint`}
            aria-invalid={problem && problem.problem !== 'emptyWord' ? true : undefined}
            onChange={(e) => setFinetune({ template: e.target.value })}
          />
          <span className="field-hint" id={`${id}-template-hint`}>
            {t('finetune.templateHint')}
          </span>
        </div>
        <div className="field ft-field-wide">
          <label htmlFor={`${id}-sentence`}>{t('finetune.sentence')}</label>
          <input
            id={`${id}-sentence`}
            type="text"
            className="ft-input"
            value={sentence}
            onChange={(e) => setFinetune({ sentence: e.target.value })}
          />
        </div>
      </div>
      <VerbalizerEditor rows={verbalizer} invalidRow={emptyAt} />
      <div aria-live="polite">
        {problem && (
          <p className="ft-problem">
            {t(PROBLEM_KEYS[problem.problem], {
              label: problem.label || t('finetune.unnamed', { n: emptyAt + 1 }),
            })}
          </p>
        )}
        {!template.includes('{sentence}') && <p className="field-hint">{t('finetune.noSentence')}</p>}
      </div>
      {cloze.ok && (
        <>
          <ClozeParts partA={cloze.partA} labels={cloze.labels} base={base} />
          <LabelScores labels={cloze.labels} />
        </>
      )}
    </section>
  );
}
