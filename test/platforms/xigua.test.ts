import { describe, expect, it } from 'vitest';
import type { Account } from '../../src/accounts/account.js';
import { classify } from '../../src/audit/classify.js';
import { DEFAULT_THRESHOLDS } from '../../src/audit/finding.js';
import { detectXiguaBlock, readXiguaPage as readXigua } from '../../src/platforms/xigua.js';
import { answer } from '../helpers/fixtures.js';

/*
 * No real capture of a Xigua page exists: these pages are reconstructed from
 * RSSHub's parser (shared/research/toutiao-wechat.md § 2), in both the shapes
 * it has read.
 */
const UID = '4100000001';
const readXiguaPage = (html: string) => readXigua(html, { subject: UID });
const account: Account = { key: `xigua:${UID}`, platform: 'xigua', id: UID, url: '', extra: {}, source: { file: 'l.csv', row: 2 }, order: 0 };
const NOW = new Date('2026-11-20T10:00:00+08:00');
const verdict = (html: string) => {
  const finding = classify(account, readXiguaPage(html), NOW, DEFAULT_THRESHOLDS, NOW);
  return finding.reason ? `${finding.status}/${finding.reason}` : finding.status;
};
const state = { AuthorDetailInfo: { name: '江城发布', introduce: '' }, AuthorVideoList: { videoList: [{ groupId: '7', publishTime: 1763431200, coverUrl: null }, { groupId: '8', publishTime: 1762740000 }] } };
const since2024 = `<html><script id="SSR_HYDRATED_DATA">var data = ${JSON.stringify(state).replace('null', 'undefined')};</script></html>`;
const before2024 = `<html><script>window._SSR_HYDRATED_DATA=${JSON.stringify(state)}</script></html>`;

describe('Xigua page state (reconstructed)', () => {
  it.each([
    ['a var data script (since October 2024)', since2024],
    ['window._SSR_HYDRATED_DATA (before)', before2024],
  ])('reads the name and the video dates from %s', (_shape, html) => {
    const observation = readXiguaPage(html);
    expect(observation).toMatchObject({ kind: 'found', profile: { name: '江城发布' } });
    if (observation.kind === 'found') expect(observation.posts.map((p) => p.at.getTime() / 1000)).toEqual([1763431200, 1762740000]);
  });

  it('never takes a page without videos for an account that never posted', () => {
    const empty = since2024.replace(/"videoList":\[.*\]\}/, '"videoList":[]}');
    expect(readXiguaPage(empty)).toMatchObject({ kind: 'found', posts: [], datesUnknown: { reason: 'no-dates' } });
    expect(verdict(empty)).toBe('unverified/no-dates');
  });

  it('gives the verdicts the dates prove, bound to the uid asked for: two days old is active, a year old silent', () => {
    expect(verdict(since2024.replace('1763431200', '1794967200'))).toBe('active');
    expect(verdict(since2024)).toBe('zombie/silent');
  });

  it('counts a video without a date, so that no silence is inferred past it', () => {
    const undatedFirst = since2024.replace('"publishTime":1763431200', '"publishTime":undefined');
    expect(readXiguaPage(undatedFirst)).toMatchObject({ kind: 'found', posts: [{ id: '8' }], proof: { list: { undated: 1 } } });
    expect(verdict(undatedFirst)).toBe('unverified/undated-post');
  });

  it('takes ByteDance’s script challenge for a block and a page without state for a changed layout, never a missing account', () => {
    expect(detectXiguaBlock(answer('<script>var __ac_nonce="0a1b";</script>'))).toMatchObject({ reason: 'blocked' });
    expect(detectXiguaBlock(answer(since2024))).toBeUndefined();
    expect(readXiguaPage('<html><div id="App"></div></html>')).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
  });
});
