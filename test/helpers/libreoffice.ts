import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/**
 * LibreOffice's command, where it is installed: the other program offices open
 * our workbooks and documents with. CI installs it (.ci/run), so there its
 * absence fails the test instead of skipping it.
 */
export async function soffice(): Promise<string | undefined> {
  try {
    await promisify(execFile)('soffice', ['--version'], { timeout: 60_000 });
    return 'soffice';
  } catch {
    if (process.env.CI) throw new Error('LibreOffice (soffice) is not installed: .ci/run installs it');
    return undefined;
  }
}
