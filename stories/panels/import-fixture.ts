/** Importing a batch fixture in a story, the way the Import panel does (parse, check, infer, show). */
import { parseBatch } from '../../src/glm';
import { analyze } from '../../src/panels/Import/importer';
import { loadBertLookup } from '../../src/panels/Import/vocab';
import { importBatch, store } from '../../src/store';

/** Imports sample `i` of a fixture. */
export async function importFixture(raw: unknown, name: string, i = 0): Promise<void> {
  let parsed = parseBatch(raw);
  if (!parsed.ok) parsed = parseBatch(raw, await loadBertLookup());
  if (!parsed.ok) throw new Error(parsed.message);
  const sample = parsed.samples[i]!;
  const a = analyze(sample, store.getState().base);
  if (!a) throw new Error(`${name}: fields disagree in length`);
  const { tokens, spans, order, layout, objective } = a.view;
  importBatch({ name, tokens, batch: sample, sample: i, samples: parsed.samples.length, spans, order, layout, objective });
}

