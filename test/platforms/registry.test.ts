import { describe, expect, it } from 'vitest';
import { resolveAccount } from '../../src/accounts/normalise.js';
import { findPlatform, PLATFORMS } from '../../src/platforms/index.js';

describe.each(PLATFORMS.map((p) => [p.id, p] as const))('platform %s', (_id, platform) => {
  it('has its own cases, with at least one accepted and one refused cell where URLs exist', () => {
    expect(platform.examples.length).toBeGreaterThan(0);
    expect(platform.examples.some((e) => e.id !== null)).toBe(true);
    if (platform.urlForms.length) expect(platform.examples.some((e) => e.id === null)).toBe(true);
  });

  it.each(platform.examples.map((e) => [e.input, e] as const))('reads %s', (_input, example) => {
    const resolution = resolveAccount(platform.id, example.input);
    if (example.id === null) {
      expect(resolution.kind).toBe('problem');
      return;
    }
    expect(resolution).toMatchObject({ kind: 'ok', id: example.id });
    if (resolution.kind === 'ok' && example.url !== undefined) expect(resolution.url).toBe(example.url);
  });

  it('infers itself from its own profile URLs when the platform cell is empty', () => {
    for (const example of platform.examples.filter((e) => e.id !== null && /^https?:/.test(e.input))) {
      expect(resolveAccount('', example.input)).toMatchObject({ kind: 'ok', platform: { id: platform.id } });
    }
  });

  it('declares the hosts it contacts, and they are the platform’s own', () => {
    for (const host of platform.hosts) expect(host).toMatch(/(bilibili\.com|b23\.tv|douyin\.com|kuaishou\.com|weibo\.com|weibo\.cn|xiaohongshu\.com|xhslink\.com|xhslink\.cn|toutiao\.com|ixigua\.com|weixin\.qq\.com|weixin\.sogou\.com|youtube\.com)$/);
  });
});

describe('platform names', () => {
  it.each([
    ['B站', 'bilibili'],
    ['b 站', 'bilibili'],
    ['哔哩哔哩', 'bilibili'],
    ['BiliBili', 'bilibili'],
    ['抖音', 'douyin'],
    ['快手', 'kuaishou'],
    ['微博', 'weibo'],
    ['小红书', 'xiaohongshu'],
    ['视频号', 'wechat-channels'],
    ['ＷＥＩＢＯ', 'weibo'],
  ])('%s is %s', (name, id) => {
    expect(findPlatform(name)?.id).toBe(id);
  });

  it('refuses an unknown platform name', () => {
    expect(findPlatform('tiktok')).toBeUndefined();
  });
});
