/**
 * Engine benchmark (`npm run bench`): how long the GLM blank-infilling engine takes at the sizes
 * a page or the CLI sees, so a slow change shows up as a number.
 *
 * - construct + attentionMatrix (the full L x L byte matrix) at 128, 512, 2,048 and 8,192 tokens:
 *   [CLS] + words + [EOS], spans from the default short-span sampler (Poisson 3, 15%), seeded;
 * - checkBatch (with `original`, sep only) on the same batches;
 * - sampler draws per second (default options) at the same lengths;
 * - `check` (scripts/bench/check.ts): samples per second at 512 tokens for JSON, .npz and JSON
 *   Lines, with --jobs 1 and --jobs 2, and the built CLI's start-up time.
 *
 * `npm run bench -- --only check` runs only the check figures (`--only engine`: the others).
 *
 * Each figure is the median of RUNS timed runs after a warm-up; ms per call to 3 significant
 * figures. Timings are wall-clock (performance.now) on whatever machine runs this, so a busy
 * machine shows up in them.
 */
import os from 'node:os';
import { benchCheck } from './check';
import { attentionMatrix, checkBatch, construct, createRng, sampleSpans, toBatch } from '../../src/glm';

const SIZES = [128, 512, 2048, 8192];
const WARMUP = 3;
const RUNS = 15;
/** Minimum wall time per sampler measurement. */
const SAMPLER_MS = 400;

const fmt3 = new Intl.NumberFormat('en-US', {
  minimumSignificantDigits: 3,
  maximumSignificantDigits: 3,
  useGrouping: false,
});
const ms = (x: number) => fmt3.format(x);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Median ms per call of `fn` over RUNS timed runs. Warm-up: at least WARMUP calls and 100 ms, so
 * the JIT has settled. A run repeats `fn` enough times to last about 2 ms, so microsecond-sized
 * calls are not lost in timer noise. `sink` keeps the results observable.
 */
let sink = 0;
function time(fn: () => number): number {
  const w0 = performance.now();
  for (let i = 0; i < WARMUP || performance.now() - w0 < 100; i++) sink += fn();
  let reps = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) sink += fn();
    if (performance.now() - t0 >= 2 || reps >= 1 << 16) break;
    reps *= 2;
  }
  const t: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) sink += fn();
    t.push((performance.now() - t0) / reps);
  }
  return median(t);
}

const WORDS = ['the', 'model', 'fills', 'each', 'blank', 'in', 'turn', ',', 'left', 'to', 'right', '.'];
function text(n: number): string[] {
  return ['[CLS]', ...Array.from({ length: n - 2 }, (_, i) => WORDS[i % WORDS.length]!), '[EOS]'];
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) => '| ' + cells.map((x, c) => x.padStart(widths[c]!)).join(' | ') + ' |';
  return [line(header), '|' + widths.map((w) => '-'.repeat(w + 2) + '|').join(''), ...rows.map(line)].join('\n');
}

function main(): void {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  console.log(`# GLM engine benchmark: node ${process.version}, ${cpu}, ${os.cpus().length} threads, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  if (only !== 'check') engine();
  if (only !== 'engine') benchCheck();
}

function engine(): void {
  console.log(`# median of ${RUNS} timed runs after warm-up (small cases repeated to ~2 ms a run); ms per call to 3 significant figures\n`);

  const rows: string[][] = [];
  for (const n of SIZES) {
    const tokens = text(n);
    const draw = sampleSpans(tokens, {}, createRng(n));
    if (!draw.ok) throw new Error(`sampler failed at ${n}: ${draw.reason}`);
    const { spans, order } = draw;
    const c = construct(tokens, spans, { order });
    const L = c.tokens.length;

    const input = { ...toBatch(c), original: tokens };
    const check = checkBatch(input);
    if (!check.ok) throw new Error(`checkBatch rejected the batch at ${n}: ${check.problems[0]?.message}`);
    // The allocation-light figures first, so the big matrices' garbage does not land in them.
    const tConstruct = time(() => construct(tokens, spans, { order }).sep);
    const tCheck = time(() => checkBatch(input).problems.length);
    const tMatrix = time(() => attentionMatrix(c.sep, L)[L * L - 1]!);
    const tBoth = time(() => {
      const b = construct(tokens, spans, { order });
      return attentionMatrix(b.sep, b.tokens.length)[0]!;
    });

    rows.push([String(n), String(L), String(spans.length), ms(tConstruct), ms(tMatrix), ms(tBoth), ms(tCheck)]);
  }
  console.log('construct + attention mask, and checkBatch (spans from the default sampler)\n');
  console.log(
    table(['tokens n', 'L = n+2k', 'spans k', 'construct ms', 'attentionMatrix ms', 'construct + matrix ms', 'checkBatch ms'], rows),
  );

  const srows: string[][] = [];
  for (const n of SIZES) {
    const tokens = text(n);
    const rng = createRng(1);
    for (let i = 0; i < 200; i++) sampleSpans(tokens, {}, rng); // warm-up
    const perRun: number[] = [];
    for (let r = 0; r < 5; r++) {
      let draws = 0;
      const t0 = performance.now();
      let t = t0;
      while (t - t0 < SAMPLER_MS / 5) {
        for (let i = 0; i < 50; i++) {
          const d = sampleSpans(tokens, {}, rng);
          if (d.ok) sink += d.spans.length;
        }
        draws += 50;
        t = performance.now();
      }
      perRun.push((draws / (t - t0)) * 1000);
    }
    const rate = median(perRun);
    srows.push([String(n), fmt3.format(rate), ms(1000 / rate)]);
  }
  console.log('\nshort-span sampler, default options (Poisson 3, ratio 0.15, max 39), median of 5 runs\n');
  console.log(table(['L', 'draws / s', 'ms / draw'], srows));
  if (sink === Number.MIN_VALUE) console.log(''); // keep the work observable
}

main();
