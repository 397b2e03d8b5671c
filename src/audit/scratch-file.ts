import { randomBytes } from 'node:crypto';
import { closeSync, ftruncateSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Fresh names tried before a file gov-audit makes is given up on. */
const FRESH_NAME_TRIES = 8;

/**
 * `<file>.<random>.partial`: where a file is written before it is renamed to
 * `<file>`. The name cannot be guessed, so no link can be planted there.
 */
export function partialName(file: string): string {
  return `${file}.${randomBytes(6).toString('hex')}.partial`;
}

/**
 * Creates a file that did not exist, under a name `name()` makes, and opens
 * it. `wx` (O_CREAT | O_EXCL) never follows a link: a link, or any file,
 * already at that name is EEXIST, and a fresh name is tried; nothing that
 * was there is ever opened, let alone truncated.
 */
export function createFreshSync(name: () => string, flags: 'wx' | 'wx+' = 'wx', mode = 0o666): { fd: number; path: string } {
  for (let tries = 1; ; tries++) {
    const path = name();
    try {
      return { fd: openSync(path, flags, mode), path };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || tries >= FRESH_NAME_TRIES) throw error;
    }
  }
}

/** `createFreshSync` through the thread pool, for a file written as a stream. */
export async function createFresh(name: () => string, mode = 0o666): Promise<{ handle: FileHandle; path: string }> {
  for (let tries = 1; ; tries++) {
    const path = name();
    try {
      return { handle: await open(path, 'wx', mode), path };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || tries >= FRESH_NAME_TRIES) throw error;
    }
  }
}

/** Bytes appended before they are written out in one go. */
const WRITE_BATCH_BYTES = 256 * 1024;

/**
 * A temporary file that only this process can reach: created readable by its
 * owner alone and removed from the folder as soon as it is open, so that
 * nothing is left behind, even by a crash. It is appended to in batches and
 * read back anywhere. What goes in it is what the reports say (rows of the
 * list, verdicts), never a secret.
 */
export class ScratchFile {
  private fd: number | undefined;
  private written = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(purpose: string) {
    const { fd, path } = createFreshSync(() => join(tmpdir(), `gov-audit-${purpose}-${process.pid}-${randomBytes(6).toString('hex')}.ndjson`), 'wx+', 0o600);
    this.fd = fd;
    try {
      unlinkSync(path);
    } catch {
      // A file system that refuses: the file stays in the temporary folder, as any temporary file would.
    }
  }

  /** Every byte appended so far. */
  get size(): number {
    return this.written + this.pendingBytes;
  }

  /** Adds `bytes` at the end and returns where they start. */
  append(bytes: Buffer): number {
    const at = this.size;
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= WRITE_BATCH_BYTES) this.flush();
    return at;
  }

  /** Reads `length` bytes at `at` into the start of `into`; fewer at the end of the file. */
  read(into: Buffer, length: number, at: number): number {
    if (at + length > this.written) this.flush();
    let done = 0;
    while (done < length) {
      const got = readSync(this.descriptor, into, done, length - done, at + done);
      if (got === 0) break;
      done += got;
    }
    return done;
  }

  /** Gives the disk space back once everything appended has been read: appending starts again at 0. */
  empty(): void {
    this.pending = [];
    this.pendingBytes = 0;
    this.written = 0;
    ftruncateSync(this.descriptor, 0);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private flush(): void {
    if (!this.pendingBytes) return;
    const batch = Buffer.concat(this.pending, this.pendingBytes);
    let done = 0;
    while (done < batch.length) done += writeSync(this.descriptor, batch, done, batch.length - done, this.written + done);
    this.written += batch.length;
    this.pending = [];
    this.pendingBytes = 0;
  }

  private get descriptor(): number {
    if (this.fd === undefined) throw new Error('scratch file already closed');
    return this.fd;
  }
}
