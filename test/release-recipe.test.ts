import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './helpers/cli.js';

interface Step {
  name: string;
  run?: string;
  uses?: string;
  with?: Record<string, string | number | boolean>;
}
interface Workflow {
  on: { push?: { tags?: string[] } };
  permissions: Record<string, string>;
  jobs: Record<string, { container?: string; steps: Step[] }>;
}

let workflow: Workflow;
let steps: Step[];
let pkg: { name: string; version: string; bin: Record<string, string>; files: string[] };

beforeAll(async () => {
  workflow = parse(await readFile(join(ROOT, '.github/workflows/release.yml'), 'utf8')) as Workflow;
  steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
  pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
});

/** Where a step is in the job, by what it runs or uses. */
const indexOf = (what: (step: Step) => boolean) => steps.findIndex(what);

describe('the release workflow', () => {
  it('runs on a version tag and may write the release', () => {
    expect(workflow.on.push?.tags).toEqual(['v*']);
    expect(workflow.permissions.contents).toBe('write');
  });

  it('checks out, tests exactly as CI does (.ci/run) in Debian with Node 20, packs, then attaches the tarball: in that order', async () => {
    const checkout = indexOf((s) => s.uses === 'actions/checkout@v4');
    const test = indexOf((s) => s.run === 'bash .ci/run');
    const pack = indexOf((s) => s.run === 'npm pack');
    const attach = indexOf((s) => s.uses === 'softprops/action-gh-release@v2');
    expect([checkout, test, pack, attach].every((i) => i >= 0)).toBe(true);
    expect([checkout, test, pack, attach]).toEqual([...[checkout, test, pack, attach]].sort((a, b) => a - b));
    // Debian, as root: .ci/run installs Chromium and LibreOffice with apt-get.
    expect(Object.values(workflow.jobs)[0]!.container).toMatch(/^node:20-(?:bookworm|trixie)/);
    // .ci/run installs from the lockfile and runs the README's test command.
    const recipe = await readFile(join(ROOT, '.ci/run'), 'utf8');
    expect(recipe).toMatch(/^npm ci$/m);
    expect(recipe).toMatch(/^npm test$/m);
    for (const step of steps) expect(step.name, JSON.stringify(step)).toBeTruthy();
  });

  it('attaches the very file npm pack writes, and refuses a tag that is not the package’s version', () => {
    const files = String(steps.find((s) => s.uses === 'softprops/action-gh-release@v2')!.with!.files);
    const written = `${pkg.name}-${pkg.version}.tgz`;
    const glob = new RegExp(`^${files.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    expect(written).toMatch(glob);
    const tagCheck = steps.find((s) => s.run?.includes('GITHUB_REF_NAME'));
    expect(tagCheck?.run).toContain('require(\'./package.json\').version');
    expect(indexOf((s) => s === tagCheck)).toBeLessThan(indexOf((s) => s.run === 'npm pack'));
  });
});

describe('the tarball npm pack makes', () => {
  it('holds what an installed gov-audit runs: its command, the built code, and the demo’s fixtures', { timeout: 120_000 }, async () => {
    // --ignore-scripts: the tarball's content only; the prepare script (the build) has run before the tests.
    const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
    const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
    const paths = new Set(packed!.files.map((f) => f.path));
    expect(packed!.filename).toBe(`${pkg.name}-${pkg.version}.tgz`);
    expect(pkg.bin['gov-audit']).toBe('bin/gov-audit.js');
    for (const needed of ['bin/gov-audit.js', 'dist/cli.js', 'fixtures/demo/accounts.csv', 'package.json', 'README.zh-CN.md']) expect(paths.has(needed), needed).toBe(true);
    // Never the sources, the tests or the CI's own files.
    expect([...paths].filter((p) => /^(?:src|test|\.github|node_modules)\//.test(p))).toEqual([]);
  });
});
