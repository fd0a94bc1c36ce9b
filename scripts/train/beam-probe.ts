/**
 * Does a better decoder rescue the fills? (issue 12, docs/model.md "Decoding".) For every line of
 * the cloze set the blank is filled by greedy decoding and by a beam search that ends a span on
 * `[E]`, so a one-word answer is scored as P(word | [S]) · P([E] | word) rather than by its first
 * piece alone. Finished hypotheses are ranked by log-probability / length^alpha for several alpha
 * (0: the most probable span, which favours short ones; 1: the per-token mean). Reports exact hits
 * (the fill is the answer, nothing more) per decoder, and the fills of the typed sentences.
 *
 *   tsx scripts/train/beam-probe.ts [--model public/models/manifest.json] [--beam 5] [--max 6]
 *
 * Every construction comes from the engine and every model call goes through src/model/decode.ts.
 */
import { resolve } from 'node:path';
import { construct } from '../../src/glm';
import { initNodeBackend } from '../../src/model/backend-node';
import { fillPartA, logProbsAt, type Encoded, type GlmModel } from '../../src/model/decode';
import { detokenize } from '../../src/model/tokenizer';
import { load } from '../../src/model/weights';
import { CLOZE_EN, CLOZE_ZH, parseCloze } from './cloze-set';

const root = resolve(import.meta.dirname, '../..');
const argv = process.argv.slice(2);
const arg = (n: string, def: string) => {
  const i = argv.indexOf(`--${n}`);
  return i >= 0 ? argv[i + 1] : def;
};
const ALPHAS = [0, 0.5, 1];

interface Hyp {
  ids: number[];
  logp: number;
}

/** Beam search over one blank of a Part A (mask at `pos`); returns the finished spans (ended by [E]/[EOS]). */
export function beamBlank(m: GlmModel, partA: number[], pos: number, beam: number, maxLen: number): Hyp[] {
  const tok = m.tokenizer;
  const S = tok.idOf('[S]');
  const enders = new Set([tok.idOf('[E]'), tok.idOf('[EOS]')]);
  const banned = new Set(['[PAD]', '[UNK]', '[CLS]', '[MASK]', '[sMASK]', '[gMASK]', '[S]'].map((t) => tok.idOf(t)));
  let live: Hyp[] = [{ ids: [], logp: 0 }];
  const done: Hyp[] = [];
  for (let j = 0; j <= maxLen && live.length > 0; j++) {
    const next: Hyp[] = [];
    for (const h of live) {
      const inputs = [S, ...h.ids];
      const e: Encoded = {
        ids: [...partA, ...inputs],
        positionIds: [...partA.map((_, i) => i), ...inputs.map(() => pos)],
        blockPositionIds: [...partA.map(() => 0), ...inputs.map((_, k) => k + 1)],
        sep: partA.length,
      };
      const [lp] = logProbsAt(m, e, [e.ids.length - 1]);
      const ender = Math.max(...[...enders].map((id) => lp[id]));
      if (h.ids.length > 0) done.push({ ids: h.ids, logp: h.logp + ender });
      if (j === maxLen) continue;
      const cand = Array.from(lp.keys())
        .filter((i) => !banned.has(i) && !enders.has(i))
        .sort((a, b) => lp[b] - lp[a])
        .slice(0, beam);
      for (const id of cand) next.push({ ids: [...h.ids, id], logp: h.logp + lp[id] });
    }
    live = next.sort((a, b) => b.logp - a.logp).slice(0, beam);
  }
  return done;
}

const best = (done: Hyp[], alpha: number) =>
  done.reduce((a, b) => (b.logp / b.ids.length ** alpha > a.logp / a.ids.length ** alpha ? b : a));

async function main() {
  await initNodeBackend('wasm');
  const m = await load({ modelUrl: resolve(root, arg('model', 'public/models/manifest.json')) });
  const beam = Number(arg('beam', '5'));
  const maxLen = Number(arg('max', '6'));
  const tok = m.tokenizer;
  const rows: string[] = [];
  for (const [lang, set] of [['en', CLOZE_EN], ['zh', CLOZE_ZH]] as const) {
    const hits = { greedy: 0, ...Object.fromEntries(ALPHAS.map((a) => [`beam α${a}`, 0])) } as Record<string, number>;
    for (const line of set) {
      const { before, answer, after } = parseCloze(line);
      const e = tok.encode(before + answer + after);
      const tokens = ['[CLS]', ...e.tokens, '[EOS]'];
      const index = e.offsets.findIndex(([s]) => s === before.length) + 1;
      const c = construct(tokens, [{ start: index, end: index + 1 }], { objective: 'span', order: [0], shuffle: false });
      const partA = c.tokens.slice(0, c.sep).map((t) => tok.idOf(t));
      const want = answer.toLowerCase();
      const g = detokenize(fillPartA(m, partA, c.maskIndex, [0], { maxSpanLength: maxLen }).fills[0]);
      const done = beamBlank(m, partA, c.maskIndex[0], beam, maxLen);
      const fills = ALPHAS.map((a) => detokenize(best(done, a).ids.map((i) => tok.tokenOf(i))));
      if (g === want) hits.greedy++;
      ALPHAS.forEach((a, k) => fills[k] === want && hits[`beam α${a}`]++);
      rows.push(`${lang}\t${before}{${answer}}${after}\tgreedy: ${g}\t${ALPHAS.map((a, k) => `α${a}: ${fills[k]}`).join('\t')}`);
    }
    console.log(`${lang}: exact one-word hits of ${set.length}:`, JSON.stringify(hits));
  }
  if (argv.includes('--rows')) console.log(rows.join('\n'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
