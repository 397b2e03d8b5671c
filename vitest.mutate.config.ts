import { defineConfig } from 'vitest/config';

/*
 * The tests `npm run mutate` runs against each mutant: those that run the
 * source in this process (a mutant in src/ is invisible to tests that spawn
 * the built CLI). Browser and LibreOffice tests stay with `npm test`.
 */
export default defineConfig({
  test: {
    include: ['test/platforms/**/*.test.ts', 'test/audit/**/*.test.ts', 'test/report/**/*.test.ts', 'test/verdicts/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
