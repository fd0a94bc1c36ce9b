/**
 * The span sampler against the spec (section 2 and 3) and the reference's measured figures.
 * Expected values come from the spec's rules computed here independently: the truncated Poisson
 * pmf by its recurrence, and the exact distribution of the stopped length sum by dynamic
 * programming. Random generators differ from the reference, so only distributions are compared.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { construct, createRng, runPipeline, sampleSpans, type SampleOptions, type Span } from '../../src/glm';
import { chiSquare, CLS, EOS, mean, sd, WORDS } from './helpers';

/** Poisson(lambda) truncated to 1..max and renormalised, by p_k = p_{k-1} * lambda / k. */
function specPmf(lambda: number, max: number): number[] {
  const w: number[] = [];
  let p = lambda * Math.exp(-lambda);
  for (let k = 1; k <= max; k++) {
    if (k > 1) p = (p * lambda) / k;
    w.push(p);
  }
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / total);
}

/**
 * Exact joint distribution of (masked total S, span count c) when lengths are drawn while the
 * total is below `target` (spec: "drawn while the masked count is below floor(0.15 L)").
 */
function stoppedSums(pmf: number[], target: number): { S: number; c: number; p: number }[] {
  const maxC = target + 1;
  // partial[s][c]: probability of passing through total s < target after c draws.
  const partial = Array.from({ length: target }, () => new Float64Array(maxC + 1));
  partial[0]![0] = 1;
  const out = new Map<string, number>();
  for (let s = 0; s < target; s++) {
    for (let c = 0; c <= maxC; c++) {
      const p0 = partial[s]![c]!;
      if (p0 === 0) continue;
      pmf.forEach((q, j) => {
        const ns = s + j + 1;
        if (ns < target) partial[ns]![c + 1]! += p0 * q;
        else out.set(`${ns},${c + 1}`, (out.get(`${ns},${c + 1}`) ?? 0) + p0 * q);
      });
    }
  }
  return [...out.entries()].map(([key, p]) => {
    const [S, c] = key.split(',').map(Number) as [number, number];
    return { S, c, p };
  });
}

const L = 512;
const DRAWS = 10_000;
const TOKENS = [CLS, ...Array.from({ length: L - 2 }, (_, i) => WORDS[i % WORDS.length]!), EOS];

interface Stats {
  masked: number[];
  counts: number[];
  lengthHist: number[];
  positionHits: Int32Array;
  longest: number;
  adjacent: number;
  edgeHits: number;
  failures: string[];
  badOrders: number;
}

function run(): Stats {
  const rng = createRng(20240611);
  const s: Stats = {
    masked: [],
    counts: [],
    lengthHist: new Array<number>(41).fill(0),
    positionHits: new Int32Array(L),
    longest: 0,
    adjacent: 0,
    edgeHits: 0,
    failures: [],
    badOrders: 0,
  };
  for (let d = 0; d < DRAWS; d++) {
    const r = sampleSpans(TOKENS, {}, rng);
    if (!r.ok) {
      s.failures.push(r.reason);
      continue;
    }
    let m = 0;
    r.spans.forEach((sp, i) => {
      const len = sp.end - sp.start;
      m += len;
      s.lengthHist[Math.min(len, 40)]!++;
      if (len > s.longest) s.longest = len;
      for (let p = sp.start; p < sp.end; p++) s.positionHits[p]!++;
      if (sp.start < 1 || sp.end > L - 1) s.edgeHits++;
      if (i > 0 && sp.start <= r.spans[i - 1]!.end) s.adjacent++; // adjacent or overlapping
    });
    const sorted = [...r.order].sort((a, b) => a - b);
    if (sorted.some((v, i) => v !== i) || sorted.length !== r.spans.length) s.badOrders++;
    s.masked.push(m);
    s.counts.push(r.spans.length);
  }
  return s;
}

