import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/gov-audit.js', import.meta.url));
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Every CLI process a test started that has not exited yet. */
const running = new Set<ChildProcess>();

function tracked(child: ChildProcess): ChildProcess {
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/**
 * Kills the CLI processes a test left running (a test that timed out does
 * not stop its child) and waits for them to exit: a browser scan left alive
 * would hold its profile, and fail every later test on it as "in use".
 * A killed gov-audit takes the browser it launched with it.
 */
export async function killLeftovers(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI as a user would (after `npm run build`), asynchronously so
 * that a simulator in the test process keeps answering.
 */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, cwd = ROOT): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { cwd, env: { PATH: process.env.PATH, LANG: 'en_US.UTF-8', ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    tracked(child);
  });
}

/** Starts the built CLI and hands back the process, to signal it while it runs. */
export function startCli(args: string[], env: NodeJS.ProcessEnv = {}, cwd = ROOT): { child: ChildProcess; done: Promise<CliResult> } {
  const child = tracked(spawn(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH, LANG: 'en_US.UTF-8', ...env } }));
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<CliResult>((resolve) => {
    child.on('close', (code, signal) => resolve({ code: code ?? (signal === 'SIGKILL' ? 137 : 1), stdout, stderr }));
  });
  return { child, done };
}
