import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from './helpers/cli.js';

interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { needs?: string; strategy?: { matrix: { shard: number[] } }; steps: { name: string; run?: string; uses?: string }[] }>;
}

describe('the CI recipe', () => {
  it('is valid workflow YAML with the steps docs/ci.md names', async () => {
    const workflow = parse(await readFile(`${ROOT}examples/github-actions.yml`, 'utf8')) as Workflow;
    const doc = await readFile(`${ROOT}docs/ci.md`, 'utf8');
    expect(workflow.on).toHaveProperty('schedule');
    expect(workflow.jobs.scan!.strategy!.matrix.shard).toEqual([1, 2, 3]);
    expect(workflow.jobs.report!.needs).toBe('scan');
    const steps = [...workflow.jobs.scan!.steps, ...workflow.jobs.report!.steps];
    for (const step of steps) expect(doc, step.name).toContain(`**${step.name}**`);
    const runs = steps.map((s) => s.run ?? '').join('\n');
    expect(runs).toContain('--shard ${{ matrix.shard }}/3');
    expect(runs).toContain('merge shards/shard-*.json');
    expect(runs).toContain('$GITHUB_STEP_SUMMARY');
    expect(runs).toContain('--fail-on inactive');
  });
});
