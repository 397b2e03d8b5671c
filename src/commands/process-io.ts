import { fstatSync } from 'node:fs';

/* Kept apart from io.ts so that the CLI shell loads no reporter before it knows the command. */

/** The streams and environment a command talks to; tests pass their own. */
export interface CommandIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Whether a person can answer at the keyboard (a captcha in a visible browser waits for them). */
  stdinIsTTY?: boolean;
  /** Standard output is redirected to a file (`> report.csv`), not a terminal or a pipe. */
  stdoutIsFile?: boolean;
}

/** Whether file descriptor 1 is a regular file: a redirect, which a spreadsheet will open. */
function stdoutIsFile(): boolean {
  try {
    return fstatSync(1).isFile();
  } catch {
    return false;
  }
}

export const processIO = (): CommandIO => {
  // `gov-audit validate list.csv | head`: a reader that stops early is not a failure, and the
  // command still ends with its own exit code; what it would have printed is dropped.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, stdinIsTTY: Boolean(process.stdin.isTTY), stdoutIsFile: stdoutIsFile() };
};

