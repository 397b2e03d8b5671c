// Realistic inputs for each adapter's parser: the real answers, and pages padded to the sizes
// the platforms serve (a Douyin profile page is 300 to 600 KB, mostly inline scripts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCard, parseVideoList } from '../dist/platforms/bilibili.js';
import { parsePostAnswer, parseProfileAnswer, parseRenderData } from '../dist/platforms/douyin.js';
import { parseKuaishouPage, parseVisionProfile } from '../dist/platforms/kuaishou.js';
import { parsePostCards, parseUserInfo } from '../dist/platforms/weibo.js';
import { parseXhsProfile } from '../dist/platforms/xiaohongshu.js';
import { parseFeed } from '../dist/platforms/feed.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const real = (platform, name) => readFileSync(join(FIXTURES, platform, 'real', name), 'utf8');
const answer = (body) => ({ url: 'https://x/', status: 200, headers: {}, body });
/** Inline scripts of the size a real page carries (bundled JavaScript, analytics). */
const scripts = (kib) => `<script>window.__BUNDLE__=${JSON.stringify('x'.repeat(kib * 1024))};</script>`;
const NOW = new Date('2026-11-20T10:00:00+08:00');

export function parsers() {
  const cards = real('weibo', 'm-getindex-cards-1076031669879400-2019.json');
  const douyinPosts = Array.from({ length: 18 }, (_, i) => ({ awemeId: String(7e17 + i), desc: '江城发布 视频'.repeat(30), createTime: 1793537043 - i * 86400, isTop: i < 3 ? 1 : 0, video: { playAddr: 'https://v.example/'.repeat(60) } }));
  const douyinState = { '41': { user: { user: { nickname: '江城发布', followerCount: 182340, awemeCount: 412 } }, post: { data: douyinPosts } } };
  const douyinPage = `<!DOCTYPE html><html><head><title>江城发布的抖音</title>${scripts(420)}</head><body><div id="root"></div><script id="RENDER_DATA" type="application/json">${encodeURIComponent(JSON.stringify(douyinState))}</script></body></html>`;
  const ks = JSON.parse(real('kuaishou', 'graphql-visionProfile-2022.json'));
  const ksList = JSON.parse(real('kuaishou', 'graphql-visionProfilePhotoList-2022.json'));
  const ksPage = `<html><head>${scripts(300)}</head><body><script>window.__APOLLO_STATE__=${JSON.stringify({ defaultClient: { profile: ks.data.visionProfile.userProfile, list: ksList.data.visionProfilePhotoList } })};</script></body></html>`;
  const xhsState = real('xiaohongshu', 'user-profile-initial-state-2023.json');
  const xhsPage = `<html><head>${scripts(350)}</head><body><script>window.__INITIAL_STATE__=${xhsState.replace(/null/g, 'undefined')}</script></body></html>`;
  const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>江城</title>${Array.from({ length: 50 }, (_, i) => `<item><title>第${i}条</title><description>${'内容'.repeat(200)}</description><pubDate>Wed, 18 Nov 2026 02:00:00 GMT</pubDate><guid>${i}</guid></item>`).join('')}</channel></rss>`;
  const cases = [
    ['bilibili card (real)', real('bilibili', 'x-web-interface-card-mid2.json'), (t) => parseCard(answer(t))],
    ['bilibili video list (real, 2025)', real('bilibili', 'x-space-wbi-arc-search-2025.json'), (t) => parseVideoList(answer(t))],
    ['weibo getIndex user (real)', real('weibo', 'm-getindex-user-1669879400-2019.json'), (t) => parseUserInfo(JSON.parse(t))],
    ['weibo post list (real)', cards, (t) => parsePostCards(JSON.parse(t), NOW)],
    ['douyin profile API (real)', real('douyin', 'web-user-profile-other-2023.json'), (t) => parseProfileAnswer(JSON.parse(t))],
    ['douyin post API (real)', real('douyin', 'aweme-post-pinned-first-2023.json'), (t) => parsePostAnswer(JSON.parse(t))],
    ['douyin profile page RENDER_DATA', douyinPage, (t) => parseRenderData(t)],
    ['kuaishou visionProfile (real)', real('kuaishou', 'graphql-visionProfile-2022.json'), (t) => parseVisionProfile(JSON.parse(t))],
    ['kuaishou profile page state', ksPage, (t) => parseKuaishouPage(t)],
    ['xiaohongshu profile page (real state)', xhsPage, (t) => parseXhsProfile(t)],
    ['RSS feed, 50 items', rss, (t) => parseFeed(t, NOW)],
  ];
  return cases.map(([name, text, parse]) => ({ name, bytes: Buffer.byteLength(text), parse: () => parse(text) }));
}
