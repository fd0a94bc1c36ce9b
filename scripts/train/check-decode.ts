// Development check: cached and uncached greedy fills agree on a random tiny model.
import { initNodeBackend, tf } from '../../src/model/backend-node';
import { initParams, type GlmConfig } from '../../src/model/glm';
import { GlmTokenizer } from '../../src/model/tokenizer';
import { fillSpans } from '../../src/model/decode';
import { readFileSync } from 'node:fs';
await initNodeBackend('wasm');
const tok = new GlmTokenizer(JSON.parse(readFileSync('public/models/tokenizer.json', 'utf8')));
const config: GlmConfig = { vocabSize: tok.size, dModel: 32, layers: 2, heads: 2, maxPositions: 128, lnEps: 1e-5, dropout: 0.1 };
const params = initParams(config, 3);
const m = { config, params, tokenizer: tok };
const tokens = ['[CLS]', ...tok.encode('the people of the united states have a new government and a new law.').tokens, '[EOS]'];
const spans = [{ start: 2, end: 4 }, { start: 8, end: 10 }];
const before = tf.memory().numTensors;
const a = fillSpans(m, tokens, spans, { order: [1, 0], cache: true, maxSpanLength: 6 });
const b = fillSpans(m, tokens, spans, { order: [1, 0], cache: false, maxSpanLength: 6 });
console.log(JSON.stringify(a.fills), JSON.stringify(b.fills), a.probs[0].map((x, i) => x - b.probs[0][i]));
console.log('tensors', before, tf.memory().numTensors);
