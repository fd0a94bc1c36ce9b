/** The CLI's version: put in by scripts/build-cli.mjs, or read from the checkout's package.json. */

declare const __GLM_INFILL_LAB_VERSION__: string | undefined;

export function cliVersion(): string {
  if (typeof __GLM_INFILL_LAB_VERSION__ === 'string') return __GLM_INFILL_LAB_VERSION__;
  const pkg = JSON.parse(process.getBuiltinModule('node:fs').readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