describe(`short spans at L = ${L} ([CLS] + ${L - 2} tokens + [EOS]), ${DRAWS} draws, default options`, () => {
  let st: Stats;
  const pmf = specPmf(3, 39);
  const target = Math.floor(0.15 * L);
  const joint = stoppedSums(pmf, target);
  const E = (f: (x: { S: number; c: number }) => number) => joint.reduce((a, x) => a + x.p * f(x), 0);

  beforeAll(() => {
    st = run();
  });

  it('never fails, and every order is a permutation of the spans', () => {
    expect(st.failures).toEqual([]);
    expect(st.badOrders).toBe(0);
    expect(joint.reduce((a, x) => a + x.p, 0)).toBeCloseTo(1, 12);
  });

  it('has mean span length ≈ 3.157 (the truncated pmf), within 4 standard errors', () => {
    const mu = pmf.reduce((a, p, i) => a + p * (i + 1), 0);
    const varL = pmf.reduce((a, p, i) => a + p * (i + 1 - mu) ** 2, 0);
    expect(mu).toBeCloseTo(3 / (1 - Math.exp(-3)), 6); // the closed form, truncation at 39 negligible
    expect(mu).toBeCloseTo(3.157, 3);
    const n = st.counts.reduce((a, b) => a + b, 0);
    const total = st.masked.reduce((a, b) => a + b, 0);
    const observed = total / n; // pooled: by Wald's identity its expectation is mu exactly
    const se = Math.sqrt(varL / n);
    expect(Math.abs(observed - mu)).toBeLessThan(4 * se);
    expect(Math.abs(observed - 3.16)).toBeLessThan(0.015); // the reference's measured figure
  });

  it('follows the truncated Poisson pmf (chi-square and max abs difference)', () => {
    const n = st.lengthHist.reduce((a, b) => a + b, 0);
    // Bins 1..9 and a tail bin 10..39 so every expected count is large.
    const obs = [...st.lengthHist.slice(1, 10), st.lengthHist.slice(10).reduce((a, b) => a + b, 0)];
    const exp = [...pmf.slice(0, 9).map((p) => p * n), pmf.slice(9).reduce((a, b) => a + b, 0) * n];
    // df = 9; P(chi2 > 33.7) = 1e-4.
    expect(chiSquare(obs, exp)).toBeLessThan(33.7);
    const maxDiff = Math.max(...pmf.map((p, i) => Math.abs(st.lengthHist[i + 1]! / n - p)));
    expect(maxDiff).toBeLessThan(0.005);
  });

  it('masks a fraction of L of 0.151 ± 0.003', () => {
    const frac = st.masked.map((m) => m / L);
    const exact = E((x) => x.S) / L;
    const exactSd = Math.sqrt(E((x) => (x.S / L) ** 2) - exact ** 2);
    expect(exact).toBeCloseTo(0.151, 3);
    expect(Math.abs(mean(frac) - exact)).toBeLessThan((4 * exactSd) / Math.sqrt(DRAWS));
    expect(Math.abs(mean(frac) - 0.151)).toBeLessThan(0.0006);
    expect(sd(frac)).toBeGreaterThan(0.0022);
    expect(sd(frac)).toBeLessThan(0.0038);
    expect(Math.abs(sd(frac) - exactSd) / exactSd).toBeLessThan(0.1);
    // "At least 15%": never below floor(0.15 L), and the last span overshoots by at most 38.
    expect(Math.min(...st.masked)).toBeGreaterThanOrEqual(target);
    expect(Math.max(...st.masked)).toBeLessThanOrEqual(target + 38);
  });

  it('draws 24.5 ± 2.5 spans', () => {
    const exact = E((x) => x.c);
    const exactSd = Math.sqrt(E((x) => x.c ** 2) - exact ** 2);
    expect(Math.abs(exact - 24.5)).toBeLessThan(0.1);
    expect(Math.abs(mean(st.counts) - exact)).toBeLessThan((4 * exactSd) / Math.sqrt(DRAWS));
    expect(Math.abs(mean(st.counts) - 24.5)).toBeLessThan(0.15);
    expect(sd(st.counts)).toBeGreaterThan(2.2);
    expect(sd(st.counts)).toBeLessThan(2.8);
  });

  it('never draws a span longer than 39, never adjacent spans, never masks [CLS]/[EOS]', () => {
    expect(st.longest).toBeLessThanOrEqual(39);
    expect(st.longest).toBeGreaterThanOrEqual(10); // the tail is drawn at all
    expect(st.adjacent).toBe(0);
    expect(st.edgeHits).toBe(0);
    expect(st.positionHits[0]).toBe(0);
    expect(st.positionHits[L - 1]).toBe(0);
  });

  it('masks the first and last maskable positions less often (≈6%) than mid-text (≈15%)', () => {
    // Position 1 is masked iff the smallest of c places drawn from 0..m is 0, m = M - S - c + 1;
    // position L-2 iff the largest is m. Same probability by symmetry.
    const M = L - 2;
    const edge = E(({ S, c }) => {
      const m = M - S - c + 1;
      return 1 - (m / (m + 1)) ** c;
    });
    expect(edge).toBeGreaterThan(0.05);
    expect(edge).toBeLessThan(0.07);
    const se = Math.sqrt((edge * (1 - edge)) / DRAWS);
    const first = st.positionHits[1]! / DRAWS;
    const last = st.positionHits[L - 2]! / DRAWS;
    expect(Math.abs(first - edge)).toBeLessThan(4 * se);
    expect(Math.abs(last - edge)).toBeLessThan(4 * se);
    const mid = Array.from(st.positionHits.slice(100, L - 100)).map((h) => h / DRAWS);
    expect(mean(mid)).toBeGreaterThan(0.145);
    expect(mean(mid)).toBeLessThan(0.16);
    expect(first).toBeLessThan(mean(mid) / 2);
  });
});

