import { ScratchFile } from './scratch-file.js';

/**
 * A first-in, first-out queue of plain data that holds up to `holdUpTo`
 * items in memory and the rest, in order, as JSON lines in a scratch file.
 * A list is read far faster than its accounts can be checked politely: a
 * million rows would otherwise all wait in memory for their turn.
 */
export class SpillingQueue<T> {
  private memory: (T | undefined)[] = [];
  private head = 0;
  private file: ScratchFile | undefined;
  private onDisk = 0;
  private readFrom = 0;
  private chunk = Buffer.allocUnsafe(0);

  constructor(
    private readonly holdUpTo: number,
    private readonly purpose = 'queue',
  ) {}

  get length(): number {
    return this.memory.length - this.head + this.onDisk;
  }

  push(item: T): void {
    // Once anything waits on disk, later items follow it there: the order is kept.
    if (this.onDisk === 0 && this.memory.length - this.head < this.holdUpTo) {
      this.memory.push(item);
      return;
    }
    this.file ??= new ScratchFile(this.purpose);
    this.file.append(Buffer.from(`${JSON.stringify(item)}\n`));
    this.onDisk++;
  }

  shift(): T | undefined {
    if (this.head >= this.memory.length && this.onDisk > 0) this.refill();
    if (this.head >= this.memory.length) return undefined;
    const item = this.memory[this.head];
    this.memory[this.head++] = undefined;
    return item;
  }

  close(): void {
    this.file?.close();
    this.file = undefined;
  }

  /** Brings the next items back from the file, up to `holdUpTo` of them. */
  private refill(): void {
    this.memory = [];
    this.head = 0;
    while (this.memory.length < this.holdUpTo && this.onDisk > 0) {
      const lines = this.readLines();
      for (const line of lines) this.memory.push(JSON.parse(line) as T);
      this.onDisk -= lines.length;
    }
    if (this.onDisk === 0) {
      // Everything written has been read: the file starts again from nothing.
      this.file!.empty();
      this.readFrom = 0;
    }
  }

  /** The whole lines from where reading stopped, at least one. */
  private readLines(): string[] {
    for (let size = Math.max(this.chunk.length, 64 * 1024); ; size *= 2) {
      if (this.chunk.length < size) this.chunk = Buffer.allocUnsafe(size);
      const wanted = Math.min(size, this.file!.size - this.readFrom);
      const got = this.file!.read(this.chunk, wanted, this.readFrom);
      const end = got > 0 ? this.chunk.lastIndexOf(0x0a, got - 1) : -1;
      if (end < 0 && got < size) throw new Error('the queue file ended inside a line');
      // A line longer than the chunk: read again with a larger one.
      if (end < 0) continue;
      this.readFrom += end + 1;
      return this.chunk.toString('utf8', 0, end).split('\n');
    }
  }
}
