// `npm run dev` opens a browser only where one can be opened, and prints its URL everywhere.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../vite.config';
import { canOpenBrowser, onPath, type BrowserHost } from '../../scripts/dev/open-browser';

const host = (
  platform: NodeJS.Platform,
  env: BrowserHost['env'] = {},
  xdgOpen = true,
): BrowserHost => ({
  platform,
  env,
  hasCommand: (name) => xdgOpen && name === 'xdg-open',
});

describe('canOpenBrowser', () => {
  it('opens on macOS and Windows', () => {
    expect(canOpenBrowser(host('darwin'))).toBe(true);
    expect(canOpenBrowser(host('win32'))).toBe(true);
  });

  it('on Linux, opens only with a display and xdg-open', () => {
    expect(canOpenBrowser(host('linux', {}))).toBe(false); // a container or SSH session
    expect(canOpenBrowser(host('linux', { DISPLAY: '' }))).toBe(false);
    expect(canOpenBrowser(host('linux', { DISPLAY: ':0' }))).toBe(true);
    expect(canOpenBrowser(host('linux', { WAYLAND_DISPLAY: 'wayland-0' }))).toBe(true);
    expect(canOpenBrowser(host('linux', { DISPLAY: ':0' }, false))).toBe(false); // no xdg-open
    expect(canOpenBrowser(host('freebsd', { DISPLAY: ':0' }))).toBe(true);
    expect(canOpenBrowser(host('linux', { WSL_DISTRO_NAME: 'Ubuntu' }, false))).toBe(true);
  });

  it('never in CI, and BROWSER (Vite’s own switch) wins', () => {
    expect(canOpenBrowser(host('darwin', { CI: 'true' }))).toBe(false);
    expect(canOpenBrowser(host('linux', { CI: 'false', DISPLAY: ':0' }))).toBe(true);
    expect(canOpenBrowser(host('darwin', { BROWSER: 'none' }))).toBe(false);
    expect(canOpenBrowser(host('linux', { BROWSER: 'firefox' }, false))).toBe(true);
  });

  it('finds a command on PATH only when it is an executable file there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'open-browser-'));
    writeFileSync(join(dir, 'xdg-open'), '#!/bin/sh\n', { mode: 0o755 });
    writeFileSync(join(dir, 'not-executable'), '', { mode: 0o644 });
    expect(onPath('xdg-open', dir)).toBe(true);
    expect(onPath('not-executable', dir)).toBe(process.platform === 'win32');
    expect(onPath('xdg-open', '')).toBe(false);
  });
});

describe('npm run dev', () => {
  it('leaves opening to vite.config.ts, which asks canOpenBrowser (preview opens nothing)', () => {
    const pkg = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.dev).toBe('vite');
    expect(config.server?.open).toBe(canOpenBrowser());
    expect(config.preview?.open).toBe(false);
  });
});
