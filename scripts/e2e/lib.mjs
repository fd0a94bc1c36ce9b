// The e2e test API: `test(name, fn, options?)` registers a browser test.
// Test files (scripts/e2e/*.e2e.mjs) import it from here; run.mjs imports them and runs each test.
//
// `fn` gets a fixture object:
//   page          a fresh Playwright page (its own browser context) for this test
//   baseUrl       the app's root URL, ending in '/'
//   consoleErrors console errors and uncaught page errors seen so far, as strings
//   screenshot    async (name) => path: saves a full-page PNG to e2e-screenshots/<name>.png
export { default as assert } from 'node:assert/strict';

/** @typedef {{ page: import('playwright-core').Page, baseUrl: string, consoleErrors: string[], screenshot: (name: string) => Promise<string> }} Fixtures */
/** @typedef {{ name: string, fn: (fixtures: Fixtures) => Promise<void>, timeout: number, file?: string }} TestCase */

/** @type {TestCase[]} */
export const registry = [];

/** Tests time out after this many milliseconds unless they ask for more. */
export const DEFAULT_TIMEOUT = 30_000;

/**
 * Registers a browser test.
 * @param {string} name shown in the report; must be unique
 * @param {(fixtures: Fixtures) => Promise<void>} fn
 * @param {{ timeout?: number }} [options]
 */
export function test(name, fn, options = {}) {
  if (registry.some((t) => t.name === name)) throw new Error(`duplicate e2e test name: ${name}`);
  registry.push({ name, fn, timeout: options.timeout ?? DEFAULT_TIMEOUT });
}
