import { execFile } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { startSimulator, type RunningSimulator } from '../src/simulator/server.js';
import { ROOT } from './helpers/cli.js';

/*
 * The Kubernetes recipe (examples/kubernetes, docs/kubernetes.md): its
 * manifests are parsed, and the shell each container runs is run here as the
 * pods would run it, the completion index set as Kubernetes sets it, the
 * volume and the ConfigMap played by folders, the platforms by the simulator.
 */

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { configMapKeyRef?: { name: string; key: string } };
}
interface Container {
  name: string;
  image: string;
  env: EnvVar[];
  command: string[];
  volumeMounts: { name: string; mountPath: string }[];
}
interface Job {
  kind: 'Job';
  metadata: { name: string };
  spec: {
    completionMode?: string;
    completions: number;
    parallelism?: number;
    podFailurePolicy?: { rules: { action: string; onExitCodes?: { values: number[] } }[] };
    template: { spec: { containers: Container[]; volumes: { name: string; persistentVolumeClaim?: { claimName: string }; configMap?: { name: string } }[] } };
  };
}
interface ConfigMap {
  kind: 'ConfigMap';
  metadata: { name: string };
  data: Record<string, string>;
}

const DIR = join(ROOT, 'examples/kubernetes');
const BIN = join(ROOT, 'bin/gov-audit.js');
const NOW = '2026-11-20T10:00:00+08:00';
const RUN = '20261120T020000Z';

async function manifests(file: string): Promise<(Job | ConfigMap | { kind: string })[]> {
  return parseAllDocuments(await readFile(join(DIR, file), 'utf8')).map((doc) => doc.toJS());
}
let scanJob: Job;
let mergeJob: Job;
let config: ConfigMap;
beforeAll(async () => {
  scanJob = (await manifests('scan-job.yaml'))[0] as Job;
  mergeJob = (await manifests('merge-job.yaml'))[0] as Job;
  config = (await manifests('config.yaml')).find((m) => m.kind === 'ConfigMap') as ConfigMap;
});

describe('the Kubernetes recipe', () => {
  it('is an Indexed Job of n shards that share one instant and one volume, and a merge Job', async () => {
    const scan = scanJob.spec.template.spec.containers[0]!;
    expect(scanJob.spec.completionMode).toBe('Indexed');
    const shards = Number(scan.env.find((e) => e.name === 'SHARDS')!.value);
    expect(scanJob.spec.completions).toBe(shards);
    expect(scanJob.spec.parallelism).toBe(shards);
    // The instant and the run's folder come from one ConfigMap, written once per audit.
    for (const container of [scan, mergeJob.spec.template.spec.containers[0]!]) {
      expect(container.env.find((e) => e.name === 'RUN')!.valueFrom!.configMapKeyRef).toEqual({ name: 'gov-audit-run', key: 'run' });
    }
    expect(scan.env.find((e) => e.name === 'NOW')!.valueFrom!.configMapKeyRef).toEqual({ name: 'gov-audit-run', key: 'now' });
    for (const job of [scanJob, mergeJob]) expect(job.spec.template.spec.volumes.find((v) => v.name === 'data')!.persistentVolumeClaim!.claimName).toBe('gov-audit-data');
    // A bad list fails the audit at once; the merge is never repeated once it has written the history.
    expect(scanJob.spec.podFailurePolicy!.rules.find((r) => r.action === 'FailJob')!.onExitCodes!.values).toEqual([3]);
    expect(mergeJob.spec.podFailurePolicy!.rules.find((r) => r.action === 'FailJob')!.onExitCodes!.values).toEqual([3, 4]);
    const doc = await readFile(join(ROOT, 'docs/kubernetes.md'), 'utf8');
    for (const file of await readdir(DIR)) expect(doc, file).toContain(file);
    expect(await readFile(join(DIR, 'run.sh'), 'utf8')).toContain('kubectl apply -f scan-job.yaml');
  });
});

