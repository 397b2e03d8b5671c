import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { SpillingQueue } from '../../src/audit/spilling-queue.js';

const row = (i: number) => ({ id: String(800_000_000 + i), name: `江城发布${i}`, extra: { 备注: i % 7 ? '' : `第${i}行\n换行, "引号"` } });
const ownTempFiles = () => readdirSync(tmpdir()).filter((name) => name.startsWith(`gov-audit-test-queue-${process.pid}-`));

function drain<T>(queue: SpillingQueue<T>): T[] {
  const out: T[] = [];
  for (let item = queue.shift(); item !== undefined; item = queue.shift()) out.push(item);
  return out;
}

describe('a queue that waits on disk past what it holds in memory', () => {
  it('gives every item back in the order it was pushed, across memory and disk', () => {
    const queue = new SpillingQueue<ReturnType<typeof row>>(10, 'test-queue');
    for (let i = 0; i < 1000; i++) queue.push(row(i));
    expect(queue.length).toBe(1000);
    expect(drain(queue)).toEqual(Array.from({ length: 1000 }, (_, i) => row(i)));
    expect(queue.length).toBe(0);
    queue.close();
  });

  it('keeps the order when items are pushed while others are taken', () => {
    const queue = new SpillingQueue<number>(3, 'test-queue');
    const taken: number[] = [];
    let next = 0;
    for (let round = 0; round < 200; round++) {
      for (let k = 0; k < (round % 5) + 1; k++) queue.push(next++);
      for (let k = 0; k < (round % 3) + 1; k++) {
        const item = queue.shift();
        if (item !== undefined) taken.push(item);
      }
    }
    taken.push(...drain(queue));
    expect(taken).toEqual(Array.from({ length: next }, (_, i) => i));
    queue.close();
  });

  it('reads back a line longer than its reading chunk', () => {
    const queue = new SpillingQueue<{ note: string }>(1, 'test-queue');
    const long = { note: '备注'.repeat(100_000) };
    queue.push({ note: 'first' });
    queue.push(long);
    queue.push({ note: 'last' });
    expect(drain(queue)).toEqual([{ note: 'first' }, long, { note: 'last' }]);
    queue.close();
  });

  it('leaves no file in the temporary folder', () => {
    const queue = new SpillingQueue<number>(1, 'test-queue');
    for (let i = 0; i < 100_000; i++) queue.push(i);
    expect(queue.shift()).toBe(0);
    expect(ownTempFiles()).toEqual([]);
    queue.close();
  });
});