describe('short spans: options', () => {
  it('honours lambda and maxLength (lambda 1, maxLength 2: P(1) : P(2) = 2 : 1)', () => {
    const rng = createRng(5);
    const hist = [0, 0, 0];
    for (let d = 0; d < 2000; d++) {
      const r = sampleSpans(TOKENS, { lambda: 1, maxLength: 2 }, rng);
      if (!r.ok) throw new Error(r.reason);
      for (const s of r.spans) hist[s.end - s.start]!++;
    }
    expect(hist[0]).toBe(0);
    const n = hist[1]! + hist[2]!;
    const p1 = specPmf(1, 2)[0]!;
    expect(p1).toBeCloseTo(2 / 3, 12);
    expect(Math.abs(hist[1]! / n - p1)).toBeLessThan(4 * Math.sqrt((p1 * (1 - p1)) / n));
  });

  it('honours ratio: at least floor(ratio * L) masked', () => {
    const rng = createRng(6);
    for (const ratio of [0.05, 0.3, 0.5]) {
      for (let d = 0; d < 50; d++) {
        const r = sampleSpans(TOKENS, { ratio }, rng);
        if (!r.ok) throw new Error(r.reason);
        const m = r.spans.reduce((a, s) => a + s.end - s.start, 0);
        expect(m).toBeGreaterThanOrEqual(Math.floor(ratio * L));
        expect(m).toBeLessThan(Math.floor(ratio * L) + 39);
      }
    }
  });

  it('masks nothing when floor(0.15 L) = 0, and something as soon as it is 1', () => {
    const six = [CLS, 'a', 'b', 'c', 'd', EOS]; // floor(0.9) = 0
    const r = sampleSpans(six, {}, createRng(1));
    expect(r).toMatchObject({ ok: true, spans: [], order: [] });
    const seven = [CLS, 'a', 'b', 'c', 'd', 'e', EOS]; // floor(1.05) = 1
    const rng = createRng(2);
    let some = 0;
    for (let d = 0; d < 20; d++) {
      const r7 = sampleSpans(seven, {}, rng);
      if (r7.ok) {
        expect(r7.spans.length).toBeGreaterThan(0);
        some++;
      } else expect(r7.reason).toMatch(/\w/);
    }
    expect(some).toBeGreaterThan(0);
    expect(sampleSpans(TOKENS, { ratio: 0 }, createRng(3))).toMatchObject({ ok: true, spans: [] });
  });

  it('keeps text order with shuffle off', () => {
    const r = sampleSpans(TOKENS, { shuffle: false }, createRng(4));
    if (!r.ok) throw new Error(r.reason);
    expect(r.order).toEqual(r.spans.map((_, i) => i));
  });

  it('is reproducible from the seed', () => {
    expect(sampleSpans(TOKENS, {}, createRng(77))).toEqual(sampleSpans(TOKENS, {}, createRng(77)));
  });
});

