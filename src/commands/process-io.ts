/* Kept apart from io.ts so that the CLI shell loads no reporter before it knows the command. */

/** The streams and environment a command talks to; tests pass their own. */
export interface CommandIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

export const processIO = (): CommandIO => {
  // `gov-audit scan list.csv | head`: a reader that stops early is not a failure.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
};

