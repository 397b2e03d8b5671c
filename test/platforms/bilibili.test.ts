import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '../../src/fetch/http.js';
import { mixinKey, parseCard, parseVideoList, parseWbiKeys, signQuery, videoListUrl } from '../../src/platforms/bilibili.js';
import { FIXTURES_DIR } from '../../src/paths.js';

const real = (name: string) => readFileSync(join(FIXTURES_DIR, 'bilibili', 'real', name), 'utf8');
const answer = (body: string, status = 200): HttpResponse => ({ url: 'https://api.bilibili.com/x', status, headers: {}, body });

// The published example of the WBI documentation (bilibili-API-collect, docs/misc/sign/wbi.md).
const DOC_KEYS = { imgKey: '7cd084941338484aae1ad9425b84077c', subKey: '4932caff0ff746eab6f01bf08b70ac45' };

describe('WBI signing', () => {
  it('mixes the documented keys into the documented mixin key', () => {
    expect(mixinKey(DOC_KEYS)).toBe('ea1db124af3c7062474693fa704f4ff8');
  });

  it('signs the documented example exactly', () => {
    expect(signQuery({ foo: '114', bar: '514', zab: 1919810 }, DOC_KEYS, 1702204169)).toBe(
      'bar=514&foo=114&wts=1702204169&zab=1919810&w_rid=8f6f2b5b3d485fe1886cec6a0be8c5d4',
    );
  });

  it("strips !'()* from values and percent-encodes the rest", () => {
    expect(signQuery({ keyword: "one (one) four!'*" }, DOC_KEYS, 1)).toMatch(/^keyword=one%20one%20four&wts=1&w_rid=[0-9a-f]{32}$/);
    expect(signQuery({ bar: '五一四' }, DOC_KEYS, 1)).toMatch(/^bar=%E4%BA%94%E4%B8%80%E5%9B%9B&wts=1&w_rid=/);
  });

  it('reads the keys from the real logged-out nav answer, trailing comma and all', () => {
    expect(parseWbiKeys(real('x-web-interface-nav-logged-out.json'))).toEqual({
      imgKey: '653657f524a547ac981ded72ea172057',
      subKey: '6e4909c702f846728e64f6007736a338',
    });
    expect(parseWbiKeys(real('x-web-interface-nav-logged-in.json'))).toBeDefined();
  });

  it('builds a signed video-list URL with the fingerprint parameters', () => {
    const url = new URL(videoListUrl('2', DOC_KEYS, new Date('2026-11-20T02:00:00Z')));
    expect(url.host).toBe('api.bilibili.com');
    expect(url.pathname).toBe('/x/space/wbi/arc/search');
    expect(url.searchParams.get('mid')).toBe('2');
    expect(url.searchParams.get('order')).toBe('pubdate');
    expect(url.searchParams.get('wts')).toBe('1795140000');
    expect(url.searchParams.get('dm_img_list')).toBe('[]');
    expect(url.searchParams.get('w_rid')).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('the card (existence, name, followers, videos)', () => {
  it('reads the real answer for mid 2, and the mid it names', () => {
    expect(parseCard(answer(real('x-web-interface-card-mid2.json')), '2')).toEqual({
      kind: 'found',
      profile: {
        name: '碧诗',
        followers: 969999,
        postCount: 37,
        // The site's founder: a person's verification (Official.type 0), in Bilibili's words.
        verification: { verified: true, kind: 'person', text: 'bilibili创始人（站长）', field: 'data.card.Official (type 0, role 2)' },
      },
      names: ['2'],
    });
  });

  it('reads -404 in a 200 answer as a structured not-found, and reports the status of one in a 404', () => {
    expect(parseCard(answer('{"code":-404,"message":"啥都木有","ttl":1}'))).toMatchObject({
      kind: 'missing',
      reason: 'missing',
      statement: { httpStatus: 200, structured: true, field: 'code -404', bound: true },
      source: 'platform',
    });
    expect(parseCard(answer('{"code":-404,"message":"啥都木有","ttl":1}', 404))).toMatchObject({ kind: 'missing', statement: { httpStatus: 404 } });
  });

  it('reads spacesta -2 as banned', () => {
    const body = JSON.parse(real('x-web-interface-card-mid2.json'));
    body.data.card.spacesta = -2;
    expect(parseCard(answer(JSON.stringify(body)))).toMatchObject({ kind: 'missing', reason: 'banned' });
  });

  it.each([
    ['HTTP 412', answer('<html>412</html>', 412), 'blocked'],
    ['an empty 200 body', answer(''), 'blocked'],
    ['the real -352 answer', answer(real('code-352-v_voucher.json')), 'blocked'],
    ['-401', answer('{"code":-401,"message":"非法访问"}'), 'captcha'],
    ['-799', answer('{"code":-799,"message":"请求过于频繁，请稍后再试"}'), 'rate-limited'],
    ['-509 followed by a second JSON body', answer('{"code":-509,"message":"请求过于频繁，请稍后再试","ttl":1}{"code":0,"data":{}}'), 'rate-limited'],
    ['HTTP 429', answer('', 429), 'rate-limited'],
    ['an HTML page', answer('<!doctype html><title>bilibili</title>'), 'layout-changed'],
    ['JSON without data.card', answer('{"code":0,"data":{"profile":{}}}'), 'layout-changed'],
  ])('never takes %s for a verdict', (_what, response, reason) => {
    expect(parseCard(response)).toMatchObject({ kind: 'unknown', reason });
  });
});

describe('the video list (dates)', () => {
  it('reads the real 2025 answer: dates in seconds, total count, the author, and more pages to come', () => {
    const result = parseVideoList(answer(real('x-space-wbi-arc-search-2025.json')));
    // page {pn 1, ps 42, count 786}: 42 of 786, so more follow.
    expect(result).toMatchObject({ kind: 'list', total: 786, paging: 'more', undated: 0, names: ['946974'] });
    if (result.kind !== 'list') return;
    expect(result.posts.map((p) => [p.id, p.at.toISOString()])).toEqual([
      ['BV1ac5yzhE94', '2025-04-22T03:00:00.000Z'],
      ['BV1WB5ezxEnz', new Date(1744865737 * 1000).toISOString()],
    ]);
  });

  it('reads the real 2020 answer', () => {
    const result = parseVideoList(answer(real('x-space-arc-search-mid53456.json')));
    expect(result).toMatchObject({ kind: 'list', total: 176, paging: 'more', names: ['53456'] });
    if (result.kind === 'list') expect(result.posts[0]!.at.toISOString()).toBe(new Date(1605844817 * 1000).toISOString());
  });

  it.each([
    ['a v_voucher', '{"code":0,"message":"0","data":{"v_voucher":"voucher_x"}}', 'blocked'],
    ['is_risk', '{"code":0,"data":{"is_risk":true,"gaia_res_type":1,"list":{"vlist":[]}}}', 'blocked'],
    ['-101', '{"code":-101,"message":"账号未登录"}', 'login-required'],
    ['a list without vlist', '{"code":0,"data":{"page":{"count":3}}}', 'layout-changed'],
  ])('reports %s as unverified', (_what, body, reason) => {
    expect(parseVideoList(answer(body))).toMatchObject({ kind: 'unknown', reason });
  });

  it('counts a video without a time as undated, never drops it', () => {
    expect(parseVideoList(answer('{"code":0,"data":{"list":{"vlist":[{"bvid":"BV1"}]},"page":{"count":1,"pn":1,"ps":30}}}'))).toMatchObject({ kind: 'list', posts: [], undated: 1, paging: 'end' });
  });
});
