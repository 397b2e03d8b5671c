import { Writable } from 'node:stream';
import { main } from '../../src/cli.js';
import type { CliResult } from './cli.js';

/** A stream that keeps what is written to it. */
export class Collector extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/**
 * Runs the CLI from its TypeScript source inside the test process: the same
 * argument parsing, scan and reports as `runCli`, without a build. Mutation
 * testing (`npm run mutate`) needs this, since it changes the source, not
 * dist/.
 */
export async function runInProcess(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const stdout = new Collector();
  const stderr = new Collector();
  const code = await main(args, { stdout, stderr, env: { PATH: process.env.PATH, LANG: 'en_US.UTF-8', ...env }, stdinIsTTY: false, stdoutIsFile: false });
  return { code, stdout: stdout.text, stderr: stderr.text };
}
