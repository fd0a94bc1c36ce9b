/** The blanks the trained model would fill now (see blanks.ts), and their words, for the panel and the lesson. */
import { useMemo } from 'react';
import { useT } from '../../i18n';
import { usePretrain } from '../../model/pretrain/pretrainStore';
import { detokenize } from '../../model/tokenizer';
import { useApp } from '../../store';
import { blanksToFill, type Blanks } from './blanks';
// The probe's blanks follow the panels as the blanks to fill do (registered on import).
import './probeResolver';

/** The blanks the model would fill now, following the app's spans and the run's last draw. */
export function useBlanks(): Blanks | null {
  const text = useApp((s) => s.text);
  const cls = useApp((s) => s.cls);
  const tokenizer = useApp((s) => s.tokenizer);
  const imported = useApp((s) => s.imported);
  const spans = useApp((s) => s.spans);
  const order = useApp((s) => s.order);
  const runText = usePretrain((s) => s.text);
  const tokens = usePretrain((s) => s.info?.tokens ?? null);
  const draw = usePretrain((s) => s.last?.draws[0]);
  return useMemo(
    () =>
      blanksToFill(runText, tokens, draw, { text, cls, tokenizer, imported, spans, order }),
    [runText, tokens, draw, text, cls, tokenizer, imported, spans, order],
  );
}

/** The blanks' words, for a sentence. */
export function useBlankWords(blanks: Blanks | null): string {
  const t = useT();
  const tokens = usePretrain((s) => s.info?.tokens ?? null);
  if (!blanks || !tokens) return '';
  return blanks.spans
    .map((s) => `“${detokenize(tokens.slice(s.start, s.end))}”`)
    .join(t('common.listSep'));
}

