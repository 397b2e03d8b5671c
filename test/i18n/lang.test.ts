import { describe, expect, it } from 'vitest';
import { detectLang } from '../../src/i18n/index.js';

describe('the language a person gets without --lang', () => {
  it('follows LC_ALL, LC_MESSAGES, then LANG', () => {
    expect(detectLang({ LANG: 'zh_CN.UTF-8' }, 'en-US')).toBe('zh-CN');
    expect(detectLang({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' }, 'zh-CN')).toBe('en');
  });

  it('follows the system locale where no variable is set, as on Windows', () => {
    expect(detectLang({}, 'zh-CN')).toBe('zh-CN');
    expect(detectLang({}, 'zh-Hans-CN')).toBe('zh-CN');
    expect(detectLang({}, 'en-GB')).toBe('en');
  });
});
