import { describe, expect, it } from 'vitest';
import { detectLang } from '../../src/i18n/index.js';

describe('the language a person gets without --lang', () => {
  it('follows LC_ALL, LC_MESSAGES, then LANG', () => {
    expect(detectLang({ LANG: 'zh_CN.UTF-8' }, 'en-US', 'linux')).toBe('zh-CN');
    expect(detectLang({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' }, 'zh-CN', 'linux')).toBe('en');
    expect(detectLang({ LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' }, 'en-US', 'linux')).toBe('zh-CN');
  });

  it('is English only where the environment names another language than Chinese', () => {
    expect(detectLang({ LANG: 'en_US.UTF-8' }, 'en-US', 'linux')).toBe('en');
    expect(detectLang({ LANG: 'en_GB' }, 'en-US', 'darwin')).toBe('en');
    expect(detectLang({ LANG: 'fr_FR.UTF-8' }, 'en-US', 'linux')).toBe('en');
  });

  it('is Chinese where nothing names a language, as on a server or in a container (C, POSIX, C.UTF-8, unset)', () => {
    for (const LANG of ['C.UTF-8', 'C', 'POSIX', 'C.utf8', '', undefined]) expect(detectLang({ LANG }, 'en-US', 'linux'), String(LANG)).toBe('zh-CN');
    expect(detectLang({}, 'en-US', 'darwin')).toBe('zh-CN');
    // A C of LC_ALL (a script's) passes over to the LANG that names a language.
    expect(detectLang({ LC_ALL: 'C', LANG: 'en_US.UTF-8' }, 'zh-CN', 'linux')).toBe('en');
    expect(detectLang({ LC_ALL: 'C.UTF-8', LANG: 'zh_CN.UTF-8' }, 'en-US', 'linux')).toBe('zh-CN');
  });

  it('follows the system locale on Windows, where no variable is set', () => {
    expect(detectLang({}, 'zh-CN', 'win32')).toBe('zh-CN');
    expect(detectLang({}, 'zh-Hans-CN', 'win32')).toBe('zh-CN');
    expect(detectLang({}, 'en-GB', 'win32')).toBe('en');
  });
});
