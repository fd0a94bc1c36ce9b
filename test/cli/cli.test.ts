import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main';

const X = ['x1', 'x2', 'x3', 'x4', 'x5', 'x6'];
const call = (argv: string[], input: unknown) =>
  run(argv, () => (typeof input === 'string' ? input : JSON.stringify(input)));

describe('cli construct', () => {
  it('prints the paper example exactly as the spec tables it', async () => {
    const r = await call(['construct'], { tokens: X, spans: [[2, 3], [4, 6]], order: [1, 0] });
    expect(r.code).toBe(0);
    const b = JSON.parse(r.stdout);
    expect(b.tokens).toEqual(['x1', 'x2', '[MASK]', 'x4', '[MASK]', '[S]', 'x5', 'x6', '[S]', 'x3']);
    expect(b.targets).toEqual(['x1', 'x2', '[MASK]', 'x4', '[MASK]', 'x5', 'x6', '[E]', 'x3', '[E]']);
    expect(b.loss_mask).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    expect(b.position_ids).toEqual([0, 1, 2, 3, 4, 4, 4, 4, 2, 2]);
    expect(b.block_position_ids).toEqual([0, 0, 0, 0, 0, 1, 2, 3, 1, 2]);
    expect(b.sep).toBe(5);
    expect(b.attention_mask[5]).toEqual([1, 1, 1, 1, 1, 1, 0, 0, 0, 0]);
    expect(b.attention_mask[2]).toEqual([1, 1, 1, 1, 1, 0, 0, 0, 0, 0]);
  });

  it('uses [sMASK]/[gMASK] by objective unless taskMask is false', async () => {
    const s = JSON.parse((await call(['construct'], { tokens: X, spans: [[2, 3]], objective: 'sentence' })).stdout);
    expect(s.tokens[2]).toBe('[sMASK]');
    const g = JSON.parse((await call(['construct'], { tokens: X, spans: [[2, 3]], objective: 'document', taskMask: false })).stdout);
    expect(g.tokens[2]).toBe('[MASK]');
  });

  it('without order shuffles with the seed, reproducibly, and keeps text order with shuffle false', async () => {
    const spans = [[0, 1], [2, 3], [4, 5]];
    const a = await call(['construct'], { tokens: X, spans, seed: 7 });
    const b = await call(['construct'], { tokens: X, spans, seed: 7 });
    expect(a.stdout).toBe(b.stdout);
    const c = JSON.parse((await call(['construct'], { tokens: X, spans, shuffle: false })).stdout);
    expect(c.position_ids.slice(6)).toEqual([0, 0, 2, 2, 4, 4]);
  });
});

describe('cli bad input: exit 2, one line naming the field', () => {
  const cases: [string, string[], unknown, RegExp][] = [
    ['not JSON', ['construct'], '{nope', /not valid JSON/],
    ['empty stdin', ['construct'], '', /empty/],
    ['an array', ['construct'], [], /must be a JSON object/],
    ['tokens missing', ['construct'], { spans: [] }, /"tokens" is missing/],
    ['a number token', ['construct'], { tokens: ['a', 3], spans: [] }, /"tokens"\[1\] must be a string/],
    ['span out of range', ['construct'], { tokens: X, spans: [[5, 9]] }, /spans\[0\].*outside/],
    ['overlapping spans', ['construct'], { tokens: X, spans: [[0, 3], [2, 4]] }, /overlaps/],
    ['empty span', ['construct'], { tokens: X, spans: [[3, 3]] }, /end must be greater/],
    ['bad span shape', ['construct'], { tokens: X, spans: [[1]] }, /"spans"\[0\] must be a pair/],
    ['order not a permutation', ['construct'], { tokens: X, spans: [[0, 1], [2, 3]], order: [0, 0] }, /"order"/],
    ['order wrong length', ['construct'], { tokens: X, spans: [[0, 1]], order: [0, 1] }, /order has 2 entries/],
    ['bad objective', ['construct'], { tokens: X, spans: [], objective: 'gpt' }, /"objective" must be one of/],
    ['bad seed', ['sample'], { tokens: X, seed: -1 }, /"seed"/],
    ['bad count', ['sample'], { tokens: X, count: 0 }, /"count"/],
    ['bad lambda', ['sample'], { tokens: X, lambda: -1 }, /lambda/],
    ['bad ratio', ['sample'], { tokens: X, ratio: 2 }, /ratio/],
    ['check without sep', ['check'], { tokens: X, targets: X, loss_mask: [0], position_ids: [0], block_position_ids: [0] }, /sep/],
    ['check with a bad field', ['check'], { tokens: X, targets: 'x' }, /targets/],
    ['mask with nothing', ['mask'], {}, /mask takes/],
    ['unknown command', ['frobnicate'], {}, /unknown command "frobnicate"/],
  ];
  for (const [name, argv, input, pattern] of cases) {
    it(name, async () => {
      const r = await call(argv, input);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    });
  }
});

