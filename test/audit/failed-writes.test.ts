import { readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RankedFinding } from '../../src/audit/finding.js';
import { writeReport } from '../../src/commands/io.js';
import { UsageError } from '../../src/errors.js';
import { sampleReport } from '../helpers/report.js';

/**
 * Issue #30, item 4: a report whose writing fails midway (here the report
 * itself fails after its first rows, as a full disk or a lost network share
 * would part-way through) leaves nothing behind: the report already at that
 * name keeps its earlier content, and no `.partial` is left, for each format
 * written as a stream (the others are rendered whole before the file is made).
 */

const EARLIER = 'the report of the run before\n';

/**
 * The sample report, whose accounts fail once the report is being written:
 * when its `.partial` file exists in `dir` (reading them to render or count
 * before that works), as a full disk fails a write part-way through.
 */
function failingMidway(dir: string) {
  const report = sampleReport();
  const findings = report.accounts;
  const writing = () => readdirSync(dir).some((name) => name.endsWith('.partial'));
  const accounts = Object.assign(
    {
      *[Symbol.iterator](): Iterator<RankedFinding> {
        for (const finding of findings) {
          if (writing()) throw new Error('no space left on device (injected)');
          yield finding;
        }
      },
    },
    { length: findings.length },
  ) as unknown as RankedFinding[];
  return { ...report, accounts };
}

describe('a report that fails midway', () => {
  for (const [format, name] of [
    ['json', 'report.json'],
    ['csv', 'report.csv'],
    ['ndjson', 'report.ndjson'],
  ] as const) {
    it(`(${format}) leaves the earlier report as it was and no .partial`, async () => {
      const dir = join(await mkdtemp(join(tmpdir(), 'gov-audit-failed-write-')), 'out');
      await mkdir(dir);
      const path = join(dir, name);
      await writeFile(path, EARLIER);
      const error = await writeReport(failingMidway(dir), path, format, 'zh-CN').catch((e: unknown) => e);
      expect((error as Error).message).toContain('injected');
      expect(error).toBeInstanceOf(UsageError);
      expect((error as UsageError).exitCode).toBe(3);
      expect((error as Error).message).toContain(`无法写入 ${path}`);
      expect(await readFile(path, 'utf8')).toBe(EARLIER);
      expect(await readdir(dir)).toEqual([name]);
    });
  }
});
