/**
 * Model speed in Node (wasm): weight loading, forward pass at 128 and 512 tokens, decoding tokens/s
 * with and without the KV cache, a 3-blank fill. Prints JSON.
 *
 *   tsx scripts/train/bench-model.ts [--model public/models/manifest.json]
 */
import { resolve } from 'node:path';
import { construct } from '../../src/glm';
import { initNodeBackend, tf } from '../../src/model/backend-node';
import { forward } from '../../src/model/glm';
import { load } from '../../src/model/weights';
import { fillSpans } from '../../src/model/decode';

const root = resolve(import.meta.dirname, '../..');
const i = process.argv.indexOf('--model');
const modelUrl = resolve(root, i >= 0 ? process.argv[i + 1] : 'public/models/manifest.json');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function time(f: () => void, n: number): number {
  f();
  const ts: number[] = [];
  for (let k = 0; k < n; k++) {
    const t0 = performance.now();
    f();
    ts.push(performance.now() - t0);
  }
  return +median(ts).toFixed(1);
}

async function main() {
  const backend = await initNodeBackend('wasm');
  let t0 = performance.now();
  const m = await load({ modelUrl });
  const loadMs = +(performance.now() - t0).toFixed(0);
  const text = 'the congress of the united states shall have power to lay and collect taxes, duties, imposts and excises, to pay the debts and provide for the common defence and general welfare. ';
  const pieces = m.tokenizer.encode(text.repeat(20)).tokens;
  const fwd = (T: number) => {
    const c = construct(['[CLS]', ...pieces.slice(0, T - 6), '[EOS]'], [{ start: 10, end: 12 }, { start: 30, end: 31 }], { order: [1, 0] });
    const ids = c.tokens.map((t) => m.tokenizer.idOf(t));
    return time(() => tf.tidy(() => forward(m.params, m.config, { ids: [ids], positionIds: [c.positionIds], blockPositionIds: [c.blockPositionIds], sep: [c.sep] }).logits!.dataSync()), 5);
  };
  const f128 = fwd(128);
  const f512 = fwd(512);
  const tokens = ['[CLS]', ...pieces.slice(0, 98), '[EOS]'];
  const dec = (cache: boolean) => {
    t0 = performance.now();
    const r = fillSpans(m, tokens, [{ start: 50, end: 51 }], { cache, maxSpanLength: 20, temperature: 1, seed: 1 });
    const n = r.fills[0].length + 1;
    return { tokens: n, ms: +(performance.now() - t0).toFixed(0), tokensPerSecond: +((n * 1000) / (performance.now() - t0)).toFixed(1) };
  };
  dec(true);
  const cached = dec(true);
  const uncached = dec(false);
  const short = ['[CLS]', ...m.tokenizer.encode('we the people of the united states, in order to form a more perfect union, establish justice.').tokens, '[EOS]'];
  t0 = performance.now();
  const three = fillSpans(m, short, [{ start: 2, end: 3 }, { start: 8, end: 10 }, { start: 15, end: 16 }], { maxSpanLength: 8 });
  const threeMs = +(performance.now() - t0).toFixed(0);
  console.log(JSON.stringify({ backend, loadMs, forwardMs: { T128: f128, T512: f512 }, decode100Context: { kvCache: cached, noCache: uncached }, threeBlankFill: { ms: threeMs, fills: three.fills } }, null, 2));
  m.dispose();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
