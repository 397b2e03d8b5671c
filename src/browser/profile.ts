import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * gov-audit's own browser profile: where `gov-audit login` keeps the logins
 * and `scan --browser` finds them. Never the browser's default profile
 * (Chrome refuses remote control of it, and it is the user's own).
 */
export function defaultProfileDir(env: NodeJS.ProcessEnv = process.env, os: NodeJS.Platform = process.platform): string {
  if (os === 'win32') return join(env.LOCALAPPDATA ?? join(env.USERPROFILE ?? homedir(), 'AppData', 'Local'), 'gov-audit', 'browser-profile');
  if (os === 'darwin') return join(env.HOME ?? homedir(), 'Library', 'Application Support', 'gov-audit', 'browser-profile');
  return join(env.XDG_DATA_HOME || join(env.HOME ?? homedir(), '.local', 'share'), 'gov-audit', 'browser-profile');
}

/** Beside the browser's own files: when each platform was logged in. Names and times only, never a cookie. */
const LOGINS_FILE = 'gov-audit-logins.json';

export type LoginRecord = Record<string, { at: string }>;

export async function readLogins(profileDir: string): Promise<LoginRecord> {
  try {
    const parsed = JSON.parse(await readFile(join(profileDir, LOGINS_FILE), 'utf8')) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as LoginRecord) : {};
  } catch {
    return {};
  }
}

export async function noteLogin(profileDir: string, platform: string, at: Date): Promise<void> {
  const logins = await readLogins(profileDir);
  logins[platform] = { at: at.toISOString() };
  await mkdir(profileDir, { recursive: true });
  await writeFile(join(profileDir, LOGINS_FILE), `${JSON.stringify(logins, null, 2)}\n`);
}
