/**
 * Whether `npm run dev` should open a browser (vite.config.ts `server.open`): only where one can
 * be opened, so a machine without one (a container, SSH, CI) gets the local URL and no
 * `spawn xdg-open ENOENT` stack trace. Vite prints the URL either way.
 *
 * - `BROWSER` set: Vite's own switch, honoured as it is (`none` opens nothing);
 * - CI: never;
 * - macOS and Windows: always (`open`, `start`);
 * - WSL: yes (Vite opens the Windows browser through PowerShell);
 * - Linux and other Unix: only with a display (DISPLAY or WAYLAND_DISPLAY) and `xdg-open` on PATH.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface BrowserHost {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether a command of this name can be run (found on PATH). */
  hasCommand: (name: string) => boolean;
}

/** Whether `name` is an executable file in one of the PATH's folders. */
export function onPath(name: string, path = process.env.PATH ?? ''): boolean {
  return path
    .split(delimiter)
    .filter(Boolean)
    .some((dir) => {
      try {
        accessSync(join(dir, name), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}

const set = (v: string | undefined) => v !== undefined && v.trim() !== '';

/** Whether a browser can be opened on `host` (this machine by default). */
export function canOpenBrowser(
  host: BrowserHost = {
    platform: process.platform,
    env: process.env,
    hasCommand: (n) => onPath(n),
  },
): boolean {
  const { platform, env } = host;
  if (set(env.BROWSER)) return env.BROWSER!.trim().toLowerCase() !== 'none';
  if (set(env.CI) && env.CI !== 'false' && env.CI !== '0') return false;
  if (platform === 'darwin' || platform === 'win32') return true;
  if (set(env.WSL_DISTRO_NAME) || set(env.WSL_INTEROP)) return true;
  return (set(env.DISPLAY) || set(env.WAYLAND_DISPLAY)) && host.hasCommand('xdg-open');
}
