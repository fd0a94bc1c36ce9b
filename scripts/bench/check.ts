/**
 * `check` benchmarks (run by scripts/bench/engine.ts, `npm run bench`): the built CLI
 * (scripts/build-cli.mjs, into a temporary folder) as a user runs it, one process per run.
 *
 * - throughput: samples per second at L = 512 for a collated JSON batch, the same batch as an
 *   .npz, and JSON Lines (one sample per line), with `--jobs 1` and `--jobs 2`; wall-clock
 *   (start-up included: the inputs are big enough for it to be a few per cent) and the CPU time
 *   of the process, all its threads (process.cpuUsage, read at exit through a preloaded module);
 * - start-up: `node -e 0`, `glm-infill-lab --version`, and `check` of the smallest batch on stdin.
 *
 * Medians of RUNS runs (start-up: STARTUP_RUNS), the cases taken in turn within each round so a
 * machine whose load changes shifts them all alike.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bertDefault } from '../../src/cli/vocab';
import { checkInputs, idSamples } from './check-inputs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const L = 512;

export interface CheckBenchOptions {
  /** Samples in the JSON and .npz batch (at most 1,000,000 tokens: MAX_BATCH_TOKENS). */
  batchSamples?: number;
  /** Lines of the JSON Lines file. */
  lines?: number;
  runs?: number;
  startupRuns?: number;
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Writes the process's CPU time (all threads) to fd 3 at exit. */
const CPU_PROBE =
  'data:text/javascript,' +
  encodeURIComponent(
    "import { writeSync } from 'node:fs'; process.on('exit', () => { const u = process.cpuUsage(); writeSync(3, String((u.user + u.system) / 1000)); });",
  );

interface Run {
  wallMs: number;
  cpuMs: number;
}

function runCli(bin: string, args: string[], input?: Buffer, probe = true): Run {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [...(probe ? ['--import', CPU_PROBE] : []), bin, ...args], {
    input,
    stdio: ['pipe', 'ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 20,
  });
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr?.toString()}`);
  return { wallMs, cpuMs: probe ? Number(r.output[3]?.toString() ?? NaN) : NaN };
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) => '| ' + cells.map((x, c) => x.padStart(widths[c]!)).join(' | ') + ' |';
  return [line(header), '|' + widths.map((w) => '-'.repeat(w + 2) + '|').join(''), ...rows.map(line)].join('\n');
}

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function benchCheck(o: CheckBenchOptions = {}): void {
  const batchSamples = o.batchSamples ?? 1024;
  const lines = o.lines ?? 2048;
  const runs = o.runs ?? 5;
  const startupRuns = o.startupRuns ?? 11;

  const dir = mkdtempSync(join(tmpdir(), 'glm-bench-check-'));
  const built = spawnSync(process.execPath, [join(root, 'scripts/build-cli.mjs'), join(dir, 'cli')], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`build-cli failed: ${built.stderr}`);
  const bin = join(dir, 'cli/glm-infill-lab');

  const samples = idSamples(Math.max(batchSamples, lines), L, bertDefault());
  const batch = checkInputs(samples.slice(0, batchSamples));
  const jsonl = checkInputs(samples.slice(0, lines)).jsonl;
  const files = { json: join(dir, 'batch.json'), npz: join(dir, 'batch.npz'), jsonl: join(dir, 'batch.jsonl') };
  writeFileSync(files.json, batch.json);
  writeFileSync(files.npz, batch.npz);
  writeFileSync(files.jsonl, jsonl);
  const mb = (f: string) => (readFileSync(f).length / 1e6).toFixed(1);

  // Throughput: each case once per round.
  const cases: { name: string; file: string; samples: number; jobs: number }[] = [
    { name: 'JSON (one collated batch)', file: files.json, samples: batchSamples, jobs: 1 },
    { name: '.npz (the same batch)', file: files.npz, samples: batchSamples, jobs: 1 },
    { name: 'JSON Lines (a sample a line)', file: files.jsonl, samples: lines, jobs: 1 },
    { name: 'JSON Lines (a sample a line)', file: files.jsonl, samples: lines, jobs: 2 },
  ];
  const got = cases.map(() => [] as Run[]);
  runCli(bin, ['check', files.json]); // file cache warm
  for (let r = 0; r < runs; r++) cases.forEach((c, i) => got[i]!.push(runCli(bin, ['check', '--jobs', String(c.jobs), c.file])));
  const rate = (i: number) => {
    const c = cases[i]!;
    const wall = median(got[i]!.map((x) => x.wallMs));
    const cpu = median(got[i]!.map((x) => x.cpuMs));
    return { wall: (c.samples / wall) * 1000, cpu: (c.samples / cpu) * 1000, wallS: wall / 1000, cpuS: cpu / 1000 };
  };
  const cell = (i: number) => {
    const x = rate(i);
    return [`${int.format(x.wall)} (${x.wallS.toFixed(2)} s)`, `${int.format(x.cpu)} (${x.cpuS.toFixed(2)} s)`];
  };
  const one = 'one batch: one thread';
  const rows = [
    [cases[0]!.name, String(batchSamples), mb(files.json), ...cell(0), one, ''],
    [cases[1]!.name, String(batchSamples), mb(files.npz), ...cell(1), one, ''],
    [cases[2]!.name, String(lines), mb(files.jsonl), ...cell(2), ...cell(3)],
  ];
  console.log(`\ncheck throughput at L = ${L} (built CLI, one process per run; BERT ids; median of ${runs} runs)\n`);
  console.log(
    table(
      ['input', 'samples', 'MB', 'jobs 1: samples/s wall (s)', 'jobs 1: samples/s of CPU (CPU s)', 'jobs 2: samples/s wall (s)', 'jobs 2: samples/s of CPU (CPU s)'],
      rows,
    ),
  );
  const j1 = rate(2);
  const j2 = rate(3);
  console.log(`\nJSON Lines, jobs 2 against jobs 1: ${(j2.wall / j1.wall).toFixed(2)}× the samples per wall second, ${(j2.cpuS / j1.cpuS).toFixed(2)}× the CPU time`);

  // Start-up.
  const tiny = readFileSync(join(root, 'test/fixtures/batches/valid.json'));
  const starts: { name: string; args: string[]; input?: Buffer; node?: boolean }[] = [
    { name: 'node -e 0 (bare Node)', args: ['-e', '0'], node: true },
    { name: 'glm-infill-lab --version', args: ['--version'] },
    { name: 'glm-infill-lab check < valid.json', args: ['check'], input: tiny },
  ];
  const st = starts.map(() => [] as number[]);
  for (let r = 0; r < startupRuns; r++) {
    starts.forEach((s, i) => {
      if (s.node) {
        const t0 = process.hrtime.bigint();
        spawnSync(process.execPath, s.args);
        st[i]!.push(Number(process.hrtime.bigint() - t0) / 1e6);
      } else st[i]!.push(runCli(bin, s.args, s.input, false).wallMs);
    });
  }
  console.log(`\nCLI start-up, ms (median of ${startupRuns}, min in brackets; goal < 150 ms)\n`);
  const bare = median(st[0]!);
  console.log(
    table(
      ['command', 'ms', 'over bare Node'],
      starts.map((s, i) => [s.name, `${median(st[i]!).toFixed(0)} (${Math.min(...st[i]!).toFixed(0)})`, i === 0 ? '' : `+${(median(st[i]!) - bare).toFixed(0)}`]),
    ),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) benchCheck();
