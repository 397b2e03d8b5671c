import { describe, expect, it } from 'vitest';
import { historyUsageError } from '../../src/commands/history-db.js';
import { HistoryError } from '../../src/history/store.js';
import { UsageError } from '../../src/errors.js';

/** What Node says when an optional native module was never installed: a line, then the require stack. */
const NOT_INSTALLED = "Cannot find module 'better-sqlite3'\nRequire stack:\n- /usr/lib/node_modules/gov-audit/dist/history/store.js";

describe('a history database without its SQLite module (better-sqlite3 did not build)', () => {
  const said = (lang: 'zh-CN' | 'en') => historyUsageError(new HistoryError('unavailable', '巡检历史.sqlite', NOT_INSTALLED), lang) as UsageError;

  it('says so in one Chinese line, with what still works and where to read how to get it (exit 3)', () => {
    const error = said('zh-CN');
    expect(error).toBeInstanceOf(UsageError);
    expect(error.exitCode).toBe(3);
    expect(error.message).toContain('SQLite 模块（better-sqlite3）未能加载');
    expect(error.message).toContain('除 --db、history、trend 外一切照常');
    expect(error.message).toContain('docs/windows.zh-CN.md');
    // Node's English words and its require stack are for --debug.
    expect(error.message).not.toMatch(/Cannot find|Require stack|\n/);
    expect((error as UsageError & { cause?: unknown }).cause).toBeInstanceOf(HistoryError);
  });

  it('gives an English reader the first line of Node’s words, never the stack', () => {
    const error = said('en');
    expect(error.message).toContain("did not load (Cannot find module 'better-sqlite3')");
    expect(error.message).toContain('everything but --db, history and trend works without it');
    expect(error.message).not.toContain('Require stack');
  });
});
