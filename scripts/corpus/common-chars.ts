/**
 * Writes `scripts/corpus/common-chars.json`: the 3,500 most frequent Chinese characters of modern
 * Chinese, a stand-in for the 3,500 characters of the 现代汉语常用字表 (1988), which no package on the
 * registries we reach ships. Ranked by the summed frequency of the words each character appears
 * in, in jieba's word-frequency dictionary (Debian `python3-jieba`, `jieba/dict.txt`, Expat/MIT
 * licence; 349k words with counts from a large modern corpus).
 *
 *   apt-get install python3-jieba && tsx scripts/corpus/common-chars.ts
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const src = '/usr/lib/python3/dist-packages/jieba/dict.txt';
const raw = readFileSync(src, 'utf8');
const freq = new Map<string, number>();
for (const line of raw.split('\n')) {
  const [word, count] = line.split(' ');
  if (!word || !count) continue;
  for (const ch of word) if (/[\u4e00-\u9fff]/u.test(ch)) freq.set(ch, (freq.get(ch) ?? 0) + Number(count));
}
const chars = [...freq.entries()]
  .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
  .slice(0, 3500)
  .map(([c]) => c);
const out = {
  description: 'The 3,500 most frequent characters of modern Chinese by summed word frequency in jieba dict.txt: a stand-in for the 3,500-character common list (现代汉语常用字表).',
  source: { origin: 'Debian python3-jieba, jieba/dict.txt', licence: 'Expat (MIT)', sha256: createHash('sha256').update(raw).digest('hex') },
  chars: chars.join(''),
};
writeFileSync(join(root, 'scripts/corpus/common-chars.json'), JSON.stringify(out, null, 1) + '\n');
console.log(`${chars.length} characters; first 40: ${chars.slice(0, 40).join('')}`);