describe('cli sample', () => {
  it('prints count lines, never masks [CLS]/[EOS], is reproducible by seed', async () => {
    const tokens = ['[CLS]', ...Array.from({ length: 60 }, (_, i) => `w${i}`), '[EOS]'];
    const r = await call(['sample'], { tokens, count: 50, seed: 3 });
    const r2 = await call(['sample'], { tokens, count: 50, seed: 3 });
    expect(r.stdout).toBe(r2.stdout);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(50);
    for (const l of lines) {
      for (const [s, e] of l.spans) {
        expect(s).toBeGreaterThanOrEqual(1);
        expect(e).toBeLessThanOrEqual(tokens.length - 1);
      }
      expect([...l.order].sort()).toEqual(l.spans.map((_: unknown, i: number) => i));
    }
  });

  it('says why a draw cannot be made instead of failing', async () => {
    const r = await call(['sample'], { tokens: ['[CLS]', 'a', 'b', '[EOS]'], count: 2, ratio: 1 });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0].error).toMatch(/maskable/);
  });
});

describe('cli check', () => {
  it('accepts what construct prints and rejects a corrupted position id, naming it', async () => {
    const batch = JSON.parse((await call(['construct'], { tokens: X, spans: [[2, 3], [4, 6]], order: [1, 0] })).stdout);
    const ok = await call(['check'], { ...batch, original: X });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, problems: [], inferred: { spans: [[2, 3], [4, 6]], order: [1, 0] } });
    batch.position_ids[7] = 3;
    const bad = await call(['check'], batch);
    expect(bad.code).toBe(1);
    const out = JSON.parse(bad.stdout);
    expect(out.ok).toBe(false);
    expect(out.problems).toContainEqual(expect.objectContaining({ field: 'position_ids', index: 7, found: 3, expected: 4 }));
    expect(out.problems[0].message).toMatch(/position_ids\[7\] is 3, but the mask token of the span it belongs to is at 4/);
  });
});

describe('cli mask', () => {
  it('prints the ■/□ grid with Part A and Part B marked', async () => {
    const r = await call(['mask'], { sep: 2, length: 3 });
    expect(r.stdout).toBe(
      ['# attention mask: L=3 sep=2 (■ visible, □ masked; row = query, column = key)', '    AA|B', '0 A ■■|□', '1 A ■■|□', '    --+-', '2 B ■■|■', ''].join('\n'),
    );
  });
});

describe('cli mask on an id batch', () => {
  it('reads BERT/GLM ids (as a collator dumps them) and prints the same grid as for token strings', async () => {
    // Ids as BERT-base-uncased numbers them ("the" 1996, "cat" 4937, "sat" 2938) with the spec's
    // specials: [CLS] 101, [MASK] 103, [S] (sop) 30522, [E] (eop) 30523.
    const batch = JSON.parse((await call(['construct'], { tokens: ['[CLS]', 'the', 'cat', 'sat'], spans: [[2, 3]] })).stdout);
    const id: Record<string, number> = { '[CLS]': 101, the: 1996, cat: 4937, sat: 2938, '[MASK]': 103, '[S]': 30522, '[E]': 30523 };
    const ids = { ...batch, tokens: batch.tokens.map((t: string) => id[t]), targets: batch.targets.map((t: string) => id[t]) };
    expect(ids.tokens).toEqual([101, 1996, 103, 2938, 30522, 4937]);
    const fromIds = await call(['mask'], ids);
    expect(fromIds.code).toBe(0);
    expect(fromIds.stdout).toBe((await call(['mask'], batch)).stdout);
    expect(fromIds.stdout).toContain('[MASK]');
  });
});

describe('cli mask on a collated batch', () => {
  it('draws the sample that "sample" names, and refuses an index out of range', async () => {
    const one = JSON.parse((await call(['construct'], { tokens: X, spans: [[2, 3]], padTo: 12 })).stdout);
    const two = JSON.parse((await call(['construct'], { tokens: X, spans: [[1, 2], [4, 6]], order: [0, 1], padTo: 12 })).stdout);
    // GLM's collated layout: [B, L] rows, position_id [B, 2, L], attention_mask [B] = sep.
    const collated = {
      text: [one.tokens, two.tokens],
      target: [one.targets, two.targets],
      loss_mask: [one.loss_mask, two.loss_mask],
      position_id: [one, two].map((b) => [b.position_ids, b.block_position_ids]),
      attention_mask: [one.sep, two.sep],
    };
    const second = await call(['mask'], { ...collated, sample: 1 });
    expect(second.code).toBe(0);
    expect(second.stdout).toBe((await call(['mask'], two)).stdout);
    expect((await call(['mask'], collated)).stdout).toBe((await call(['mask'], one)).stdout);
    const bad = await call(['mask'], { ...collated, sample: 2 });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/"sample" must be a sample index from 0 to 1/);
  });
});

describe('the real command line', () => {
  it('exits non-zero with one stderr line for bad input, and prints JSON for good input', () => {
    const bad = spawnSync('npx', ['tsx', 'src/cli/main.ts', 'construct'], { input: '{"tokens": 5}', encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim()).toMatch(/^error: "tokens" must be an array/);
    const good = execFileSync('npx', ['tsx', 'src/cli/main.ts', 'mask'], { input: '{"sep": 1, "length": 2}', encoding: 'utf8' });
    expect(good).toContain('1 B ■|■');
  }, 30_000);
});
