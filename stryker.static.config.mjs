// @ts-check
/**
 * The second pass of npm run mutate (scripts/mutate.mjs): the static mutants the first pass
 * left alive, each run against every test so that it is switched on before the modules load.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
import { readFileSync } from 'node:fs';
import base from './stryker.config.mjs';

const { mutate } = JSON.parse(readFileSync(new URL('./reports/mutation/static.config.json', import.meta.url), 'utf8'));

export default {
  ...base,
  mutate,
  coverageAnalysis: 'off',
  ignoreStatic: false,
  incremental: false,
  reporters: ['progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/static.json' },
};
