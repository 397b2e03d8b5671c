import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The browser to drive: an executable, never one downloaded by gov-audit. */
export interface BrowserChoice {
  executablePath: string;
  /** How the user named it, or how it was found: said in messages. */
  label: string;
}

/** Why no browser could be used; the command turns it into exit 3 with the how-to. */
export class BrowserNotFound extends Error {
  constructor(readonly asked: string | undefined) {
    super(asked ? `browser not found: ${asked}` : 'no Chrome, Edge or Chromium found');
  }
}

type Os = NodeJS.Platform;

/** Where each named browser is installed, per system, most usual first. */
function candidates(name: 'chrome' | 'msedge' | 'chromium', os: Os, env: NodeJS.ProcessEnv): string[] {
  if (os === 'win32') {
    const roots = [env.LOCALAPPDATA, env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.ProgramFiles, env['ProgramFiles(x86)']].filter((r): r is string => Boolean(r));
    const tail = { chrome: ['Google', 'Chrome', 'Application', 'chrome.exe'], msedge: ['Microsoft', 'Edge', 'Application', 'msedge.exe'], chromium: ['Chromium', 'Application', 'chrome.exe'] }[name];
    return roots.map((root) => join(root, ...tail));
  }
  if (os === 'darwin') {
    const app = { chrome: 'Google Chrome.app/Contents/MacOS/Google Chrome', msedge: 'Microsoft Edge.app/Contents/MacOS/Microsoft Edge', chromium: 'Chromium.app/Contents/MacOS/Chromium' }[name];
    return [join('/Applications', app), ...(env.HOME ? [join(env.HOME, 'Applications', app)] : [])];
  }
  return {
    chrome: ['/opt/google/chrome/chrome', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'],
    msedge: ['/opt/microsoft/msedge/msedge', '/usr/bin/microsoft-edge', '/usr/bin/microsoft-edge-stable'],
    // Debian and Ubuntu's package, and the snap.
    chromium: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'],
  }[name];
}

/** The order tried without `--browser <which>`: Chrome, then Edge, then Chromium. */
const AUTO_ORDER = ['chrome', 'msedge', 'chromium'] as const;

/**
 * `which` is `chrome`, `msedge`, `chromium` or a path to an executable; none
 * (or `auto`) means the first installed of Chrome, Edge and Chromium. `GOV_AUDIT_BROWSER`
 * plays the part of `which` when it is not given.
 */
export function findBrowser(
  which: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  os: Os = process.platform,
  exists: (path: string) => boolean = existsSync,
): BrowserChoice {
  const named = which ?? env.GOV_AUDIT_BROWSER;
  const asked = named === 'auto' ? undefined : named;
  if (asked && !['chrome', 'msedge', 'chromium'].includes(asked)) {
    if (exists(asked)) return { executablePath: asked, label: asked };
    throw new BrowserNotFound(asked);
  }
  const names = asked ? [asked as (typeof AUTO_ORDER)[number]] : AUTO_ORDER;
  for (const name of names) {
    const found = candidates(name, os, env).find((path) => exists(path));
    if (found) return { executablePath: found, label: name };
  }
  throw new BrowserNotFound(asked);
}
