import { describe, expect, it } from 'vitest';
import { detectToutiaoBlock, parseToutiaoFeed, parseToutiaoProfile, readToutiaoPage } from '../../src/platforms/toutiao.js';
import { classify } from '../../src/audit/classify.js';
import { DEFAULT_THRESHOLDS } from '../../src/audit/finding.js';
import { answer, realJson, realText } from '../helpers/fixtures.js';
import { finding } from '../helpers/report.js';

const page = realText('toutiao', 'profile-page-ssr-2025.html');
/** The real capture's token: its `profileUserInfo.userId`. */
const TOKEN = 'CiyRLPHkUyTCD9FmHodOGQVcmZh5-NRKyfiTSF0XMms-tSja0FdhrUWRp-T-DBpJCjwAAAAAAAAAAAAAT8lExjCbDHcWTgszQQjqU0Ohh9qtuXbuEOe6CQdqJEZ7yIpoM-NJ93_Sty1iMpOe_FUQ9ZmDDhjDxYPqBCIBA9GPpzc=';
const OWN = `https://www.toutiao.com/api/pc/list/user/feed?category=profile_all&token=${encodeURIComponent(TOKEN)}&max_behot_time=0&aid=24`;
const received = (body: string, status = 200, url = OWN) => ({ url, method: 'GET', status, headers: {}, body });
/** Reconstructed (no real user-feed answer exists): RSSHub's field list, the real envelope. */
const feed = (items: object[]) => JSON.stringify({ message: 'success', data: items, has_more: false, next: { max_behot_time: 0 } });

describe('Toutiao parsers on the real answers', () => {
  it('reads the account from the real profile page: name, no totals, not banned', () => {
    expect(detectToutiaoBlock(answer(page))).toBeUndefined();
    expect(parseToutiaoProfile(page)).toEqual({
      kind: 'profile',
      profile: { name: 'Momo君', verification: { verified: false, kind: null, text: null, field: 'profileUserInfo.userVerified: false' } },
      userId: TOKEN,
    });
  });

  it('takes banStatus: true for a ban the platform states, and a page without the state for a changed page', () => {
    const banned = page.replace('%22banStatus%22%3Afalse', '%22banStatus%22%3Atrue');
    expect(parseToutiaoProfile(banned)).toMatchObject({ kind: 'missing', reason: 'banned' });
    expect(parseToutiaoProfile('<html><title>今日头条</title></html>')).toMatchObject({ kind: 'unknown', reason: 'layout-changed' });
  });

  it('does not read the real 2020 home feed as dated: its items carry a ranking time, not publish_time', () => {
    expect(parseToutiaoFeed(realJson('toutiao', 'pc-feed-homepage-2020.json'))).toBeUndefined();
  });

  it('takes the newest article for the latest, not the pinned one listed first', () => {
    const read = parseToutiaoFeed(JSON.parse(feed([{ publish_time: 1_600_000_000, is_stick: true, group_id: '1' }, { cell_type: 48 }, { publish_time: 1_700_000_000, group_id: '2' }])));
    expect(read).toMatchObject({ undated: 0, paging: 'end' });
    expect((read as { posts: unknown }).posts).toEqual([
      { id: '1', at: new Date(1_600_000_000_000), pinned: true },
      { id: '2', at: new Date(1_700_000_000_000), pinned: false },
    ]);
  });
});

describe('Toutiao through the browser: never a zombie from an empty or refused feed', () => {
  const now = new Date('2026-11-20T10:00:00+08:00');
  const account = { ...finding(TOKEN, 'active', null).account, key: `toutiao:${TOKEN}`, platform: 'toutiao' };
  const verdict = (captured: Parameters<typeof readToutiaoPage>[0]) => classify(account, readToutiaoPage(captured, TOKEN), now, DEFAULT_THRESHOLDS, now);

  it('dates the account from the feed the page received', () => {
    const result = verdict({ document: received(page), answers: { feed: received(feed([{ publish_time: now.getTime() / 1000 - 86_400 }])) } });
    expect(result).toMatchObject({ status: 'active', daysSinceLastPost: 1 });
  });

  it.each([
    ['an empty feed (what Toutiao gives a script)', { feed: received(feed([])) }, 'no-dates'],
    ['an empty body', { feed: received('') }, 'blocked'],
    ['a verification answer', { feed: received(JSON.stringify({ message: 'error', decision: 'verify' })) }, 'captcha'],
    ['no feed at all', {}, 'layout-changed'],
  ])('%s keeps the account unverified', (_, answers, reason) => {
    expect(verdict({ document: received(page, 200, `https://www.toutiao.com/c/user/token/${TOKEN}/`), answers })).toMatchObject({ status: 'unverified', reason });
  });

  it('proves a silence only from the account’s own list, read to its end', () => {
    const old = (hasMore?: boolean) => JSON.stringify({ message: 'success', data: [{ publish_time: now.getTime() / 1000 - 200 * 86_400, group_id: '1' }], ...(hasMore === undefined ? {} : { has_more: hasMore }) });
    expect(verdict({ document: received(page), answers: { feed: received(old(false)) } })).toMatchObject({ status: 'zombie', reason: 'silent' });
    expect(verdict({ document: received(page), answers: { feed: received(old(true)) } })).toMatchObject({ status: 'zombie', reason: 'silent' });
    // The recommendation feed on the same path: other accounts' list, whatever it holds.
    const recommended = received(old(false), 200, 'https://www.toutiao.com/api/pc/list/feed?channel_id=3189398999&category=pc_profile_recommend&aid=24');
    expect(verdict({ document: received(page), answers: { feed: recommended } })).toMatchObject({ status: 'unverified', reason: 'wrong-account' });
  });

  it('a captcha on the page wins over anything it received', () => {
    expect(verdict({ document: received(page), answers: { feed: received(feed([])) }, block: { reason: 'captcha', detail: 'x' } })).toMatchObject({ status: 'unverified', reason: 'captcha' });
  });
});
