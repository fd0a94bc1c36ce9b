/**
 * The cloze as GLM reads it: Part A (the template with the sentence, one [MASK]) shared by every
 * label, then each label's Part B, `[S] word…` as inputs over `word… [E]` as targets.
 */
import { type CSSProperties } from 'react';
import { useT } from '../../i18n';
import { spanColor } from '../../viz/colors';
import { TokenChip } from '../../viz/TokenChip';
import type { ClozeLabel } from './formats';

export function ClozeParts({ partA, labels, base }: { partA: readonly string[]; labels: readonly ClozeLabel[]; base: number }) {
  const t = useT();
  return (
    <div className="ft-parts">
      <h4 className="ft-subhead">{t('finetune.partA')}</h4>
      <ol className="chips" aria-label={t('finetune.partAList')}>
        {partA.map((tok, i) => (
          <TokenChip key={i} token={tok} index={i + base} />
        ))}
      </ol>
      <h4 className="ft-subhead">{t('finetune.partB')}</h4>
      <ul className="ft-labels" aria-label={t('finetune.partBList')}>
        {labels.map((l, li) => {
          const name = l.label || t('finetune.unnamed', { n: li + 1 });
          const { c } = l;
          const seq = Array.from({ length: c.tokens.length - c.sep }, (_, j) => c.sep + j);
          return (
            <li
              key={li}
              className="ft-label"
              style={{ '--span': spanColor(li) } as CSSProperties}
              aria-label={t('finetune.partBItem', {
                label: name,
                inputs: c.tokens.slice(c.sep).join(' '),
                targets: c.targets.slice(c.sep).join(' '),
              })}
            >
              <span className="ft-label-name">{name}</span>
              <ol className="pairs">
                <li className="pair pair-legend" aria-hidden="true">
                  <span className="chip chip-legend">
                    <span className="chip-text">{t('partB.inputs')}</span>
                    <span className="chip-index">&nbsp;</span>
                  </span>
                  <span className="chip chip-legend">
                    <span className="chip-text">{t('partB.targets')}</span>
                  </span>
                </li>
                {seq.map((s) => (
                  <li
                    key={s}
                    className="pair"
                    aria-label={t('partB.pairLabel', { index: s + base, input: c.tokens[s]!, target: c.targets[s]! })}
                  >
                    <TokenChip as="span" token={c.tokens[s]!} index={s + base} span={li} aria-hidden="true" />
                    <TokenChip as="span" token={c.targets[s]!} span={li} className="chip-target" aria-hidden="true" />
                  </li>
                ))}
              </ol>
              {l.wordTokens.length > 1 && (
                <p className="field-hint">{t('finetune.wordPieces', { word: l.word, count: l.wordTokens.length })}</p>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
