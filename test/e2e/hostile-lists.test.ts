import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { killLeftovers, runCli } from '../helpers/cli.js';
import { loopingXls, repeatingOds, rawZip, warcInfo, warcRecord, warcResponse } from '../helpers/hostile-files.js';

/**
 * Issue #30, item 2, as a user meets it (the built CLI: run `npm run build`
 * first): a hostile list ends with exit 3 and one line naming the file and
 * the limit, in Chinese or English, never with the process out of memory;
 * GOV_AUDIT_MAX_CELLS raises the limit on cells for a list that really is that
 * large; `--replay` holds an archive's records to the live cap.
 */

afterAll(killLeftovers);

/** What a person sees: validate lists the problems on stdout, the summary on stderr. */
const output = (result: { stdout: string; stderr: string }) => `${result.stdout}${result.stderr}`;

async function fileOf(name: string, bytes: Buffer | string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gov-audit-hostile-cli-'));
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

describe('validate on a hostile list', () => {
  it('says in Chinese which file passed which limit, and exits 3', async () => {
    const ods = await fileOf('名单.ods', repeatingOds(1_048_575, 16_383));
    const result = await runCli(['validate', ods], { LANG: 'zh_CN.UTF-8' });
    expect(result.code).toBe(3);
    expect(output(result)).toContain(`${ods}：文件超出 gov-audit 的读取上限，已停止读取：工作表展开重复行列后超过 20,000,000 个单元格`);
    expect(output(result)).toContain('GOV_AUDIT_MAX_CELLS');
  });

  it('says it in English, for each kind of hostile file', async () => {
    const files = {
      ods: await fileOf('list.ods', repeatingOds(1_048_575, 16_383)),
      xls: await fileOf('list.xls', loopingXls('minifat')),
      zip: await fileOf('list.xlsx', rawZip([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(65_536, 'a') }], { overlapping: 199 })),
      csv: await fileOf('list.csv', `platform,account\nbilibili,${',a'.repeat(100_000)}\n`),
    };
    const result = await runCli(['validate', ...Object.values(files)]);
    expect(result.code).toBe(3);
    expect(output(result)).toContain(`${files.ods}: the file is over a limit gov-audit sets on what it reads, and reading stopped: a sheet holds more than 20,000,000 cells`);
    expect(output(result)).toContain(`${files.xls}: the file is over a limit gov-audit sets on what it reads, and reading stopped: a chain of sectors of the compound file (.xls) loops back on itself`);
    expect(output(result)).toContain(`${files.zip}: the file is over a limit gov-audit sets on what it reads, and reading stopped: entries of the zip overlap`);
    expect(output(result)).toContain(`${files.csv}: the file is over a limit gov-audit sets on what it reads, and reading stopped: a CSV record has more than 16,384 fields`);
  });

  it('reads a list within the limit on cells, and refuses it once GOV_AUDIT_MAX_CELLS sets the limit below it', async () => {
    const ods = await fileOf('list.ods', repeatingOds(300, 1));
    expect((await runCli(['validate', ods, '--quiet'])).code).toBe(0);
    const lowered = await runCli(['validate', ods], { GOV_AUDIT_MAX_CELLS: '100' });
    expect(lowered.code).toBe(3);
    expect(output(lowered)).toContain('more than 100 cells');
  });
});

describe('scan --replay of a hostile archive', () => {
  it('refuses a record encoded to expand past the live cap, exit 3, naming the archive', async () => {
    const url = 'https://api.bilibili.com/x/space/acc/info?mid=1';
    const request = warcRecord({ 'WARC-Type': 'request', 'WARC-Target-URI': url, 'WARC-Record-ID': '<urn:uuid:req-1>' }, Buffer.from('GET /x/space/acc/info?mid=1 HTTP/1.1\r\n\r\n'));
    const warc = await fileOf('scan.warc.gz', Buffer.concat([warcInfo(), request, warcResponse(url, gzipSync(Buffer.alloc(16 * 1024 * 1024, ' ')), 'gzip')]));
    const list = await fileOf('list.csv', 'platform,account\nbilibili,1\n');
    const result = await runCli(['scan', list, '--replay', warc]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`WARC archive ${warc}: a record decodes to more than 5 MB`);
  });
});