describe('the Kubernetes recipe, run against the simulator', () => {
  let simulator: RunningSimulator;
  let work: string;
  beforeAll(async () => {
    simulator = await startSimulator();
    work = await mkdtemp(join(tmpdir(), 'gov-audit-k8s-'));
  });
  afterAll(() => simulator.close());

  /** The volume, the ConfigMap's files and a `gov-audit` on the PATH, as the image has it. */
  async function cluster(name: string, shim?: string): Promise<{ data: string; configDir: string; bin: string }> {
    const root = join(work, name);
    const data = join(root, 'data');
    const configDir = join(root, 'config');
    const bin = join(root, 'bin');
    for (const dir of [data, configDir, bin]) await mkdir(dir, { recursive: true });
    await copyFile(join(ROOT, 'fixtures/demo/accounts.csv'), join(data, 'accounts.csv'));
    // The ConfigMap's settings, plus what points the platforms at the simulator.
    const settings = {
      ...JSON.parse(config.data['gov-audit.config.json']!),
      connectTo: simulator.connectTo(),
      cookies: join(ROOT, 'fixtures/demo/cookies.txt'),
      rsshub: simulator.rsshub,
      rates: { '*': '0/1' },
      timeout: 1,
      retries: 1,
      breaker: { threshold: 1000 },
    };
    await writeFile(join(configDir, 'gov-audit.config.json'), JSON.stringify(settings));
    await writeFile(join(configDir, 'proxies'), config.data.proxies!);
    await writeFile(join(bin, 'gov-audit'), shim ?? `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    await chmod(join(bin, 'gov-audit'), 0o755);
    return { data, configDir, bin };
  }

  /** A container's command, with its env as the pod would have it and the paths of this test. */
  function runContainer(job: Job, place: { data: string; configDir: string; bin: string }, extra: Record<string, string>): Promise<{ code: number; stderr: string }> {
    const container = job.spec.template.spec.containers[0]!;
    const fromConfigMap: Record<string, string> = { now: NOW, run: RUN };
    const env: Record<string, string> = { PATH: `${place.bin}:${process.env.PATH}`, HOME: process.env.HOME ?? '/tmp', LANG: 'en_US.UTF-8' };
    for (const variable of container.env) env[variable.name] = variable.value ?? fromConfigMap[variable.valueFrom!.configMapKeyRef!.key]!;
    Object.assign(env, { DATA: place.data, CONFIG_DIR: place.configDir }, extra);
    const [program, ...args] = container.command;
    return new Promise((resolve) => {
      execFile(program!, args, { env }, (error, _stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stderr }));
    });
  }

  it('scans every shard at once, merges them into the reports and keeps the history', async () => {
    const place = await cluster('audit');
    const shards = scanJob.spec.completions;
    const scans = await Promise.all(
      Array.from({ length: shards }, async (_, index) => {
        const scratch = join(work, 'audit', `work-${index}`);
        await mkdir(scratch, { recursive: true });
        return runContainer(scanJob, place, { JOB_COMPLETION_INDEX: String(index), WORK: scratch });
      }),
    );
    for (const scanned of scans) expect(scanned.code, scanned.stderr).toBe(0);
    const merged = await runContainer(mergeJob, place, {});
    expect(merged.code, merged.stderr).toBe(0);
    const out = join(place.data, 'runs', RUN);
    const report = JSON.parse(await readFile(join(out, 'audit/audit.json'), 'utf8'));
    expect(report.summary.total).toBe(103);
    expect(report.now).toBe(NOW);
    for (const format of ['xlsx', 'csv', 'html', 'md']) expect(existsSync(join(out, 'audit', `audit.${format}`)), format).toBe(true);
    expect((await readdir(join(out, 'evidence'))).filter((f) => f.endsWith('.warc.gz'))).toHaveLength(shards);
    expect(existsSync(join(place.data, 'history/gov-audit.sqlite'))).toBe(true);
    // The merge fails the Job (exit 4) when too many accounts could not be checked; the reports are still written.
    const strict = await runContainer(mergeJob, place, { MAX_UNVERIFIED: '10', RUN });
    expect(strict.code).toBe(4);
  }, 120_000);

  it('sends each shard through its own proxy, and resumes a shard whose pod was started again', async () => {
    const calls = join(work, 'calls.log');
    const shim = `#!/bin/sh\necho "$JOB_COMPLETION_INDEX proxy=\${HTTPS_PROXY:-none} $*" >> "${calls}"\n`;
    const place = await cluster('proxies', shim);
    await writeFile(join(place.configDir, 'proxies'), 'http://10.0.0.1:3128\n\nhttp://10.0.0.3:3128\n');
    const scratch = join(work, 'proxies', 'work');
    await mkdir(scratch, { recursive: true });
    for (const index of [0, 1, 2]) expect((await runContainer(scanJob, place, { JOB_COMPLETION_INDEX: String(index), WORK: scratch })).code).toBe(0);
    // Shard 1's pod is started again after its journal was begun.
    await writeFile(join(place.data, 'runs', RUN, 'shards', 'shard-1.journal.ndjson'), '');
    await runContainer(scanJob, place, { JOB_COMPLETION_INDEX: '0', WORK: scratch });
    const lines = (await readFile(calls, 'utf8')).trim().split('\n');
    expect(lines[0]).toMatch(/^0 proxy=http:\/\/10\.0\.0\.1:3128 scan .* --shard 1\/3 --now 2026-11-20T10:00:00\+08:00 .*--journal \S+shard-1\.journal\.ndjson/);
    expect(lines[1]).toMatch(/^1 proxy=none scan .* --shard 2\/3 /);
    expect(lines[2]).toMatch(/^2 proxy=http:\/\/10\.0\.0\.3:3128 scan .* --shard 3\/3 /);
    expect(lines[3]).toMatch(/--resume \S+shard-1\.journal\.ndjson/);
  });
});
