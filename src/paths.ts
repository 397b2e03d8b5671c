import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The package root, whether running from src/ (tests) or dist/ (the CLI): both sit one level down. */
export const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/', import.meta.url));

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
