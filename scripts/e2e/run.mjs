#!/usr/bin/env node
// Browser tests: serves the production build with `vite preview`, drives headless Chromium with
// playwright-core, and runs every test registered by scripts/e2e/*.e2e.mjs.
//
//   node scripts/e2e/run.mjs [--build] [name-filter ...]
//
//   --build          rebuild dist/ first (otherwise it is built only when missing)
//   name-filter      run only tests whose name contains one of these strings
//   CHROMIUM_PATH    the browser to drive (default /usr/bin/chromium)
//   E2E_BASE_URL     test an already running server (e.g. `npm run dev`) instead of dist/
//
// Prints "✓ name" or "✗ name: error" per test, then "N passed, M failed"; exits 1 on any failure.
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { registry } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const screenshotDir = join(root, 'e2e-screenshots');

const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const argv = process.argv.slice(2);
const forceBuild = argv.includes('--build');
const filters = argv.filter((a) => !a.startsWith('--'));

/** Asks the OS for a free localhost port. */
function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolvePort(port));
    });
  });
}

/** Rejects after `ms` milliseconds unless `promise` settles first. */
function withTimeout(promise, ms) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function slug(name) {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The first line of an error, enough to say what went wrong. */
function describeError(error) {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n').find((line) => line.trim()) ?? message;
}

async function loadTests() {
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.e2e.mjs'))
    .sort();
  for (const file of files) {
    const before = registry.length;
    await import(pathToFileURL(join(here, file)).href);
    for (const t of registry.slice(before)) t.file = file;
  }
  return registry.filter((t) => filters.length === 0 || filters.some((f) => t.name.includes(f)));
}

/** Serves dist/ with `vite preview` on a free port; builds it first when needed. */
async function startPreview() {
  const vite = await import('vite');
  if (forceBuild || !existsSync(join(root, 'dist', 'index.html'))) {
    console.log('e2e: building dist/ with vite build');
    await vite.build({ root, logLevel: 'warn' });
  }
  const port = await freePort();
  const server = await vite.preview({
    root,
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  return { baseUrl: `http://127.0.0.1:${port}/`, close: () => server.close() };
}

async function runTest(browser, baseUrl, t) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  const screenshot = async (name) => {
    mkdirSync(screenshotDir, { recursive: true });
    const path = join(screenshotDir, `${slug(name)}.png`);
    await page.screenshot({ path, fullPage: true });
    return path;
  };
  try {
    await withTimeout(t.fn({ page, baseUrl, consoleErrors, screenshot }), t.timeout);
    return null;
  } catch (error) {
    const saved = await screenshot(`failed-${t.name}`).catch(() => null);
    return { error, saved };
  } finally {
    await context.close().catch(() => {});
  }
}

async function main() {
  const tests = await loadTests();
  if (tests.length === 0) {
    console.log(`e2e: no tests matched${filters.length ? ` ${filters.join(', ')}` : ''}`);
    console.log('0 passed, 0 failed');
    return 1;
  }

  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    console.error(
      `e2e: no browser at ${executablePath} (install Debian's chromium or set CHROMIUM_PATH)`,
    );
    return 1;
  }

  // Screenshots of earlier failures would be misleading next to this run's.
  if (existsSync(screenshotDir)) {
    for (const f of readdirSync(screenshotDir)) {
      if (f.startsWith('failed-')) rmSync(join(screenshotDir, f));
    }
  }

  const preview = process.env.E2E_BASE_URL
    ? { baseUrl: process.env.E2E_BASE_URL.replace(/\/?$/, '/'), close: async () => {} }
    : await startPreview();
  let browser;
  let passed = 0;
  let failed = 0;
  try {
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
    console.log(`e2e: ${tests.length} tests against ${preview.baseUrl}`);
    for (const t of tests) {
      const failure = await runTest(browser, preview.baseUrl, t);
      if (failure) {
        failed++;
        console.log(`✗ ${t.name}: ${describeError(failure.error)}`);
        if (failure.saved) console.log(`    screenshot: ${relative(root, failure.saved)}`);
        if (process.env.E2E_VERBOSE && failure.error instanceof Error)
          console.log(failure.error.stack);
      } else {
        passed++;
        console.log(`✓ ${t.name}`);
      }
    }
  } finally {
    await browser?.close().catch(() => {});
    await preview.close();
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error('e2e: runner crashed:', error);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
