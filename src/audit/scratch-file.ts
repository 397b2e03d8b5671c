import { closeSync, ftruncateSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A temporary file that only this process can reach: created readable by its
 * owner alone and removed from the folder as soon as it is open, so that
 * nothing is left behind, even by a crash. What goes in it is what the
 * reports say (rows of the list, verdicts), never a secret.
 */
export class ScratchFile {
  private fd: number | undefined;

  constructor(purpose: string) {
    const path = join(tmpdir(), `gov-audit-${purpose}-${process.pid}-${Math.random().toString(36).slice(2)}.ndjson`);
    this.fd = openSync(path, 'wx+', 0o600);
    try {
      unlinkSync(path);
    } catch {
      // A file system that refuses: the file stays in the temporary folder, as any temporary file would.
    }
  }

  write(bytes: Buffer, at: number): void {
    let done = 0;
    while (done < bytes.length) done += writeSync(this.descriptor, bytes, done, bytes.length - done, at + done);
  }

  /** Reads `length` bytes at `at` into the start of `into`; fewer at the end of the file. */
  read(into: Buffer, length: number, at: number): number {
    let done = 0;
    while (done < length) {
      const got = readSync(this.descriptor, into, done, length - done, at + done);
      if (got === 0) break;
      done += got;
    }
    return done;
  }

  /** Gives the disk space back once everything written has been read. */
  empty(): void {
    ftruncateSync(this.descriptor, 0);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private get descriptor(): number {
    if (this.fd === undefined) throw new Error('scratch file already closed');
    return this.fd;
  }
}