/** Sentences as the spec cuts them: after a token holding . ? ! ; : or a newline; [EOS] resets. */
function specSentences(tokens: string[]): Span[] {
  const out: Span[] = [];
  let from = tokens[0] === CLS ? 1 : 0;
  tokens.forEach((t, i) => {
    if (/[.?!;:\n]/.test(t)) {
      if (from < i + 1) out.push({ start: from, end: i + 1 });
      from = i + 1;
    } else if (t === EOS) from = i + 1;
  });
  if (from < tokens.length) out.push({ start: from, end: tokens.length });
  return out;
}

describe('sentence objective', () => {
  const arbText = fc
    .array(
      fc.tuple(fc.array(fc.constantFrom('the', 'cat', 'sat', 'on', 'a', 'mat'), { minLength: 1, maxLength: 12 }), fc.constantFrom('.', '!', '?')),
      { minLength: 1, maxLength: 15 },
    )
    .map((sents) => [CLS, ...sents.flatMap(([w, p]) => [...w, p]), EOS]);

  it('chooses whole sentences covering at least floor(0.15 L), stopping at the first that does', () => {
    fc.assert(
      fc.property(arbText, fc.nat(), (tokens, seed) => {
        const r = sampleSpans(tokens, { objective: 'sentence' }, createRng(seed));
        if (!r.ok) throw new Error(r.reason);
        const sentences = specSentences(tokens);
        const key = (s: Span) => `${s.start},${s.end}`;
        const all = new Set(sentences.map(key));
        for (const s of r.spans) expect(all.has(key(s))).toBe(true);
        expect(new Set(r.spans.map(key)).size).toBe(r.spans.length);
        const covered = r.spans.reduce((a, s) => a + s.end - s.start, 0);
        const target = Math.floor(0.15 * tokens.length);
        if (r.spans.length < sentences.length) expect(covered).toBeGreaterThanOrEqual(target);
        // The last sentence chosen was needed: without the longest one the cover is short.
        const longest = Math.max(...r.spans.map((s) => s.end - s.start));
        expect(covered - longest).toBeLessThan(Math.max(target, 1));
        expect([...r.order].sort((a, b) => a - b)).toEqual(r.spans.map((_, i) => i));
      }),
      { numRuns: 200 },
    );
  });

  it('picks sentences uniformly (10 sentences of 5 tokens, 2 needed: each chosen 20% of the time)', () => {
    const tokens = [CLS, ...Array.from({ length: 10 }, () => ['a', 'b', 'c', 'd', '.']).flat(), EOS];
    const rng = createRng(9);
    const hits = new Array<number>(10).fill(0);
    const N = 5000;
    for (let d = 0; d < N; d++) {
      const r = sampleSpans(tokens, { objective: 'sentence' }, rng);
      if (!r.ok) throw new Error(r.reason);
      if (r.spans.length !== 2) throw new Error(`draw ${d} chose ${r.spans.length} sentences`);
      for (const s of r.spans) hits[(s.start - 1) / 5]!++;
    }
    for (const h of hits) expect(Math.abs(h / N - 0.2)).toBeLessThan(4 * Math.sqrt(0.16 / N));
  });

  it('builds [sMASK] batches through the pipeline', () => {
    const out = runPipeline({ text: 'The cat sat. The dog ran! Did it?', cls: true, objective: 'sentence', seed: 3 });
    expect(out.error).toBeNull();
    const c = out.construction!;
    expect(c.tokens.slice(0, c.sep).filter((t) => t === '[sMASK]').length).toBe(c.spans.length);
    expect(c.spans.length).toBeGreaterThan(0);
  });

  it('does not mask a fragment with no sentence end before [EOS]', () => {
    const r = sampleSpans([CLS, 'a', 'b', EOS], { objective: 'sentence' }, createRng(1));
    expect(r.ok).toBe(false);
  });
});

