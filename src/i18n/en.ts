/**
 * English interface text. Every string the interface shows lives here (and in zh.ts), under a
 * key; `{name}` marks a value filled in by `t(key, { name })`.
 */
export const en = {
  'app.title': 'GLM Infill Lab',
  'app.tagline': 'Autoregressive blank infilling, stage by stage',
  // ---- Attention mask panel (src/panels/Mask) ----
  'mask.title': 'Attention mask',
  'mask.gridName': 'Attention mask',
  'mask.summary': '{n}×{n} mask, sep = {sep}: Part A ({a} tokens) sees itself; Part B ({b} tokens) sees Part A and earlier Part B tokens.',
  'mask.summaryAllA': '{n}×{n} mask, sep = {sep}: no spans, so everything is Part A and every token sees every token.',
  'mask.summaryPad': ' The last {p} positions are padding.',
  'mask.empty': 'No sequence yet: type some text to see its attention mask.',
  'mask.error': 'No mask to show: {error}',
  'mask.cell': 'query {q} {qt}, key {k} {kt}: {state} — {reason}',
  'mask.cellWeight': '{name}; weight {w}',
  'mask.visible': 'visible',
  'mask.masked': 'masked',
  'mask.reason.a-sees-a': 'Part A sees all of Part A',
  'mask.reason.a-never-b': 'Part A never sees Part B',
  'mask.reason.b-sees-a': 'a Part B token sees all of Part A',
  'mask.reason.b-self': 'a token sees itself',
  'mask.reason.b-own-span': 'a Part B token sees the earlier tokens of its own span',
  'mask.reason.b-earlier-span': 'a Part B token sees the spans placed before it',
  'mask.reason.future': 'future token: not generated yet',
  'mask.reason.padding': 'padding: not part of the sample',
  'mask.rowHeader': 'query {i} {tok}',
  'mask.colHeader': 'key {i} {tok}',
  'mask.corner': 'query ↓ key →',
  'mask.cornerName': 'queries in rows, keys in columns',
  'mask.partA': 'Part A',
  'mask.partB': 'Part B',
  'mask.padding': 'padding',
  'mask.hint': 'Hover or focus a cell (arrow keys move) to see why it is visible or masked.',
  'mask.seqDetail': '{i} {tok}: as a query it sees {sees} of {n} tokens; as a key it is seen by {seen}.',
  'mask.rule': 'Rule: query q may attend to key k iff k < sep or k ≤ q.',
  'mask.legend': 'Legend',
  'mask.legendVisible': 'visible',
  'mask.legendMasked': 'masked: Part A never sees Part B',
  'mask.legendFuture': 'masked: future Part B token',
  'mask.legendSpan': 'span (its mask token and Part B segment)',
  'mask.legendWeight': 'attention weight, 0 to {max}',
  'mask.canvasNote': '{n} tokens, drawn one pixel per cell and scaled up; a label every {step} tokens.',
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
