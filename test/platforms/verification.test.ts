import { describe, expect, it } from 'vitest';
import { bilibiliVerification, parseCard } from '../../src/platforms/bilibili.js';
import { douyinVerification, parseProfileAnswer } from '../../src/platforms/douyin.js';
import { toutiaoVerification, parseToutiaoProfile } from '../../src/platforms/toutiao.js';
import { parseSogouAccounts } from '../../src/platforms/wechat-mp.js';
import { parseProfileInfo, parseUserInfo, weiboVerification } from '../../src/platforms/weibo.js';
import { answer, realJson, realText } from '../helpers/fixtures.js';

/*
 * Who the platform verified an account as, read by each platform's parser
 * from the real captures (fixtures/<platform>/real/). Cases beyond them are
 * reconstructed from the field notes and say so.
 */

/**
 * The app's user info for 央视新闻 (2020) as the vendor published it: its
 * `enterprise_user_info` holds a JSON string written without escapes, so
 * that one line is left out before parsing; the rest is the capture.
 */
function cctvNewsUser(): unknown {
  const text = realText('douyin', 'app-user-info-cctvnews-2020.json')
    .split('\n')
    .filter((line) => !line.includes('"enterprise_user_info"'))
    .join('\n');
  return (JSON.parse(text) as { data: { user: unknown } }).data.user;
}

describe('Douyin verification', () => {
  it('reads 央视新闻 (real 2020 app answer) as a 政务/media account, in its enterprise words', () => {
    expect(douyinVerification(cctvNewsUser())).toEqual({ verified: true, kind: 'government', text: '央视新闻官方抖音号', field: 'user.is_gov_media_vip: true' });
  });

  it('reads the real 2023 web profile, both texts empty and no 政务 flag, as not verified', () => {
    const read = parseProfileAnswer(realJson('douyin', 'web-user-profile-other-2023.json'));
    expect(read).toMatchObject({ kind: 'profile', profile: { verification: { verified: false, kind: null, text: null } } });
  });

  it('tells an organisation (blue V) from words of a kind Douyin does not state (reconstructed)', () => {
    expect(douyinVerification({ custom_verify: '', enterprise_verify_reason: '江城市公安局', is_gov_media_vip: false })).toMatchObject({ verified: true, kind: 'organisation', text: '江城市公安局' });
    expect(douyinVerification({ custom_verify: '美食博主', enterprise_verify_reason: '' })).toMatchObject({ verified: true, kind: 'unknown', text: '美食博主' });
  });

  it('reads nothing from an answer without the fields: absent, never "not verified"', () => {
    expect(douyinVerification({ nickname: '江城发布' })).toBeUndefined();
    expect(parseProfileAnswer({ status_code: 0, user: { nickname: '江城发布', sec_uid: 'MS4wLjABAAAAx' } })).toMatchObject({ kind: 'profile', profile: { name: '江城发布' } });
    expect((parseProfileAnswer({ status_code: 0, user: { nickname: '江城发布', sec_uid: 'MS4wLjABAAAAx' } }) as { profile: object }).profile).not.toHaveProperty('verification');
  });
});