describe('document objective', () => {
  const L100 = [CLS, ...Array.from({ length: 98 }, (_, i) => WORDS[i % WORDS.length]!), EOS];

  function draw(options: SampleOptions, n: number, seed: number) {
    const rng = createRng(seed);
    const out: { g: number; layout: string; span: Span }[] = [];
    for (let d = 0; d < n; d++) {
      const r = sampleSpans(L100, { objective: 'document', ...options }, rng);
      if (!r.ok) throw new Error(r.reason);
      const span = r.spans[0]!;
      const bad = () => new Error(`draw ${d}: ${JSON.stringify(r)}`);
      if (r.spans.length !== 1 || r.order.length !== 1 || r.order[0] !== 0) throw bad();
      // The suffix layout's span is tgt[:-1]: its target ends with the text's last token.
      const g = span.end - span.start + (r.layout === 'suffix' ? 1 : 0);
      if (r.layout === 'suffix' ? span.end !== L100.length - 1 : span.start < 1 || span.end > L100.length - 1) throw bad();
      out.push({ g, layout: r.layout, span });
    }
    return out;
  }

  it('draws one span of length uniform in floor(0.5 L)..L-2, half of them as a suffix', () => {
    const N = 4000;
    const ds = draw({}, N, 11);
    const gs = ds.map((d) => d.g);
    expect(Math.min(...gs)).toBe(50);
    expect(Math.max(...gs)).toBe(98);
    const hist = new Array<number>(49).fill(0);
    for (const g of gs) hist[g - 50]!++;
    // df = 48; P(chi2 > 94) = 1e-4.
    expect(chiSquare(hist, hist.map(() => N / 49))).toBeLessThan(94);
    const suffix = ds.filter((d) => d.layout === 'suffix').length / N;
    expect(Math.abs(suffix - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / N));
  });

  it('honours minRatio 0.25 (the GLM-10B setting)', () => {
    const gs = draw({ minRatio: 0.25 }, 2000, 12).map((d) => d.g);
    expect(Math.min(...gs)).toBe(25);
    expect(Math.max(...gs)).toBe(98);
  });

  it('constructs a valid [gMASK] batch in either layout', () => {
    const rng = createRng(13);
    const seen = new Set<string>();
    for (let d = 0; d < 40; d++) {
      const r = sampleSpans(L100, { objective: 'document' }, rng);
      if (!r.ok) throw new Error(r.reason);
      seen.add(r.layout);
      const c = construct(L100, r.spans, { order: r.order, objective: 'document', layout: r.layout });
      expect(c.tokens[c.maskIndex[0]!]).toBe('[gMASK]');
      if (r.layout === 'suffix') {
        expect(c.targets[c.targets.length - 1]).toBe(EOS);
        expect(c.tokens.length).toBe(L100.length + 1);
      } else expect(c.targets[c.targets.length - 1]).toBe('[E]');
    }
    expect(seen).toEqual(new Set(['block', 'suffix']));
  });
});

describe('document objective on tiny texts', () => {
  it('every ok draw can be built, in the layout it names', () => {
    // A suffix of one token (g = 1) leaves no span; that draw used to say layout "suffix" with no
    // span, which construct (and so runPipeline) refuses.
    for (const words of [1, 2, 3]) {
      for (const framed of [true, false]) {
        const tokens = [...(framed ? [CLS] : []), ...WORDS.slice(0, words), ...(framed ? [EOS] : [])];
        for (const minRatio of [0, 0.25, 0.5]) {
          const rng = createRng(words * 10 + minRatio * 100);
          for (let d = 0; d < 20; d++) {
            const r = sampleSpans(tokens, { objective: 'document', minRatio, infillProb: 0.5 }, rng);
            if (!r.ok) continue;
            expect(() => construct(tokens, r.spans, { order: r.order, objective: 'document', layout: r.layout }), JSON.stringify({ tokens, r })).not.toThrow();
          }
        }
      }
    }
    for (let seed = 0; seed < 10; seed++) {
      expect(runPipeline({ text: 'a', cls: true, objective: 'document', seed }).error).toBeNull();
    }
  });
});

