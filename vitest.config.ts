import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Network tests only ever talk to servers the tests start on 127.0.0.1.
    // A deadline for a test that hangs, not a speed check (those are in npm run bench): generous, since a
    // test that spawns the CLI twice (demo --history) took over 30 s with other work loading both cores.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default', './test/helpers/summary-reporter.ts'],
  },
});
