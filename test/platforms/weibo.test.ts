import { describe, expect, it } from 'vitest';
import { isEmptyContentAnswer, parseJsonp, parsePostCards, parseProfileInfo, parseUserInfo, readWeiboAnswer } from '../../src/platforms/weibo.js';
import { answer, realJson } from '../helpers/fixtures.js';

describe('Weibo parsers on the real answers', () => {
  it('reads the getIndex user answer, counts included, and the uid it names', () => {
    expect(parseUserInfo(realJson('weibo', 'm-getindex-user-1669879400-2019.json'))).toMatchObject({
      profile: { name: 'Dear-迪丽热巴', followers: 63357736, postCount: 1008 },
      names: ['1669879400'],
    });
  });

  it('reads the post list, whose real dates are month-day only, in the audit year', () => {
    const { posts, names, paging, undated } = parsePostCards(realJson('weibo', 'm-getindex-cards-1076031669879400-2019.json'), new Date('2019-06-20T12:00:00+08:00'))!;
    expect(posts.length).toBe(10);
    expect(posts[0]!.at.toISOString()).toBe(new Date('2019-06-14T00:00:00+08:00').toISOString());
    // Every card names its author; the 2019 form pages by number (page 2 follows): more posts, not the end.
    expect(names).toEqual(['1669879400']);
    expect(paging).toBe('more');
    expect(undated).toBe(0);
  });

  it('recognises pinned posts by mblogtype 2 or a proweibotop card', () => {
    const cards = { ok: 1, data: { cards: [
      { profile_type_id: 'proweibotop_', mblog: { id: '1', created_at: '2021-01-01', mblogtype: 0 } },
      { mblog: { id: '2', created_at: 'Tue Feb 23 12:28:47 +0800 2021', mblogtype: 2 } },
      { card_group: [{ mblog: { id: '3', created_at: '3小时前' } }] },
    ] } };
    expect(parsePostCards(cards, new Date('2026-11-20T10:00:00+08:00'))!.posts.map((p) => [p.id, p.pinned])).toEqual([['1', true], ['2', true], ['3', false]]);
  });

  it('reads weibo.com/ajax/profile/info (2026): integers and the idstr', () => {
    expect(parseProfileInfo(realJson('weibo', 'ajax-profile-info-2026.json'))).toMatchObject({ uid: '1959830294', profile: { name: '汪有' } });
    expect(parseProfileInfo({ ok: 0, msg: '该用户不存在(20003)' })).toEqual({ missing: 'missing', detail: '该用户不存在(20003)' });
  });

  it('takes ok:0 这里还没有内容 for something to confirm, not for a verdict', () => {
    expect(isEmptyContentAnswer({ ok: 0, msg: '这里还没有内容', data: { cards: [] } })).toBe(true);
  });

  it.each([
    ['HTTP 432 with an empty body', answer('', 432), 'blocked'],
    ['HTTP 418', answer('', 418), 'blocked'],
    ['an empty 200 body', answer(''), 'blocked'],
    ['ok:-100 with a sign-in url', answer('{"ok":-100,"url":"https://passport.weibo.com/sso/signin"}'), 'login-required'],
    ['a top-level captcha url', answer('{"ok":0,"url":"https://passport.weibo.com/verify"}'), 'captcha'],
    ['a redirect to login.sina.com.cn', answer('', 302, { location: 'https://login.sina.com.cn/sso/login.php' }), 'login-required'],
  ])('reads %s as a block', (_what, response, reason) => {
    expect(readWeiboAnswer(response)).toMatchObject({ kind: 'blocked', observation: { reason } });
  });

  it('strips the passport’s JSONP wrapper', () => {
    expect(parseJsonp('window.gen_callback && gen_callback({"retcode":20000000,"data":{"tid":"a+b"}});')).toEqual({ retcode: 20000000, data: { tid: 'a+b' } });
  });
});