describe('Weibo verification', () => {
  it('reads the real getIndex user (2019): a person verified with a trailing full-width space trimmed', () => {
    const read = parseUserInfo(realJson('weibo', 'm-getindex-user-1669879400-2019.json'));
    expect(read?.profile.verification).toEqual({ verified: true, kind: 'person', text: '嘉行传媒签约演员', field: 'verified_type 0, verified_reason' });
  });

  it('reads the real profile/info (2026): a person, in Weibo’s words', () => {
    const read = parseProfileInfo(realJson('weibo', 'ajax-profile-info-2026.json'));
    expect(read).toMatchObject({ profile: { verification: { verified: true, kind: 'person', text: '2025微博年度新知博主 科学科普博主' } } });
  });

  it('maps the documented verified_type of a body, and reads verified: false as not verified (reconstructed)', () => {
    expect(weiboVerification({ verified: true, verified_type: 1, verified_reason: '江城市公安局官方微博' })).toMatchObject({ kind: 'government', text: '江城市公安局官方微博' });
    expect(weiboVerification({ verified: true, verified_type: 3, verified_reason: '江城日报官方微博' })).toMatchObject({ kind: 'media' });
    expect(weiboVerification({ verified: true, verified_type: 7 })).toMatchObject({ kind: 'organisation', text: null });
    expect(weiboVerification({ verified: true, verified_type: 400 })).toMatchObject({ kind: 'unknown' });
    expect(weiboVerification({ verified: false, verified_type: -1, verified_reason: '' })).toMatchObject({ verified: false, kind: null });
    expect(weiboVerification({ screen_name: '江城发布' })).toBeUndefined();
  });
});

describe('Bilibili verification', () => {
  it('reads the real card of mid 2 (Official type 0) as a person’s verification', () => {
    const card = parseCard(answer(realText('bilibili', 'x-web-interface-card-mid2.json')), '2');
    expect(card).toMatchObject({ kind: 'found', profile: { verification: { verified: true, kind: 'person', text: 'bilibili创始人（站长）' } } });
  });

  it('reads the real logged-in nav’s Official (type -1) as not verified', () => {
    const nav = realJson('bilibili', 'x-web-interface-nav-logged-in.json') as { data: { official: unknown } };
    // The nav writes `official` in lower case; the card `Official`: the same object.
    expect(bilibiliVerification({ Official: nav.data.official })).toMatchObject({ verified: false, kind: null });
  });

  it('reads an organisation’s verification by its documented role (reconstructed)', () => {
    expect(bilibiliVerification({ Official: { role: 6, title: '江城市人民政府新闻办公室官方账号', desc: '', type: 1 } })).toMatchObject({ kind: 'government' });
    expect(bilibiliVerification({ Official: { role: 5, title: '江城日报', type: 1 } })).toMatchObject({ kind: 'media' });
    expect(bilibiliVerification({ Official: { role: 3, title: '江城文旅集团', type: 1 } })).toMatchObject({ kind: 'organisation' });
    expect(bilibiliVerification({ name: '碧诗' })).toBeUndefined();
  });
});

describe('Toutiao verification', () => {
  it('reads the real page’s userVerified: false as not verified, and true as verified of a kind not stated', () => {
    const page = parseToutiaoProfile(realText('toutiao', 'profile-page-ssr-2025.html'));
    expect(page).toMatchObject({ profile: { verification: { verified: false, field: 'profileUserInfo.userVerified: false' } } });
    expect(toutiaoVerification({ userVerified: true })).toEqual({ verified: true, kind: 'unknown', text: null, field: 'profileUserInfo.userVerified: true' });
    expect(toutiaoVerification({ name: 'Momo君' })).toBeUndefined();
  });
});

describe('WeChat Official Account verification (Sogou’s card)', () => {
  it('reads each real 2017 card’s 认证 subject', () => {
    const cards = parseSogouAccounts(realText('wechat-mp', 'sogou-account-search-type1-2017.html'))!;
    expect(cards.map((card) => card.verification?.text)).toEqual(['《山东商报》社', '北京云天共业教育科技有限公司']);
    expect(cards[0]!.verification).toMatchObject({ verified: true, kind: 'unknown' });
  });

  it('reads nothing from a card without a 认证 line (reconstructed: the real cards all have one)', () => {
    const page = realText('wechat-mp', 'sogou-account-search-type1-2017.html').replace(/<dl>\s*<dt>\s*<script>document\.write\(authname\('2'\)\)<\/script>认证：[\s\S]*?<\/dl>/g, '');
    expect(parseSogouAccounts(page)!.map((card) => card.verification)).toEqual([undefined, undefined]);
  });
});
