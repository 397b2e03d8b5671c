import { execFile } from 'node:child_process';
import { copyFile, cp, mkdir, mkdtemp, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startSimulator, type RunningSimulator } from '../src/simulator/server.js';
import { ROOT } from './helpers/cli.js';

interface Step {
  name: string;
  run?: string;
  uses?: string;
  with?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  env: Record<string, string>;
  jobs: Record<string, { needs?: string; strategy?: { matrix: { shard: number[] } }; steps: Step[] }>;
}

const BIN = join(ROOT, 'bin/gov-audit.js');
let workflow: Workflow;

beforeAll(async () => {
  workflow = parse(await readFile(join(ROOT, 'examples/github-actions.yml'), 'utf8')) as Workflow;
});

describe('the CI recipe', () => {
  it('is valid workflow YAML with the steps docs/ci.md names', async () => {
    const doc = await readFile(join(ROOT, 'docs/ci.md'), 'utf8');
    expect(workflow.on).toHaveProperty('schedule');
    expect(workflow.jobs.scan!.strategy!.matrix.shard).toEqual([1, 2, 3]);
    expect(workflow.jobs.scan!.needs).toBe('plan');
    expect(workflow.jobs.report!.needs).toBe('scan');
    const steps = [...workflow.jobs.plan!.steps, ...workflow.jobs.scan!.steps, ...workflow.jobs.report!.steps];
    for (const step of steps) expect(doc, step.name).toContain(`**${step.name}**`);
    const uses = steps.map((s) => s.uses ?? '');
    expect(uses).toContain('actions/cache/restore@v4');
    expect(uses.filter((u) => u === 'actions/cache/save@v4')).toHaveLength(1);
    const save = steps.find((s) => s.uses === 'actions/cache/save@v4')!;
    const restore = steps.find((s) => s.uses === 'actions/cache/restore@v4')!;
    expect(save.with!.key).toBe(restore.with!.key);
    expect(save.with!.key!.startsWith(restore.with!['restore-keys']!)).toBe(true);
  });
});

/**
 * Runs the gov-audit commands of the recipe's `run:` lines, in order, as the
 * jobs would: each job in a folder of its own, the cache and the artifacts
 * played by copying files, the platforms by the simulator (through a config
 * file, so that the commands run exactly as written).
 */
describe('the CI recipe, run against the simulator', () => {
  let simulator: RunningSimulator;
  let work: string;
  beforeAll(async () => {
    simulator = await startSimulator();
    work = await mkdtemp(join(tmpdir(), 'gov-audit-ci-'));
  });
  afterAll(() => simulator.close());

  const jobFolder = async (name: string) => {
    const dir = join(work, name);
    await mkdir(dir, { recursive: true });
    await copyFile(join(ROOT, 'fixtures/demo/accounts.csv'), join(dir, workflow.env.LIST!));
    const config = {
      connectTo: simulator.connectTo(),
      cookies: join(ROOT, 'fixtures/demo/cookies.txt'),
      rsshub: simulator.rsshub,
      rates: { '*': '0/1' },
      timeout: 1,
      retries: 1,
      // As the demo runs: Douyin blocks every script over HTTP, and the breaker would pause it for a minute.
      breaker: { threshold: 1000 },
    };
    await writeFile(join(dir, 'gov-audit.config.json'), JSON.stringify(config));
    return dir;
  };

  /** A job's `run:` line, with the expressions GitHub would have filled in. */
  const run = (step: Step, cwd: string, expressions: Record<string, string> = {}) =>
    new Promise<{ code: number; stderr: string }>((resolve) => {
      let command = step.run!.replaceAll('node .gov-audit/bin/gov-audit.js', `node ${BIN}`);
      for (const [expression, value] of Object.entries(expressions)) command = command.replaceAll(`\${{ ${expression} }}`, value);
      expect(command, 'an expression the test does not fill in').not.toContain('${{');
      const env = {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        LANG: 'en_US.UTF-8',
        LIST: workflow.env.LIST,
        HISTORY: workflow.env.HISTORY,
        GITHUB_STEP_SUMMARY: join(cwd, 'summary.md'),
        GITHUB_OUTPUT: join(cwd, 'output'),
      };
      execFile('bash', ['--noprofile', '--norc', '-c', command], { cwd, env }, (error, _stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stderr }));
    });

  const restore = async (cache: string, job: string) => {
    if (existsSync(cache)) await cp(cache, join(job, 'history'), { recursive: true });
  };

  /** One scheduled run: three shard jobs, then the report job. Returns the job summary. */
  async function scheduledRun(week: number): Promise<{ summary: string; failOn: number }> {
    const cache = join(work, 'cache');
    const steps = (job: string) => new Map(workflow.jobs[job]!.steps.map((s) => [s.name, s]));
    const scan = steps('scan');
    const report = steps('report');
    const planJob = await jobFolder(`week-${week}/plan`);
    expect((await run(workflow.jobs.plan!.steps[0]!, planJob)).code).toBe(0);
    const now = /^now=(.+)$/m.exec(await readFile(join(planJob, 'output'), 'utf8'))![1]!;
    const reportJob = await jobFolder(`week-${week}/report`);
    for (const shard of workflow.jobs.scan!.strategy!.matrix.shard) {
      const job = await jobFolder(`week-${week}/scan-${shard}`);
      expect((await run(scan.get('Check the list')!, job)).code).toBe(0);
      await restore(cache, job);
      // The shards start at different moments, as on three machines.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const scanned = await run(scan.get('Scan')!, job, { 'matrix.shard': String(shard), 'needs.plan.outputs.now': now });
      expect(scanned.code, scanned.stderr).toBe(0);
      // Upload, then download with merge-multiple: every shard's files in one folder.
      await cp(join(job, 'reports'), join(reportJob, 'shards'), { recursive: true });
    }
    await restore(cache, reportJob);
    const merged = await run(report.get('Merge')!, reportJob);
    expect(merged.code, merged.stderr).toBe(0);
    await cp(join(reportJob, 'history'), cache, { recursive: true });
    expect((await run(report.get('Write the job summary')!, reportJob)).code).toBe(0);
    const failOn = (await run(report.get('Fail on inactive or zombie accounts')!, reportJob)).code;
    expect((await readdir(join(reportJob, 'shards/evidence'))).filter((f) => f.endsWith('.warc.gz'))).toHaveLength(3);
    return { summary: await readFile(join(reportJob, 'summary.md'), 'utf8'), failOn };
  }

  it('fixes one audit instant, scans in shards, merges, keeps the history between runs, summarises the changes and fails on inactive accounts', async () => {
    const first = await scheduledRun(1);
    expect(first.failOn).toBe(2);
    expect(first.summary).toContain('# 政务账号巡检报告');
    expect(first.summary).toContain('这是历史库中的第一次检查');
    const second = await scheduledRun(2);
    // The second week compares with the first: the history came back through the cache.
    expect(second.summary).toMatch(/## 自 \d{4}-\d\d-\d\d \d\d:\d\d 以来的变化/);
    expect(Buffer.byteLength(second.summary)).toBeLessThan(1024 * 1024);
    const trend = await new Promise<string>((resolve) =>
      execFile(process.execPath, [BIN, 'trend', '--db', join(work, 'cache/gov-audit.sqlite'), '--format', 'json'], (_e, stdout) => resolve(stdout)),
    );
    expect(JSON.parse(trend).runs).toHaveLength(2);
    expect((await stat(join(work, 'cache/gov-audit.sqlite'))).size).toBeGreaterThan(0);
  }, 180_000);
});
