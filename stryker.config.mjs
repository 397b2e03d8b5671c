// @ts-check
/**
 * Mutation testing of the code that decides verdicts (`npm run mutate`):
 * each mutant is a one-token change to one of these modules, and the tests
 * in vitest.mutate.config.ts must fail on it. docs/testing.md says what is
 * mutated, why, and the latest score.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts' },
  // Each mutant runs only the tests that reach the mutated code.
  coverageAnalysis: 'perTest',
  mutate: [
    // Classification, the proof rules a definite verdict needs, the change and silence rules.
    'src/audit/classify.ts',
    'src/audit/proof.ts',
    'src/audit/not-found-guard.ts',
    'src/audit/changes.ts',
    'src/audit/status.ts',
    // The journal and its records, which --resume reads back, and the result cache, which reuses them.
    'src/audit/journal.ts',
    'src/audit/record.ts',
    'src/audit/record-file.ts',
    'src/audit/cache.ts',
    // Each adapter's block detection and verdict paths, and the helpers they share.
    'src/platforms/bilibili.ts',
    'src/platforms/douyin.ts',
    'src/platforms/kuaishou.ts',
    'src/platforms/weibo.ts',
    'src/platforms/xiaohongshu.ts',
    'src/platforms/toutiao.ts',
    'src/platforms/xigua.ts',
    'src/platforms/wechat-mp.ts',
    'src/platforms/feed.ts',
    'src/platforms/common.ts',
    'src/platforms/counts.ts',
    'src/platforms/dates.ts',
    // Spreadsheet formula neutralisation (and long ids kept as text), not the rest of the CSV report.
    'src/report/csv.ts:11-22',
    'src/report/csv.ts:54-62',
  ],
  // A mutant that only rewords a message (a finding's detail) changes no verdict; reason codes are
  // typed and every verdict test compares them exactly.
  mutator: { excludedMutations: ['StringLiteral'] },
  // What is left out inside these files is marked in the code (// Stryker disable … with the reason).
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  ignoreStatic: true,
  concurrency: 2,
  timeoutMS: 20_000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 95, low: 90, break: null },
};