describe('impossible or bad requests return a reason, never throw or hang', () => {
  const short = [CLS, 'a', 'b', 'c', EOS];

  it.each<[string, readonly string[], SampleOptions]>([
    ['ratio 1.0 on a short text', short, { ratio: 1 }],
    ['ratio 1.0 on a long text', TOKENS, { ratio: 1 }],
    ['an empty token list', [], {}],
    ['an empty token list (sentence)', [], { objective: 'sentence' }],
    ['an empty token list (document)', [], { objective: 'document' }],
    ['lambda -1', short, { lambda: -1 }],
    ['lambda 0', short, { lambda: 0 }],
    ['lambda NaN', short, { lambda: Number.NaN }],
    ['lambda Infinity', short, { lambda: Number.POSITIVE_INFINITY }],
    ['maxLength 0', short, { maxLength: 0 }],
    ['maxLength 2.5', short, { maxLength: 2.5 }],
    ['maxLength -3', short, { maxLength: -3 }],
    ['maxLength 1e9', short, { maxLength: 1e9 }],
    ['ratio -0.1', short, { ratio: -0.1 }],
    ['ratio 1.5', short, { ratio: 1.5 }],
    ['minRatio 2', short, { objective: 'document', minRatio: 2 }],
    ['infillProb -1', short, { objective: 'document', infillProb: -1 }],
    ['an unknown objective', short, { objective: 'bogus' as never }],
    ['a document span on [CLS] [EOS]', [CLS, EOS], { objective: 'document' }],
    ['a sentence objective without a sentence', [CLS, 'a', EOS], { objective: 'sentence' }],
    ['spans that cannot fit: [CLS] [EOS] with ratio 0.5', [CLS, EOS], { ratio: 0.5 }],
  ])('%s', (_name, tokens, options) => {
    const t0 = performance.now();
    const r = sampleSpans(tokens, options, createRng(1));
    expect(performance.now() - t0).toBeLessThan(200);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason.length).toBeGreaterThan(10);
  });

  it('names the bad option in the reason', () => {
    const reason = (o: SampleOptions) => {
      const r = sampleSpans(short, o, createRng(1));
      return r.ok ? '' : r.reason;
    };
    expect(reason({ lambda: -1 })).toMatch(/lambda/);
    expect(reason({ maxLength: 0 })).toMatch(/maxLength/);
    expect(reason({ ratio: 2 })).toMatch(/ratio/);
  });

  it('never throws on any tokens and options, and every ok draw is valid', () => {
    const num = fc.oneof(
      fc.double({ noNaN: false }),
      fc.integer({ min: -5, max: 50 }),
      fc.constantFrom(0, 1, 0.15, 0.5, 3, 39, 1000, 4096, 1e-300),
    );
    const opts = fc.record(
      {
        objective: fc.constantFrom('span', 'sentence', 'document'),
        ratio: num,
        lambda: num,
        maxLength: num,
        minRatio: num,
        infillProb: num,
        shuffle: fc.boolean(),
      },
      { requiredKeys: [] },
    );
    const toks = fc
      .tuple(fc.array(fc.constantFrom(...WORDS), { maxLength: 60 }), fc.boolean())
      .map(([w, framed]) => (framed ? [CLS, ...w, EOS] : w));
    fc.assert(
      fc.property(toks, opts, fc.nat(), (tokens, options, seed) => {
        const r = sampleSpans(tokens, options as SampleOptions, createRng(seed));
        if (!r.ok) {
          expect(typeof r.reason).toBe('string');
          return;
        }
        const lo = tokens[0] === CLS ? 1 : 0;
        const hi = tokens.length > 0 && tokens[tokens.length - 1] === EOS ? tokens.length - 1 : tokens.length;
        r.spans.forEach((s, i) => {
          expect(Number.isInteger(s.start) && Number.isInteger(s.end)).toBe(true);
          expect(s.start).toBeGreaterThanOrEqual(lo);
          expect(s.end).toBeGreaterThan(s.start);
          // The suffix layout's span ends right before the last token, so also within hi.
          expect(s.end).toBeLessThanOrEqual(r.layout === 'suffix' ? tokens.length - 1 : hi);
          if (i > 0) {
            const gap = (options.objective ?? 'span') === 'span' ? 1 : 0;
            expect(s.start).toBeGreaterThanOrEqual(r.spans[i - 1]!.end + gap);
          }
        });
        expect([...r.order].sort((a, b) => a - b)).toEqual(r.spans.map((_, i) => i));
        // Whatever was drawn can be built.
        expect(() => construct(tokens, r.spans, { order: r.order, layout: r.layout })).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
