/**
 * The CLI people can install (issue #15): scripts/build-cli.mjs bundles it into plain JavaScript
 * (no tsx, no runtime dependencies), `npm pack` packs it, `npm install --offline` installs the
 * tarball into a fresh project, and `npx glm-infill-lab check FILE` runs from that other
 * directory, JSON Lines in worker threads too. Start-up is measured (median of 5 runs) and printed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = process.cwd();
const fixture = (f: string) => join(root, 'test/fixtures/batches', f);

describe('glm-infill-lab, packed and installed', () => {
  it('builds, packs, installs offline and runs check from another directory', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'glm-bin-'));
    const out = join(tmp, 'dist-cli');
    execFileSync(process.execPath, [join(root, 'scripts/build-cli.mjs'), out], { encoding: 'utf8' });

    const packed = JSON.parse(execFileSync('npm', ['pack', out, '--json', '--pack-destination', tmp], { encoding: 'utf8', cwd: tmp })) as { filename: string; files: { path: string }[] }[];
    expect(packed[0]!.files.map((f) => f.path).sort()).toEqual(['bert-vocab.json', 'glm-infill-lab', 'package.json']);
    const manifest = JSON.parse(readFileSync(join(out, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest).not.toHaveProperty('dependencies');

    const project = join(tmp, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'uses-glm-infill-lab', version: '1.0.0', private: true }));
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', join(tmp, packed[0]!.filename)], { cwd: project, encoding: 'utf8' });

    // From the project, nowhere near the repository: a tensor file, and a JSON batch on stdin.
    const npz = spawnSync('npx', ['--no-install', 'glm-infill-lab', 'check', fixture('hf.npz'), '--accept', 'ignore-index'], { cwd: project, encoding: 'utf8' });
    expect(npz.stderr).toBe('');
    expect(npz.status).toBe(0);
    expect(JSON.parse(npz.stdout)).toMatchObject({ ok: true, read: { format: 'npz', vocabulary: expect.stringMatching(/^BERT uncased/) } });
    const bad = spawnSync('npx', ['--no-install', 'glm-infill-lab', 'check'], { cwd: project, encoding: 'utf8', input: readFileSync(fixture('corrupted.json')) });
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout).problems).toHaveLength(2);
    const piped = spawnSync('npx', ['--no-install', 'glm-infill-lab', 'check'], { cwd: project, encoding: 'utf8', input: readFileSync(fixture('glm.npz')) });
    expect(piped.status).toBe(0);

    // JSON Lines in two worker threads: the installed file is its own worker (no tsx, no checkout).
    const jsonl = join(tmp, 'three.jsonl');
    writeFileSync(jsonl, ['valid.json', 'corrupted.json', 'ids.json'].map((f) => JSON.stringify(JSON.parse(readFileSync(fixture(f), 'utf8')))).join('\n') + '\n');
    const reports = (jobs: string) => {
      const r = spawnSync('npx', ['--no-install', 'glm-infill-lab', 'check', '--jobs', jobs, jsonl], { cwd: project, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(1);
      return r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    };
    const two = reports('2');
    const one = reports('1');
    expect(two.map((l) => l.line ?? 'summary')).toEqual([1, 2, 3, 'summary']);
    expect(two.at(-1)!.summary).toMatchObject({ lines: 3, samples: 4, samplesWithProblems: 1, jobs: 2, problemSamples: [{ line: 2, sample: 0, problems: 2 }] });
    expect(two.slice(0, 3)).toEqual(one.slice(0, 3));
    expect({ ...(two.at(-1)!.summary as object), jobs: 1 }).toEqual(one.at(-1)!.summary);
    const version = spawnSync('npx', ['--no-install', 'glm-infill-lab', '--version'], { cwd: project, encoding: 'utf8' });
    expect(version.stdout).toBe(`${(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version}\n`);

    // Start-up: the installed bin on the smallest batch, median of 5 (and through npx).
    const bin = join(project, 'node_modules/.bin/glm-infill-lab');
    const median = (runs: number[]) => [...runs].sort((a, b) => a - b)[2]!;
    const time = (cmd: string, args: string[]) =>
      median(
        Array.from({ length: 5 }, () => {
          const t0 = process.hrtime.bigint();
          const r = spawnSync(cmd, args, { cwd: project, input: readFileSync(fixture('valid.json')) });
          expect(r.status).toBe(0);
          return Number(process.hrtime.bigint() - t0) / 1e6;
        }),
      );
    const direct = time(bin, ['check']);
    const viaNpx = time('npx', ['--no-install', 'glm-infill-lab', 'check']);
    const node = time(process.execPath, ['-e', '0']);
    console.log(`glm-infill-lab check start-up, median of 5: ${direct.toFixed(0)} ms (bare node: ${node.toFixed(0)} ms; through npx: ${viaNpx.toFixed(0)} ms)`);
    // Generous: the check machine is shared with a training job.
    expect(direct).toBeLessThan(3000);
  }, 180_000);
});
