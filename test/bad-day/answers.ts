/**
 * Bad-day answer sets: what the platforms could answer gov-audit's plain-HTTP route on a bad day.
 *
 * Written ONLY from the platforms' field notes and real captures, never from the adapters or the
 * simulator:
 *   [P]  ../shared/platforms.md
 *   [FC] ../shared/research/field-check-2026-12.md
 *   [BR] ../shared/research/browser-route.md
 *   [TW] ../shared/research/toutiao-wechat.md
 *   [RA] ../shared/real-answers/<file> (a real capture; values changed where the case needs it)
 * Every answer says in `source` which note it is reconstructed from; `guessed: true` marks a shape no
 * note describes (the report lists them).
 *
 * Each case is one account: the row an office would paste, the answers by request (host + path
 * prefix + optional query / JSON-body test), and the expectation: `notDefinite` (the account must come
 * out `unverified`), or the clear-case verdict that must be kept, or (the cancelled Douyin account
 * only) a set of acceptable statuses.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// ---------------------------------------------------------------------------------------------
// The audit instant and dates
// ---------------------------------------------------------------------------------------------

/** The audit instant given to the CLI: 08:00 in China, so that "今天 09:30" lies in the future. */
export const NOW = '2026-12-06T08:00:00+08:00';
export const NOW_MS = Date.parse(NOW);
const DAY = 86_400_000;
const sec = (ms: number) => Math.floor(ms / 1000);
/** Unix seconds, `days` days before the audit instant (fractions allowed). */
const daysAgo = (days: number) => sec(NOW_MS - days * DAY);
/** Unix milliseconds, `days` days before the audit instant. */
const daysAgoMs = (days: number) => NOW_MS - Math.round(days * DAY);

/** Weibo's single-post form, `Tue Feb 23 12:28:47 +0800 2021`, in China time [P Weibo "Dates"]. */
function weiboLong(unixSeconds: number): string {
  const d = new Date(unixSeconds * 1000 + 8 * 3600_000);
  const wd = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()]!;
  const mo = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()]!;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${wd} ${mo} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0800 ${d.getUTCFullYear()}`;
}

/** A Douyin aweme id whose high 32 bits are its creation time [P Douyin "An aweme id carries its own date"]. */
const awemeId = (createSeconds: number, n: number) => ((BigInt(createSeconds) << 32n) + BigInt(1_000_003 * (n + 1))).toString();
/** A Xiaohongshu note id whose first 8 hex digits are its creation time [P Xiaohongshu "A note id carries its own date"]. */
const noteId = (createSeconds: number, n: number) => createSeconds.toString(16).padStart(8, '0') + '00000000' + (0x1e020000 + n).toString(16).padStart(8, '0');

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

export type Platform = 'bilibili' | 'weibo' | 'douyin' | 'kuaishou' | 'xiaohongshu' | 'toutiao';
export type Status = 'active' | 'inactive' | 'zombie' | 'not-found' | 'unverified';

export interface Reply {
  status: number;
  headers?: Record<string, string | string[]>;
  /** An object is sent as JSON; a string as it is. */
  body: string | object;
}

export interface AnswerRule {
  /** The Host header (without port); several when the platform answers on more than one. */
  host: string | string[];
  /** Path prefix. */
  path: string;
  method?: 'GET' | 'POST';
  /** Query test: each key must equal the value; `null` means the key must be absent. */
  query?: Record<string, string | null>;
  /** Test on a JSON request body: dotted path → expected value. */
  json?: Record<string, string>;
  reply: Reply;
  /** Which field note (or real capture) the answer is reconstructed from. */
  source: string;
  /** True when no field note gives this answer's shape: it is a guess. */
  guessed?: boolean;
}

export type Expectation = { notDefinite: true } | { status: Exclude<Status, 'unverified'> } | { oneOf: Status[] };

export interface BadDayCase {
  /** Short stable name of the case. */
  name: string;
  platform: Platform;
  /** The platform cell of the list row, as an office writes it. */
  platformCell: string;
  /** The account cell of the list row, as an office would paste it. */
  row: string;
  /** The id the report should name (mid, uid, sec_uid, principalId, user_id, token). */
  id: string;
  /** What the platform does in this case, and why the expectation holds. */
  story: string;
  answers: AnswerRule[];
  expect: Expectation;
}

// ---------------------------------------------------------------------------------------------
// Real captures of ../shared/real-answers, as the repository keeps them (fixtures/<platform>/real/)
// ---------------------------------------------------------------------------------------------

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));
/** `platform/file` of shared/real-answers, read from the repository's copy: a fresh clone has it. */
function real(path: string): string {
  const [platform, ...file] = path.split('/');
  return readFileSync(`${FIXTURES}${platform}/real/${file.join('/')}`, 'utf8');
}

/** [RA douyin/user-page-captcha-middle-page-2023.html] What www.douyin.com/user/<sec_uid> returned to a script. */
const DOUYIN_CAPTCHA_PAGE = real('douyin/user-page-captcha-middle-page-2023.html');

/** [RA toutiao/profile-page-ssr-2025.html] The profile page an anonymous browser got; its RENDER_DATA is replaced per case. */
const TOUTIAO_PAGE_TEMPLATE = real('toutiao/profile-page-ssr-2025.html');

// ---------------------------------------------------------------------------------------------
// Bilibili [P Bilibili; FC Bilibili; RA bilibili/*]
// ---------------------------------------------------------------------------------------------

const BILI = 'api.bilibili.com';

interface BiliVideo {
  created?: number;
  mid?: number;
  title?: string;
}

function biliCard(mid: string, o: { name: string; archiveCount?: number; fans?: number; cardMid?: string; spacesta?: number }): object {
  const data: Record<string, unknown> = {
    card: {
      mid: o.cardMid ?? mid,
      name: o.name,
      approve: false,
      sex: '保密',
      rank: '10000',
      face: 'http://i2.hdslb.com/bfs/face/member/noface.jpg',
      spacesta: o.spacesta ?? 0,
      fans: o.fans ?? 12345,
      friend: 10,
      attention: 10,
      sign: '',
      Official: { role: 3, title: o.name, desc: '', type: 1 },
      official_verify: { type: 1, desc: o.name },
    },
    following: false,
    follower: o.fans ?? 12345,
    like_num: 4321,
  };
  if (o.archiveCount !== undefined) data.archive_count = o.archiveCount;
  return { code: 0, message: '0', ttl: 1, data };
}

function biliList(mid: string, videos: BiliVideo[], page: { count: number } | null): object {
  const vlist = videos.map((v, i) => {
    const item: Record<string, unknown> = {
      comment: 3 + i,
      typeid: 21,
      play: 1000 + i,
      pic: 'http://i0.hdslb.com/bfs/archive/0000000000000000000000000000000000000000.jpg',
      subtitle: '',
      description: '',
      copyright: '1',
      title: v.title ?? `政务视频 ${i + 1}`,
      review: 0,
      author: '政务号',
      mid: v.mid ?? Number(mid),
      length: '03:12',
      video_review: 0,
      aid: 114375683741573 + i * 7 + Number(mid.slice(-3)),
      bvid: `BV1bd${mid.slice(-4)}${String(i).padStart(3, '0')}`,
      hide_click: false,
      is_pay: 0,
      is_union_video: 0,
      is_steins_gate: 0,
      is_live_playback: 0,
    };
    if (v.created !== undefined) item.created = v.created;
    return item;
  });
  const data: Record<string, unknown> = { list: { slist: [], tlist: {}, vlist } };
  if (page) data.page = { pn: 1, ps: 30, count: page.count };
  data.episodic_button = { text: '播放全部', uri: `//www.bilibili.com/medialist/play/${mid}?from=space` };
  data.is_risk = false;
  data.gaia_res_type = 0;
  data.gaia_data = null;
  return { code: 0, message: '0', ttl: 1, data };
}

/** The answers of one mid: card, the video list (signed and old path), and the two counters. */
function bili(
  mid: string,
  o: { card: Reply; list?: Reply; stat?: Reply; navnum?: Reply; src: { card: string; list?: string } },
): AnswerRule[] {
  const rules: AnswerRule[] = [{ host: BILI, path: '/x/web-interface/card', query: { mid }, reply: o.card, source: o.src.card }];
  if (o.list) {
    for (const path of ['/x/space/wbi/arc/search', '/x/space/arc/search'])
      rules.push({ host: BILI, path, query: { mid }, reply: o.list, source: o.src.list ?? '[P Bilibili "Latest videos"; RA bilibili/x-space-wbi-arc-search-2025.json]' });
  }
  if (o.stat) rules.push({ host: BILI, path: '/x/relation/stat', query: { vmid: mid }, reply: o.stat, source: '[P Bilibili "Other counters"]' });
  if (o.navnum) rules.push({ host: BILI, path: '/x/space/navnum', query: { mid }, reply: o.navnum, source: '[P Bilibili "Other counters"]' });
  return rules;
}

const ok = (body: object | string, headers?: Record<string, string | string[]>): Reply => ({ status: 200, body, ...(headers ? { headers } : {}) });
const biliStat = (mid: string, follower: number) => ok({ code: 0, message: '0', ttl: 1, data: { mid: Number(mid), following: 10, whisper: 0, black: 0, follower } });
const biliNavnum = (video: number) => ok({ code: 0, message: '0', ttl: 1, data: { video, bangumi: 0, cinema: 0, channel: { master: 0, guest: 0 }, favourite: { master: 0, guest: 0 }, tag: 0, article: 0, playlist: 0, album: 0, audio: 0, pugv: 0, season_num: 0 } });
const SRC_CARD = '[P Bilibili "Profile"; RA bilibili/x-web-interface-card-mid2.json]';
const SRC_LIST = '[P Bilibili "Latest videos"; RA bilibili/x-space-wbi-arc-search-2025.json]';

/** A normal account: card, counters and list agree. */
function biliNormal(mid: string, name: string, videos: BiliVideo[], count = videos.length): AnswerRule[] {
  return bili(mid, {
    card: ok(biliCard(mid, { name, archiveCount: count, fans: 5000 })),
    list: ok(biliList(mid, videos, { count })),
    stat: biliStat(mid, 5000),
    navnum: biliNavnum(count),
    src: { card: SRC_CARD, list: SRC_LIST },
  });
}

const BILI_404 = { code: -404, message: '啥都木有', ttl: 1 };

/** The canary (doctor's probe, Bilibili mid 2) as the real card shows it, with a recent list. */
const biliCanary = (): AnswerRule[] => [
  {
    host: BILI,
    path: '/x/web-interface/card',
    query: { mid: '2' },
    reply: ok({
      code: 0,
      message: '0',
      ttl: 1,
      data: {
        card: { mid: '2', name: '碧诗', spacesta: 0, fans: 969999, attention: 234, Official: { role: 2, title: 'bilibili创始人（站长）', desc: '', type: 0 } },
        archive_count: 37,
        follower: 969999,
        like_num: 3547978,
      },
    }),
    source: '[RA bilibili/x-web-interface-card-mid2.json, trimmed]',
  },
  ...['/x/space/wbi/arc/search', '/x/space/arc/search'].map(
    (path): AnswerRule => ({
      host: BILI,
      path,
      query: { mid: '2' },
      reply: ok(biliList('2', [{ created: daysAgo(3) }, { created: daysAgo(40) }], { count: 37 })),
      source: '[RA bilibili/x-space-wbi-arc-search-2025.json shape; dates reconstructed]',
    }),
  ),
  { host: BILI, path: '/x/relation/stat', query: { vmid: '2' }, reply: biliStat('2', 969999), source: '[P Bilibili "Other counters"]' },
  { host: BILI, path: '/x/space/navnum', query: { mid: '2' }, reply: biliNavnum(37), source: '[P Bilibili "Other counters"]' },
];

const biliCommon = (): AnswerRule[] => [
  {
    host: BILI,
    path: '/x/web-interface/nav',
    reply: ok({
      code: -101,
      message: '账号未登录',
      ttl: 1,
      data: {
        isLogin: false,
        wbi_img: {
          img_url: 'https://i0.hdslb.com/bfs/wbi/653657f524a547ac981ded72ea172057.png',
          sub_url: 'https://i0.hdslb.com/bfs/wbi/6e4909c702f846728e64f6007736a338.png',
        },
      },
    }),
    source: '[RA bilibili/x-web-interface-nav-logged-out.json (its trailing comma removed)]',
  },
];

const bm = (n: number) => String(3_000_000_000 + n);
const biliRow = (mid: string) => `https://space.bilibili.com/${mid}`;

const bilibiliCases: BadDayCase[] = [
  {
    name: 'bilibili-clear-active',
    platform: 'bilibili',
    platformCell: '哔哩哔哩',
    row: biliRow(bm(1)),
    id: bm(1),
    story: 'CLEAR: normal card (120 videos), signed list of the same mid, newest video 2 days old, counters agree.',
    answers: biliNormal(bm(1), '江城发布', [{ created: daysAgo(2) }, { created: daysAgo(9) }, { created: daysAgo(20) }], 120),
    expect: { status: 'active' },
  },
  {
    name: 'bilibili-clear-not-found',
    platform: 'bilibili',
    platformCell: 'B站',
    row: biliRow(bm(2)),
    id: bm(2),
    story: 'CLEAR: card answers HTTP 200 {"code":-404,"message":"啥都木有"} while the canary (mid 2) answers normally.',
    answers: bili(bm(2), { card: ok(BILI_404), list: ok(biliList(bm(2), [], { count: 0 })), src: { card: '[P Bilibili "Not found"; FC Bilibili "-404 ... in a 200 answer"]' } }),
    expect: { status: 'not-found' },
  },
  {
    name: 'bilibili-clear-inactive',
    platform: 'bilibili',
    platformCell: '哔哩哔哩',
    row: `${biliRow(bm(3))}/video`,
    id: bm(3),
    story: 'CLEAR: card counts 3 videos, list (page.count 3) holds all 3, newest 45 days old: complete and consistent.',
    answers: biliNormal(bm(3), '江城税务', [{ created: daysAgo(45) }, { created: daysAgo(60) }, { created: daysAgo(75) }], 3),
    expect: { status: 'inactive' },
  },
  {
    name: 'bilibili-soft-limit-empty-code-0',
    platform: 'bilibili',
    platformCell: '哔哩哔哩',
    row: biliRow(bm(4)),
    id: bm(4),
    story: 'Blocked looking empty: card counts 250 videos; the list answers code 0 with an empty vlist and page.count 0 (the 2026 "soft-limit").',
    answers: bili(bm(4), {
      card: ok(biliCard(bm(4), { name: '江城公安', archiveCount: 250 })),
      list: ok(biliList(bm(4), [], { count: 0 })),
      stat: biliStat(bm(4), 12345),
      navnum: biliNavnum(250),
      src: { card: SRC_CARD, list: '[FC Bilibili "empty soft-limit answers with code 0"]' },
    }),
    expect: { notDefinite: true },
  },
  {
    name: 'bilibili-empty-200-bodies',
    platform: 'bilibili',
    platformCell: '哔哩哔哩',
    row: biliRow(bm(5)),
    id: bm(5),
    story: 'Blocked looking empty: every request of this mid answers HTTP 200 with an empty body.',
    answers: bili(bm(5), {
      card: ok(''),
      list: ok(''),
      stat: ok(''),
      navnum: ok(''),
      src: { card: '[P "The common truth": blocked answers look empty; P Douyin "empty body" (same anti-bot family)]', list: '[same]' },
    }),
    expect: { notDefinite: true },
  },
  {
    name: 'bilibili-http-404-not-found-body',
    platform: 'bilibili',
    platformCell: '哔哩哔哩',
    row: biliRow(bm(6)),
    id: bm(6),
    story: 'Not-found body under HTTP 404: {"code":-404,"message":"啥都木有"} with status 404, which is also Bilibili\'s answer for a path it does not have.',
    answers: bili(bm(6), { card: { status: 404, body: BILI_404 }, list: { status: 404, body: BILI_404 }, src: { card: '[FC Bilibili "An HTTP 404 status with code -404 is also Bilibili\'s answer for a path it does not have"]' } }),
    expect: { notDefinite: true },
  },
  {
    name: 'bilibili-http-500-not-found-body',
    platform: 'bilibili',
    platformCell: '哔哩哔哩',
    row: biliRow(bm(7)),
    id: bm(7),
    story: 'Not-found body under HTTP 500: the -404 JSON served with status 500 (a failing gateway passing an error page through).',
    answers: bili(bm(7), { card: { status: 500, body: BILI_404 }, list: { status: 500, body: BILI_404 }, src: { card: '[P Bilibili "Not found" body; the 500 status is a guess]' } }),
    expect: { notDefinite: true },
  },
  {
    name: 'bilibili-short-list-no-paging',
    platform: 'bilibili',
    platformCell: '哔哩哔哩',
    row: biliRow(bm(8)),
    id: bm(8),
    story: 'Partial: card counts 300 videos; the list gives 5 videos, all ~200 days old, and no `page` object at all.',
    answers: bili(bm(8), {
      card: ok(biliCard(bm(8), { name: '江城交警', archiveCount: 300 })),
      list: ok(biliList(bm(8), [200, 210, 230, 260, 300].map((d) => ({ created: daysAgo(d) })), null)),
      stat: biliStat(bm(8), 12345),
      navnum: biliNavnum(300),
      src: { card: SRC_CARD, list: '[RA bilibili/x-space-arc-search-mid53456.json shape, `page` removed]' },
    }),
    expect: { notDefinite: true },
  },
  {
    name: 'bilibili-count-0-with-yesterdays-video',
    platform: 'bilibili',
    platformCell: '哔哩哔哩',
    row: biliRow(bm(9)),
    id: bm(9),
    story: 'Contradictory: card archive_count 0 (and navnum 0) while the list shows a video of this mid from yesterday (page.count 1).',
    answers: bili(bm(9), {
      card: ok(biliCard(bm(9), { name: '江城文旅', archiveCount: 0 })),
      list: ok(biliList(bm(9), [{ created: daysAgo(1) }], { count: 1 })),
      stat: biliStat(bm(9), 12345),
      navnum: biliNavnum(0),
      src: { card: SRC_CARD, list: SRC_LIST },
    }),
    // Lead's decision: issue #25 rule 3: a count of 0 beside listed posts follows the list; one recent post of the account's own proves active.
    expect: { status: 'active' },
  },
  {
    name: 'bilibili-missing-count-empty-list',
    platform: 'bilibili',
    platformCell: '哔哩哔哩',
    row: biliRow(bm(10)),
    id: bm(10),
    story: 'Contradictory/incomplete: card without archive_count; list code 0 with an empty vlist and no page object; navnum not answered.',
    answers: bili(bm(10), {
      card: ok(biliCard(bm(10), { name: '江城应急' })),
      list: ok(biliList(bm(10), [], null)),
      src: { card: '[RA bilibili/x-web-interface-card-mid2.json, archive_count removed]', list: '[FC Bilibili "empty soft-limit answers with code 0"]' },
    }),
    expect: { notDefinite: true },
  },
  {
    name: 'bilibili-count-positive-empty-list',
    platform: 'bilibili',
    platformCell: '哔哩哔哩',
    row: biliRow(bm(11)),
    id: bm(11),
    story: 'Contradictory: card and navnum count 57 videos; the list says page.count 57 but vlist is empty.',
    answers: bili(bm(11), {
      card: ok(biliCard(bm(11), { name: '江城教育', archiveCount: 57 })),
      list: ok(biliList(bm(11), [], { count: 57 })),
      stat: biliStat(bm(11), 12345),
      navnum: biliNavnum(57),
      src: { card: SRC_CARD, list: '[FC Bilibili "An empty list with code 0 is not proof"]' },
    }),
    expect: { notDefinite: true },
  },
  {
    name: 'bilibili-card-of-another-mid',
    platform: 'bilibili',
    platformCell: '哔哩哔哩',
    row: biliRow(bm(12)),
    id: bm(12),
    story: 'Another account: the card asked for this mid names mid 3000009999 (a different name); the list is this mid\'s, 1 day old.',
    answers: bili(bm(12), {
      card: ok(biliCard(bm(12), { name: '某某生活号', archiveCount: 8, cardMid: '3000009999' })),
      list: ok(biliList(bm(12), [{ created: daysAgo(1) }], { count: 8 })),
      src: { card: '[RA bilibili/x-web-interface-card-mid2.json, card.mid changed]', list: SRC_LIST },
    }),
    expect: { notDefinite: true },
  },
  {
    name: 'bilibili-list-of-another-mid',
    platform: 'bilibili',
    platformCell: '哔哩哔哩',
    row: biliRow(bm(13)),
    id: bm(13),
    story: 'Another account: the card is this mid\'s (40 videos); the list\'s videos all carry mid 3000008888 and are 1–3 days old.',
    answers: bili(bm(13), {
      card: ok(biliCard(bm(13), { name: '江城卫健', archiveCount: 40 })),
      list: ok(biliList(bm(13), [{ created: daysAgo(1), mid: 3000008888 }, { created: daysAgo(3), mid: 3000008888 }], { count: 40 })),
      stat: biliStat(bm(13), 12345),
      navnum: biliNavnum(40),
      src: { card: SRC_CARD, list: '[RA bilibili/x-space-wbi-arc-search-2025.json, vlist[].mid changed]' },
    }),
    expect: { notDefinite: true },
  },
  {
    name: 'bilibili-video-20-days-in-future',
    platform: 'bilibili',
    platformCell: '哔哩哔哩',
    row: biliRow(bm(14)),
    id: bm(14),
    story: 'Implausible date: the newest video is created 20 days after the audit instant; the next one is 120 days old.',
    answers: biliNormal(bm(14), '江城水务', [{ created: daysAgo(-20) }, { created: daysAgo(120) }], 2),
    expect: { notDefinite: true },
  },
  {
    name: 'bilibili-video-before-platform-existed',
    platform: 'bilibili',
    platformCell: '哔哩哔哩',
    row: biliRow(bm(15)),
    id: bm(15),
    story: 'Implausible date: 2 videos counted and listed, created 2000-01-01 and 1999-12-31 — before Bilibili existed (2009).',
    answers: biliNormal(bm(15), '江城气象', [{ created: 946684800 }, { created: 946598400 }], 2),
    expect: { notDefinite: true },
  },
  {
    name: 'bilibili-newest-video-undated',
    platform: 'bilibili',
    platformCell: '哔哩哔哩',
    row: biliRow(bm(16)),
    id: bm(16),
    story: 'Undated newest item: the first video of a pubdate-ordered list has no `created`; the others are 150+ days old.',
    answers: biliNormal(bm(16), '江城民政', [{}, { created: daysAgo(150) }, { created: daysAgo(160) }], 3),
    expect: { notDefinite: true },
  },
  {
    name: 'bilibili-risk-352-on-list',
    platform: 'bilibili',
    platformCell: '哔哩哔哩',
    row: biliRow(bm(17)),
    id: bm(17),
    story: 'Blocked: card normal (80 videos), the list answers the real -352 风控校验失败 with v_voucher.',
    answers: bili(bm(17), {
      card: ok(biliCard(bm(17), { name: '江城人社', archiveCount: 80 })),
      list: ok({ code: -352, message: '风控校验失败', ttl: 1, data: { v_voucher: 'voucher_84a8c3ce-33f5-4551-9552-9c6b13aa7938' } }),
      src: { card: SRC_CARD, list: '[RA bilibili/code-352-v_voucher.json]' },
    }),
    expect: { notDefinite: true },
  },
  {
    name: 'bilibili-509-double-body',
    platform: 'bilibili',
    platformCell: '哔哩哔哩',
    row: biliRow(bm(18)),
    id: bm(18),
    story: 'Rate limited: the card answers -509 请求过于频繁 followed by a second JSON body (a -404) in the same response; the list -799.',
    answers: bili(bm(18), {
      card: ok('{"code":-509,"message":"请求过于频繁，请稍后再试","ttl":1}{"code":-404,"message":"啥都木有","ttl":1}', { 'content-type': 'application/json; charset=utf-8' }),
      list: ok({ code: -799, message: '请求过于频繁，请稍后再试', ttl: 1 }),
      src: { card: '[P Bilibili "one -509 answer was seen followed by a second JSON body"]', list: '[P Bilibili "Rate limited: code -799"]' },
    }),
    expect: { notDefinite: true },
  },
  {
    name: 'bilibili-http-412-everywhere',
    platform: 'bilibili',
    platformCell: '哔哩哔哩',
    row: biliRow(bm(19)),
    id: bm(19),
    story: 'Blocked: the card and the list answer HTTP 412 (a short IP ban after a burst) with an HTML error page.',
    answers: bili(bm(19), {
      card: { status: 412, headers: { 'content-type': 'text/html' }, body: '<html><head><title>412 Precondition Failed</title></head><body>由于触发哔哩哔哩安全风控策略，该次访问请求被拒绝。</body></html>' },
      list: { status: 412, headers: { 'content-type': 'text/html' }, body: '<html><head><title>412 Precondition Failed</title></head><body>由于触发哔哩哔哩安全风控策略，该次访问请求被拒绝。</body></html>' },
      src: { card: '[P Bilibili "Blocked: HTTP 412"; "Rate limits users report: short IP bans after bursts, HTTP 412"] — page text guessed', list: '[same]' },
    }),
    expect: { notDefinite: true },
  },
];

// ---------------------------------------------------------------------------------------------
// Weibo [P Weibo; BR 1.5; FC Weibo; RA weibo/*]
// ---------------------------------------------------------------------------------------------

const M_WEIBO = 'm.weibo.cn';
const WEIBO_COM = ['weibo.com', 'www.weibo.com'];

interface WeiboPost {
  /** The list's created_at as shown (relative forms, MM-DD, …). */
  shown: string;
  /** The true instant, for the long form in ajax/statuses/mymblog (absent: left out there). */
  at?: number;
  pinned?: boolean;
  userId?: string;
}

function weiboUser(uid: string, o: { name: string; statuses: number | null; followers: number; idOverride?: string }): object {
  const id = Number(o.idOverride ?? uid);
  const userInfo: Record<string, unknown> = {
    id,
    screen_name: o.name,
    profile_url: `https://m.weibo.cn/u/${id}?uid=${id}&luicode=10000011&lfid=100505${id}`,
    verified: true,
    verified_type: 1,
    verified_reason: `${o.name}官方微博`,
    description: '',
    gender: 'm',
    followers_count: o.followers,
    follow_count: 120,
  };
  if (o.statuses !== null) userInfo.statuses_count = o.statuses;
  return {
    ok: 1,
    data: {
      avatar_guide: [],
      userInfo,
      tabsInfo: {
        selectedTab: 1,
        tabs: [
          { id: 1, tabKey: 'profile', must_show: 1, hidden: 0, title: '主页', tab_type: 'profile', containerid: `230283${id}` },
          { id: 2, tabKey: 'weibo', must_show: 1, hidden: 0, title: '微博', tab_type: 'weibo', containerid: `107603${id}`, apipath: '/profile/statuses', url: '/index/my' },
        ],
      },
    },
  };
}

function weiboCards(uid: string, posts: WeiboPost[], total: number): object {
  return {
    ok: 1,
    data: {
      cardlistInfo: { containerid: `107603${uid}`, v_p: 42, show_style: 1, total, page: 2 },
      cards: posts.map((p, i) => {
        const mid = String(5_100_000_000_000_000 + Number(uid.slice(-4)) * 100 + i);
        const card: Record<string, unknown> = {
          card_type: 9,
          itemid: `107603${uid}_-_${mid}`,
          scheme: `https://m.weibo.cn/status/${mid}`,
          mblog: {
            created_at: p.shown,
            id: mid,
            idstr: mid,
            mid,
            text: `政务信息发布 ${i + 1}`,
            mblogtype: p.pinned ? 2 : 0,
            user: { id: Number(p.userId ?? uid), screen_name: p.userId ? '别的用户' : '江城发布', statuses_count: total },
            reposts_count: 1,
            comments_count: 2,
            attitudes_count: 3,
          },
        };
        if (p.pinned) card.profile_type_id = `proweibotop_${mid}`;
        return card;
      }),
    },
  };
}

function weiboInfo(uid: string, o: { name: string; statuses: number; followers: number; idOverride?: string }): object {
  const id = o.idOverride ?? uid;
  return {
    ok: 1,
    data: {
      user: {
        id: Number(id),
        idstr: id,
        screen_name: o.name,
        profile_url: `/u/${id}`,
        verified: true,
        verified_type: 1,
        followers_count: o.followers,
        followers_count_str: o.followers >= 10000 ? `${(o.followers / 10000).toFixed(1)}万` : String(o.followers),
        friends_count: 120,
        statuses_count: o.statuses,
      },
    },
  };
}

function weiboMymblog(uid: string, posts: WeiboPost[]): object {
  return {
    ok: 1,
    data: {
      since_id: '',
      list: posts
        .filter((p) => p.at !== undefined)
        .map((p, i) => {
          const mid = String(5_100_000_000_000_000 + Number(uid.slice(-4)) * 100 + i);
          return { created_at: weiboLong(p.at!), id: Number(mid), idstr: mid, mid, mblogtype: p.pinned ? 2 : 0, isTop: p.pinned ? 1 : 0, user: { id: Number(p.userId ?? uid), idstr: p.userId ?? uid } };
        }),
      total: posts.length,
    },
  };
}

const SRC_WB_USER = '[P Weibo "Profile"; RA weibo/m-getindex-user-1669879400-2019.json]';
const SRC_WB_CARDS = '[P Weibo "Posts"/"Dates"; RA weibo/m-getindex-cards-1076031669879400-2019.json]';
const SRC_WB_INFO = '[P Weibo "weibo.com/ajax/profile/info"; RA weibo/ajax-profile-info-2026.json]';
const SRC_WB_MYMBLOG = '[BR 1.5 "ajax/statuses/mymblog ... data.list[].created_at"; envelope beyond data.list guessed]';

/** The answers of one uid: getIndex (user, by type=uid or containerid 100505), getIndex (posts), ajax/profile/info, ajax/statuses/mymblog. */
function weibo(uid: string, o: { user: Reply; cards?: Reply; info?: Reply; mymblog?: Reply; src?: Partial<Record<'user' | 'cards' | 'info' | 'mymblog', string>> }): AnswerRule[] {
  const s = { user: SRC_WB_USER, cards: SRC_WB_CARDS, info: SRC_WB_INFO, mymblog: SRC_WB_MYMBLOG, ...o.src };
  const rules: AnswerRule[] = [
    { host: M_WEIBO, path: '/api/container/getIndex', query: { value: uid, containerid: null }, reply: o.user, source: s.user },
    { host: M_WEIBO, path: '/api/container/getIndex', query: { containerid: `100505${uid}` }, reply: o.user, source: s.user },
  ];
  if (o.cards) rules.push({ host: M_WEIBO, path: '/api/container/getIndex', query: { containerid: `107603${uid}` }, reply: o.cards, source: s.cards });
  if (o.info) rules.push({ host: WEIBO_COM, path: '/ajax/profile/info', query: { uid }, reply: o.info, source: s.info });
  if (o.mymblog) rules.push({ host: WEIBO_COM, path: '/ajax/statuses/mymblog', query: { uid }, reply: o.mymblog, source: s.mymblog, guessed: true });
  return rules;
}

function weiboNormal(uid: string, name: string, posts: WeiboPost[], statuses: number, extra: { userOverride?: Reply } = {}): AnswerRule[] {
  return weibo(uid, {
    user: extra.userOverride ?? ok(weiboUser(uid, { name, statuses, followers: 152000 })),
    cards: ok(weiboCards(uid, posts, statuses)),
    info: ok(weiboInfo(uid, { name, statuses, followers: 152000 })),
    mymblog: ok(weiboMymblog(uid, posts)),
  });
}

const WEIBO_EMPTY = { ok: 0, msg: '这里还没有内容', data: { cards: [] } };
const weiboVisitorHosts = ['passport.weibo.com', 'visitor.passport.weibo.cn'];

const weiboCommon = (): AnswerRule[] => [
  {
    host: weiboVisitorHosts,
    path: '/visitor/genvisitor',
    reply: ok('window.gen_callback && gen_callback({"retcode":20000000,"msg":"succ","data":{"tid":"badday+tid+0000000000000000000000","new_tid":true,"confidence":95}});', {
      'content-type': 'application/javascript; charset=utf-8',
    }),
    source: '[P Weibo "Visitor cookies": POST genvisitor, strip the JSONP wrapper to get tid] — the JSONP body is a guess',
    guessed: true,
  },
  {
    host: weiboVisitorHosts,
    path: '/visitor/visitor',
    reply: ok('window.cross_domain && cross_domain({"retcode":20000000,"msg":"succ","data":{"sub":"_2AkBadDaySub","subp":"0033BadDaySubp"}});', {
      'content-type': 'application/javascript; charset=utf-8',
      'set-cookie': ['SUB=_2AkBadDaySub; expires=Mon, 06-Dec-2027 00:00:00 GMT; path=/; domain=.weibo.com; secure; httponly', 'SUBP=0033BadDaySubp; expires=Mon, 06-Dec-2027 00:00:00 GMT; path=/; domain=.weibo.com'],
    }),
    source: '[P Weibo "Visitor cookies": incarnate sets SUB, SUBP] — the body and cookie attributes are a guess',
    guessed: true,
  },
  // The canary (doctor's probe, uid 1669879400) as the real 2019 capture, dated relative to the audit instant.
  ...weiboNormal(
    '1669879400',
    'Dear-迪丽热巴',
    [
      { shown: '5小时前', at: sec(NOW_MS - 5 * 3600_000) },
      { shown: '12-01', at: sec(Date.parse('2026-12-01T12:00:00+08:00')) },
    ],
    1008,
  ).map((r) => ({ ...r, source: `canary: ${r.source}` })),
];

const wu = (n: number) => String(7_700_000_000 + n);
const weiboRow = (uid: string, mobile = false) => (mobile ? `https://m.weibo.cn/u/${uid}` : `https://weibo.com/u/${uid}`);

const weiboCases: BadDayCase[] = [
  {
    name: 'weibo-clear-active',
    platform: 'weibo',
    platformCell: '微博',
    row: weiboRow(wu(1)),
    id: wu(1),
    story: 'CLEAR: user 2,400 posts; the list: a pinned 2024 post first, then 3小时前, 昨天 18:20, 12-03; ajax/profile/info and mymblog agree.',
    answers: weiboNormal(
      wu(1),
      '江城发布',
      [
        { shown: '2024-03-01', at: sec(Date.parse('2024-03-01T09:00:00+08:00')), pinned: true },
        { shown: '3小时前', at: sec(NOW_MS - 3 * 3600_000) },
        { shown: '昨天 18:20', at: sec(Date.parse('2026-12-05T18:20:00+08:00')) },
        { shown: '12-03', at: sec(Date.parse('2026-12-03T10:00:00+08:00')) },
      ],
      2400,
    ),
    expect: { status: 'active' },
  },
  {
    name: 'weibo-no-content-unconfirmed',
    platform: 'weibo',
    platformCell: '微博',
    row: weiboRow(wu(2)),
    id: wu(2),
    story: 'Ambiguous: getIndex answers ok:0 这里还没有内容 (missing account or risk control); the confirming ajax/profile/info answers 432 with an empty body.',
    answers: weibo(wu(2), {
      user: ok(WEIBO_EMPTY),
      cards: ok(WEIBO_EMPTY),
      info: { status: 432, body: '' },
      mymblog: { status: 432, body: '' },
      src: { user: '[P Weibo "Ambiguous"]', cards: '[P Weibo "Ambiguous"]', info: '[P Weibo "Blocked: HTTP 432 with an empty body"]', mymblog: '[P Weibo "ajax/statuses/mymblog too"]' },
    }),
    expect: { notDefinite: true },
  },
  {
    name: 'weibo-no-content-but-info-exists',
    platform: 'weibo',
    platformCell: '新浪微博',
    row: weiboRow(wu(3), true),
    id: wu(3),
    story: 'Contradictory: getIndex says 这里还没有内容 while ajax/profile/info shows the user with 800 posts (visible only when logged in).',
    answers: weibo(wu(3), {
      user: ok(WEIBO_EMPTY),
      cards: ok(WEIBO_EMPTY),
      info: ok(weiboInfo(wu(3), { name: '江城公安', statuses: 800, followers: 98000 })),
      mymblog: { status: 432, body: '' },
      src: { user: '[P Weibo "Ambiguous"; FC Weibo "Some accounts are visible only when logged in"]', cards: '[P Weibo "Ambiguous"]', mymblog: '[P Weibo "Blocked: HTTP 432 ... mymblog too"]' },
    }),
    expect: { notDefinite: true },
  },
  {
    name: 'weibo-432-everywhere',
    platform: 'weibo',
    platformCell: '微博',
    row: weiboRow(wu(4)),
    id: wu(4),
    story: 'Blocked: every request of this uid answers HTTP 432 with an empty body, even after the visitor cookies.',
    answers: weibo(wu(4), {
      user: { status: 432, body: '' },
      cards: { status: 432, body: '' },
      info: { status: 432, body: '' },
      mymblog: { status: 432, body: '' },
      src: { user: '[P Weibo "Blocked: HTTP 432 with an empty body"]', cards: '[same]', info: '[same]', mymblog: '[same]' },
    }),
    expect: { notDefinite: true },
  },
  {
    name: 'weibo-only-pinned-of-hundreds',
    platform: 'weibo',
    platformCell: '微博',
    row: weiboRow(wu(5)),
    id: wu(5),
    story: 'Partial: 850 posts counted (total 850), the list holds only 2 pinned posts (mblogtype 2, proweibotop) from 2025.',
    answers: weiboNormal(
      wu(5),
      '江城交警',
      [
        { shown: '2025-05-01', at: sec(Date.parse('2025-05-01T09:00:00+08:00')), pinned: true },
        { shown: '2025-03-12', at: sec(Date.parse('2025-03-12T09:00:00+08:00')), pinned: true },
      ],
      850,
    ),
    expect: { notDefinite: true },
  },
  {
    name: 'weibo-mm-dd-later-than-today',
    platform: 'weibo',
    platformCell: '微博',
    row: weiboRow(wu(6)),
    id: wu(6),
    story: 'Implausible date: the newest unpinned post shows "12-20" (after today, 12-06), above posts of 2026-08-01 and 2026-07-15; mymblog leaves it out.',
    answers: weiboNormal(
      wu(6),
      '江城文旅',
      [{ shown: '12-20' }, { shown: '2026-08-01', at: sec(Date.parse('2026-08-01T09:00:00+08:00')) }, { shown: '2026-07-15', at: sec(Date.parse('2026-07-15T09:00:00+08:00')) }],
      3,
    ),
    expect: { notDefinite: true },
  },
  {
    name: 'weibo-jintian-0930',
    platform: 'weibo',
    platformCell: '微博',
    row: weiboRow(wu(7)),
    id: wu(7),
    story: 'Implausible date: the newest post shows "今天 09:30" (a form no note lists; at 08:00 it would be in the future), then 2026-06-01.',
    answers: weiboNormal(wu(7), '江城气象', [{ shown: '今天 09:30' }, { shown: '2026-06-01', at: sec(Date.parse('2026-06-01T09:00:00+08:00')) }], 2),
    // Lead's decision: 今天 HH:MM is read against the audit instant (issue #25 rule 4); 1.5 h ahead is within the day of clock skew the rules allow, so it is today's post.
    expect: { status: 'active' },
  },
  {
    name: 'weibo-profile-of-another-uid',
    platform: 'weibo',
    platformCell: '微博',
    row: weiboRow(wu(8)),
    id: wu(8),
    story: 'Another account: getIndex for this uid answers userInfo.id 7799999999 (another name); ajax/profile/info names the same other uid; its posts are recent.',
    answers: weibo(wu(8), {
      user: ok(weiboUser(wu(8), { name: '别的用户', statuses: 300, followers: 100, idOverride: '7799999999' })),
      cards: ok(weiboCards(wu(8), [{ shown: '2小时前', userId: '7799999999' }], 300)),
      info: ok(weiboInfo(wu(8), { name: '别的用户', statuses: 300, followers: 100, idOverride: '7799999999' })),
      mymblog: ok(weiboMymblog(wu(8), [{ shown: '2小时前', at: sec(NOW_MS - 2 * 3600_000), userId: '7799999999' }])),
    }).concat([
      // The weibo tab of the answer names the other uid's containerid; the platform answers it with that account's posts.
      { host: M_WEIBO, path: '/api/container/getIndex', query: { containerid: '1076037799999999' }, reply: ok(weiboCards('7799999999', [{ shown: '2小时前', userId: '7799999999' }], 300)), source: SRC_WB_CARDS },
    ]),
    expect: { notDefinite: true },
  },
  {
    name: 'weibo-posts-of-another-uid',
    platform: 'weibo',
    platformCell: '微博',
    row: weiboRow(wu(9)),
    id: wu(9),
    story: 'Another account: the user is this uid (640 posts), but every post in the list and in mymblog has mblog.user.id 7788888888.',
    answers: weibo(wu(9), {
      user: ok(weiboUser(wu(9), { name: '江城卫健', statuses: 640, followers: 64000 })),
      cards: ok(weiboCards(wu(9), [{ shown: '1小时前', userId: '7788888888' }, { shown: '昨天 12:00', userId: '7788888888' }], 640)),
      info: ok(weiboInfo(wu(9), { name: '江城卫健', statuses: 640, followers: 64000 })),
      mymblog: ok(weiboMymblog(wu(9), [{ shown: '1小时前', at: sec(NOW_MS - 3600_000), userId: '7788888888' }])),
    }),
    expect: { notDefinite: true },
  },
  {
    name: 'weibo-count-0-with-yesterdays-post',
    platform: 'weibo',
    platformCell: '微博',
    row: weiboRow(wu(10)),
    id: wu(10),
    story: 'Contradictory: userInfo and ajax/profile/info say statuses_count 0; the list (total 0) shows a post of this uid from 昨天 10:00.',
    answers: weibo(wu(10), {
      user: ok(weiboUser(wu(10), { name: '江城教育', statuses: 0, followers: 3000 })),
      cards: ok(weiboCards(wu(10), [{ shown: '昨天 10:00' }], 0)),
      info: ok(weiboInfo(wu(10), { name: '江城教育', statuses: 0, followers: 3000 })),
      mymblog: ok(weiboMymblog(wu(10), [{ shown: '昨天 10:00', at: sec(Date.parse('2026-12-05T10:00:00+08:00')) }])),
    }),
    // Lead's decision: issue #25 rule 3: a count of 0 beside listed posts follows the list.
    expect: { status: 'active' },
  },
  {
    name: 'weibo-login-wall-ok-minus-100',
    platform: 'weibo',
    platformCell: '微博',
    row: weiboRow(wu(11)),
    id: wu(11),
    story: 'Blocked: getIndex answers {"ok":-100,"url":"https://passport.weibo.com/sso/signin?..."}; ajax endpoints answer 432.',
    answers: weibo(wu(11), {
      user: ok({ ok: -100, url: 'https://passport.weibo.com/sso/signin?entry=wapsso&source=wapssowb&url=https%3A%2F%2Fm.weibo.cn%2F' }),
      cards: ok({ ok: -100, url: 'https://passport.weibo.com/sso/signin?entry=wapsso&source=wapssowb&url=https%3A%2F%2Fm.weibo.cn%2F' }),
      info: { status: 432, body: '' },
      mymblog: { status: 432, body: '' },
      src: { user: '[P Weibo "Blocked: JSON ok:-100 with a url to passport sign-in"]', cards: '[same]', info: '[P Weibo "Blocked: HTTP 432"]', mymblog: '[same]' },
    }),
    expect: { notDefinite: true },
  },
  {
    name: 'weibo-http-500-not-found-body',
    platform: 'weibo',
    platformCell: '微博',
    row: weiboRow(wu(12)),
    id: wu(12),
    story: 'Not-found body under HTTP 500: getIndex and ajax/profile/info answer status 500 with {"ok":0,"msg":"这里还没有内容"} / 用户不存在.',
    answers: weibo(wu(12), {
      user: { status: 500, body: WEIBO_EMPTY },
      cards: { status: 500, body: WEIBO_EMPTY },
      info: { status: 500, body: { ok: 0, msg: '用户不存在' } },
      mymblog: { status: 500, body: { ok: 0, msg: '用户不存在' } },
      src: { user: '[P Weibo "Ambiguous" body; status 500 a guess]', cards: '[same]', info: '[guess: no note gives ajax/profile/info\'s not-found body]', mymblog: '[guess]' },
    }),
    expect: { notDefinite: true },
  },
];

// ---------------------------------------------------------------------------------------------
// Douyin [P Douyin; FC Douyin; BR 1.1; RA douyin/*]
// ---------------------------------------------------------------------------------------------

const DOUYIN = 'www.douyin.com';
const ds = (n: number) => `MS4wLjABAAAAbAdDaY${String(n).padStart(2, '0')}govAuditBadDayTestAccountPadding000`;
const douyinRow = (secUid: string) => `https://www.douyin.com/user/${secUid}?from_tab_name=main`;

interface DouyinPost {
  create?: number;
  /** Date carried by the aweme id (default: `create`). */
  idAt?: number;
  top?: boolean;
  secUid?: string;
}

function douyinProfile(secUid: string, o: { nickname: string; awemeCount?: number; followers?: number; secOverride?: string; extra?: Record<string, unknown> }): object {
  const user: Record<string, unknown> = {
    nickname: o.nickname,
    follower_count: o.followers ?? 88000,
    max_follower_count: o.followers ?? 88000,
    following_count: 12,
    total_favorited: 345678,
    is_ban: false,
    is_gov_media_vip: true,
    enterprise_verify_reason: `${o.nickname}官方抖音号`,
    sec_uid: o.secOverride ?? secUid,
    uid: '66598046050' + secUid.slice(18, 20),
    unique_id: 'jiangcheng' + secUid.slice(18, 20),
    ...o.extra,
  };
  if (o.awemeCount !== undefined) user.aweme_count = o.awemeCount;
  return { extra: { fatal_item_ids: [], logid: '20261206080000BADDAY', now: NOW_MS }, log_pb: { impr_id: '20261206080000BADDAY' }, status_code: 0, status_msg: null, user };
}

function douyinPosts(secUid: string, posts: DouyinPost[], paging: { hasMore: number; cursors: boolean } = { hasMore: 0, cursors: true }): object {
  const list = posts.map((p, i) => {
    const item: Record<string, unknown> = {
      aweme_id: awemeId(p.idAt ?? p.create ?? daysAgo(400), i),
      desc: `政务短视频 ${i + 1}`,
      is_top: p.top ? 1 : 0,
      author: { uid: '66598046050', nickname: p.secUid ? '别的账号' : '江城发布', sec_uid: p.secUid ?? secUid, is_ban: false },
    };
    if (p.create !== undefined) item.create_time = p.create;
    return item;
  });
  const body: Record<string, unknown> = { status_code: 0 };
  if (paging.cursors) {
    const times = posts.filter((p) => !p.top).map((p) => (p.create ?? 0) * 1000);
    body.min_cursor = times.length ? Math.max(...times) : 0;
    body.max_cursor = times.length ? Math.min(...times) : 0;
    body.has_more = paging.hasMore;
  }
  body.aweme_list = list;
  body.log_pb = { impr_id: '20261206080000BADDAY' };
  return body;
}

const SRC_DY_PROFILE = '[P Douyin "JSON APIs ... profile/other"; RA douyin/web-user-profile-other-2023.json]';
const SRC_DY_POSTS = '[P Douyin "aweme/post"; RA douyin/aweme-post-pinned-first-2023.json]';

function douyin(secUid: string, o: { profile: Reply; posts: Reply; src?: { profile?: string; posts?: string } }): AnswerRule[] {
  return [
    { host: DOUYIN, path: '/aweme/v1/web/user/profile/other/', query: { sec_user_id: secUid }, reply: o.profile, source: o.src?.profile ?? SRC_DY_PROFILE },
    { host: DOUYIN, path: '/aweme/v1/web/aweme/post/', query: { sec_user_id: secUid }, reply: o.posts, source: o.src?.posts ?? SRC_DY_POSTS },
    { host: DOUYIN, path: `/user/${secUid}`, reply: ok(DOUYIN_CAPTCHA_PAGE, { 'content-type': 'text/html' }), source: '[RA douyin/user-page-captcha-middle-page-2023.html: what the profile page gives a script]' },
  ];
}

const douyinCommon = (): AnswerRule[] => {
  const cctv = 'MS4wLjABAAAAgq8cb7cn9ByhZbmx-XQDdRTvFzmJeBBXOUO4QflP96M';
  return douyin(cctv, {
    profile: ok({
      status_code: 0,
      user: { aweme_count: 7781, enterprise_verify_reason: '央视新闻官方抖音号', follower_count: 153036243, is_gov_media_vip: true, nickname: '央视新闻', sec_uid: cctv, uid: '66598046050', unique_id: 'cctvnews' },
    }),
    posts: ok(douyinPosts(cctv, [{ create: daysAgo(0.2) }, { create: daysAgo(0.5) }], { hasMore: 1, cursors: true })),
    src: { profile: 'canary: [P Douyin "Real answer" (央视新闻)]', posts: 'canary: [RA douyin/aweme-post-pinned-first-2023.json shape; dates reconstructed]' },
  });
};

const douyinCases: BadDayCase[] = [
  {
    name: 'douyin-clear-active',
    platform: 'douyin',
    platformCell: '抖音',
    row: douyinRow(ds(1)),
    id: ds(1),
    story: 'CLEAR: profile of this sec_uid (800 works); post list: 3 pinned works from 2021–2023 first, then works 1 and 3 days old (ids agree with create_time), has_more 1.',
    answers: douyin(ds(1), {
      profile: ok(douyinProfile(ds(1), { nickname: '江城发布', awemeCount: 800 })),
      posts: ok(
        douyinPosts(ds(1), [
          { create: 1640058284, top: true },
          { create: 1630467778, top: true },
          { create: 1693537043, top: true },
          { create: daysAgo(1) },
          { create: daysAgo(3) },
          { create: daysAgo(6) },
        ], { hasMore: 1, cursors: true }),
      ),
    }),
    expect: { status: 'active' },
  },
  {
    name: 'douyin-empty-200-bodies',
    platform: 'douyin',
    platformCell: '抖音',
    row: douyinRow(ds(2)),
    id: ds(2),
    story: 'Blocked looking empty: profile and post list answer HTTP 200 with an empty body (the usual answer to a bot).',
    answers: douyin(ds(2), { profile: ok(''), posts: ok(''), src: { profile: '[P Douyin "Blocked: HTTP 200 with an empty body"]', posts: '[same]' } }),
    expect: { notDefinite: true },
  },
  {
    name: 'douyin-literal-blocked',
    platform: 'douyin',
    platformCell: '抖音',
    row: douyinRow(ds(3)),
    id: ds(3),
    story: 'Blocked: both APIs answer the literal body `blocked`.',
    answers: douyin(ds(3), { profile: ok('blocked', { 'content-type': 'text/plain' }), posts: ok('blocked', { 'content-type': 'text/plain' }), src: { profile: '[FC Douyin "A literal body blocked means blocked"; BR 1.1]', posts: '[same]' } }),
    expect: { notDefinite: true },
  },
  {
    name: 'douyin-status-0-no-list',
    platform: 'douyin',
    platformCell: '抖音',
    row: douyinRow(ds(4)),
    id: ds(4),
    story: 'Blocked looking empty: profile counts 300 works; the post list answers {"status_code":0} with no aweme_list (not logged in).',
    answers: douyin(ds(4), { profile: ok(douyinProfile(ds(4), { nickname: '江城公安', awemeCount: 300 })), posts: ok({ status_code: 0 }), src: { posts: '[P Douyin "Empty is not zero"; FC Douyin "status_code: 0 with no aweme_list means not logged in"]' } }),
    expect: { notDefinite: true },
  },
  {
    name: 'douyin-count-positive-empty-list',
    platform: 'douyin',
    platformCell: '抖音',
    row: douyinRow(ds(5)),
    id: ds(5),
    story: 'Contradictory: profile counts 120 works; the list answers status_code 0, aweme_list [], has_more 0.',
    answers: douyin(ds(5), { profile: ok(douyinProfile(ds(5), { nickname: '江城交警', awemeCount: 120 })), posts: ok(douyinPosts(ds(5), [], { hasMore: 0, cursors: true })), src: { posts: '[P Douyin "Empty is not zero ... status_code 0 with an empty list"]' } }),
    expect: { notDefinite: true },
  },
  {
    name: 'douyin-only-pinned-of-hundreds',
    platform: 'douyin',
    platformCell: '抖音',
    row: douyinRow(ds(6)),
    id: ds(6),
    story: 'Partial: profile counts 640 works; the list holds only the 3 pinned works (is_top 1) of 2021–2023, has_more 0.',
    answers: douyin(ds(6), {
      profile: ok(douyinProfile(ds(6), { nickname: '江城文旅', awemeCount: 640 })),
      posts: ok(douyinPosts(ds(6), [{ create: 1640058284, top: true }, { create: 1630467778, top: true }, { create: 1618717602, top: true }], { hasMore: 0, cursors: true })),
      src: { posts: '[RA douyin/aweme-post-pinned-first-2023.json: its 3 pinned items only; FC Douyin "list may leave out the newest works"]' },
    }),
    expect: { notDefinite: true },
  },
  {
    name: 'douyin-cancelled-account',
    platform: 'douyin',
    platformCell: '抖音',
    row: douyinRow(ds(7)),
    id: ds(7),
    story: 'Cancelled: an ordinary-looking profile with special_state_info.special_state 1, user_deleted true, nickname 账号已注销, aweme_count 0; empty list. Must never read as "never posted" (zombie).',
    answers: douyin(ds(7), {
      profile: ok(douyinProfile(ds(7), { nickname: '账号已注销', awemeCount: 0, followers: 0, extra: { special_state_info: { special_state: 1, title: '账号已注销', content: '' }, user_deleted: true } })),
      posts: ok(douyinPosts(ds(7), [], { hasMore: 0, cursors: true })),
      src: { profile: '[FC Douyin "Cancelled accounts answer as an ordinary profile: special_state_info.special_state === 1 and user_deleted === true"]' },
    }),
    expect: { oneOf: ['not-found', 'unverified'] },
  },
  {
    name: 'douyin-profile-of-another-sec-uid',
    platform: 'douyin',
    platformCell: '抖音',
    row: douyinRow(ds(8)),
    id: ds(8),
    story: 'Another account: the profile asked for this sec_uid answers user.sec_uid of 央视新闻-like other account; the posts name that other sec_uid too.',
    answers: douyin(ds(8), {
      profile: ok(douyinProfile(ds(8), { nickname: '别的账号', awemeCount: 50, secOverride: ds(98) })),
      posts: ok(douyinPosts(ds(8), [{ create: daysAgo(1), secUid: ds(98) }], { hasMore: 0, cursors: true })),
    }),
    expect: { notDefinite: true },
  },
  {
    name: 'douyin-posts-of-another-sec-uid',
    platform: 'douyin',
    platformCell: '抖音',
    row: douyinRow(ds(9)),
    id: ds(9),
    story: 'Another account: the profile is this sec_uid (200 works), the list\'s works are all by another sec_uid (author.sec_uid), 1–2 days old.',
    answers: douyin(ds(9), {
      profile: ok(douyinProfile(ds(9), { nickname: '江城卫健', awemeCount: 200 })),
      posts: ok(douyinPosts(ds(9), [{ create: daysAgo(1), secUid: ds(97) }, { create: daysAgo(2), secUid: ds(97) }], { hasMore: 1, cursors: true })),
    }),
    expect: { notDefinite: true },
  },
  {
    name: 'douyin-work-20-days-in-future',
    platform: 'douyin',
    platformCell: '抖音',
    row: douyinRow(ds(10)),
    id: ds(10),
    story: 'Implausible date: the newest work (id and create_time agree) is 20 days after the audit instant; the next is 150 days old.',
    answers: douyin(ds(10), {
      profile: ok(douyinProfile(ds(10), { nickname: '江城水务', awemeCount: 2 })),
      posts: ok(douyinPosts(ds(10), [{ create: daysAgo(-20) }, { create: daysAgo(150) }], { hasMore: 0, cursors: true })),
    }),
    expect: { notDefinite: true },
  },
  {
    name: 'douyin-create-time-vs-id-disagree',
    platform: 'douyin',
    platformCell: '抖音',
    row: douyinRow(ds(11)),
    id: ds(11),
    story: 'Contradictory dates: create_time says yesterday but the aweme id (>>32) says 2 years ago, for every work.',
    answers: douyin(ds(11), {
      profile: ok(douyinProfile(ds(11), { nickname: '江城气象', awemeCount: 2 })),
      posts: ok(douyinPosts(ds(11), [{ create: daysAgo(1), idAt: daysAgo(730) }, { create: daysAgo(2), idAt: daysAgo(731) }], { hasMore: 0, cursors: true })),
      src: { posts: '[P Douyin "An aweme id carries its own date ... within seconds of create_time"; ids made to disagree]' },
    }),
    expect: { notDefinite: true },
  },
  {
    name: 'douyin-short-list-no-paging',
    platform: 'douyin',
    platformCell: '抖音',
    row: douyinRow(ds(12)),
    id: ds(12),
    story: 'Partial: profile counts 500 works; the list gives 4 works ~200 days old, with no has_more and no cursors.',
    answers: douyin(ds(12), {
      profile: ok(douyinProfile(ds(12), { nickname: '江城民政', awemeCount: 500 })),
      posts: ok(douyinPosts(ds(12), [200, 205, 220, 240].map((d) => ({ create: daysAgo(d) })), { hasMore: 0, cursors: false })),
      src: { posts: '[P Douyin "aweme/post ... has_more, max_cursor" removed; FC Douyin "list may leave out the newest works"]' },
    }),
    expect: { notDefinite: true },
  },
  {
    name: 'douyin-missing-count-empty-list',
    platform: 'douyin',
    platformCell: '抖音',
    row: douyinRow(ds(13)),
    id: ds(13),
    story: 'Incomplete: the profile has no aweme_count; the list is status_code 0 with aweme_list [] and has_more 0.',
    answers: douyin(ds(13), {
      profile: ok(douyinProfile(ds(13), { nickname: '江城人社' })),
      posts: ok(douyinPosts(ds(13), [], { hasMore: 0, cursors: true })),
      src: { profile: '[RA douyin/web-user-profile-other-2023.json, aweme_count removed]', posts: '[P Douyin "Empty is not zero"]' },
    }),
    expect: { notDefinite: true },
  },
  {
    name: 'douyin-profile-without-nickname',
    platform: 'douyin',
    platformCell: '抖音',
    row: douyinRow(ds(14)),
    id: ds(14),
    story: 'Blocked: the profile answers status_code 0 with a user object holding no nickname and no counts; the list answers {"status_code":0}.',
    answers: douyin(ds(14), {
      profile: ok({ status_code: 0, status_msg: null, user: { sec_uid: ds(14) } }),
      posts: ok({ status_code: 0 }),
      src: { profile: '[P Douyin "Blocked: ... a state with no user.nickname" (said of the page state; its API form is a guess)]', posts: '[FC Douyin "status_code: 0 with no aweme_list means not logged in"]' },
    }),
    expect: { notDefinite: true },
  },
];

// ---------------------------------------------------------------------------------------------
// Kuaishou [P Kuaishou; FC Kuaishou; BR 1.2; RA kuaishou/*]
// ---------------------------------------------------------------------------------------------

const KUAISHOU = 'www.kuaishou.com';
const kid = (n: number) => `3xbadday${String(n).padStart(7, '0')}`;
const kuaishouRow = (id: string) => `https://www.kuaishou.com/profile/${id}`;

interface KsPhoto {
  ts?: number;
  authorId?: string;
  top?: boolean;
}

function ksProfile(id: string, o: { name: string; photoPublic: number | null; fan?: string; userIdOverride?: string; result?: number; nullProfile?: boolean }): object {
  return {
    data: {
      visionProfile: {
        result: o.result ?? 1,
        hostName: 'public-bjmt-c9-kce-node582.idcyz.hb1.kwaidc.com',
        userProfile: o.nullProfile
          ? null
          : {
              ownerCount: { fan: o.fan ?? '12.3w', photo: null, follow: 88, photo_public: o.photoPublic, __typename: 'VisionUserProfileOwnerCount' },
              profile: { gender: 'M', user_name: o.name, user_id: o.userIdOverride ?? id, headurl: 'https://p2.a.yximgs.com/uhead/AB/2026/01/01/00/x.jpg', user_text: '', __typename: 'VisionUserProfileUser' },
              isFollowing: false,
              __typename: 'VisionUserProfile',
            },
        __typename: 'VisionProfileResult',
      },
    },
  };
}

function ksFeeds(id: string, photos: KsPhoto[]): object[] {
  return photos.map((p, i) => {
    const photo: Record<string, unknown> = {
      id: `3xph${id.slice(-6)}${String(i).padStart(4, '0')}`,
      duration: 9800,
      caption: `政务视频 ${i + 1}`,
      likeCount: '761',
      viewCount: '15402',
      realLikeCount: 761,
      coverUrl: 'https://p2.a.yximgs.com/upic/2026/01/01/00/x.jpg',
      expTag: '1_i/2005176069751607249_xpcwebprofilexxnull0',
      // [P Kuaishou "pinned posts via profileUserTopPhoto"]; the real capture has null; `true` for a pinned one is a guess.
      profileUserTopPhoto: p.top ? true : null,
      __typename: 'PhotoEntity',
    };
    if (p.ts !== undefined) photo.timestamp = p.ts;
    return {
      type: 1,
      author: { id: p.authorId ?? id, name: p.authorId ? '别的用户' : '江城发布', following: false, headerUrls: null, __typename: 'Author' },
      photo,
      canAddComment: 0,
      llsid: '2005176069751607249',
      status: 0,
      currentPcursor: '',
      __typename: 'Feed',
    };
  });
}

const ksList = (id: string, photos: KsPhoto[], pcursor: string): object => ({
  data: { visionProfilePhotoList: { result: 1, llsid: '2005176069751607249', webPageArea: 'profilexxnull', feeds: ksFeeds(id, photos), hostName: null, pcursor, __typename: 'VisionProfilePhotoList' } },
});
const ksRest = (id: string, photos: KsPhoto[], pcursor: string): object => ({ result: 1, pcursor, feeds: ksFeeds(id, photos) });

const SRC_KS_PROFILE = '[P Kuaishou "GraphQL visionProfile"; RA kuaishou/graphql-visionProfile-2022.json]';
const SRC_KS_LIST = '[P Kuaishou "visionProfilePhotoList"; RA kuaishou/graphql-visionProfilePhotoList-2022.json]';
const SRC_KS_REST = '[FC Kuaishou "POST /rest/v/profile/feed"; BR 1.2 "{result, pcursor, feeds}"; items "said to have the same shape (unconfirmed)"]';

function kuaishou(id: string, o: { profile: Reply; list: Reply; rest: Reply; src?: { profile?: string; list?: string; rest?: string } }): AnswerRule[] {
  return [
    { host: KUAISHOU, path: '/graphql', method: 'POST', json: { operationName: 'visionProfile', 'variables.userId': id }, reply: o.profile, source: o.src?.profile ?? SRC_KS_PROFILE },
    { host: KUAISHOU, path: '/graphql', method: 'POST', json: { operationName: 'visionProfilePhotoList', 'variables.userId': id }, reply: o.list, source: o.src?.list ?? SRC_KS_LIST },
    { host: KUAISHOU, path: '/rest/v/profile/feed', method: 'POST', json: { user_id: id }, reply: o.rest, source: o.src?.rest ?? SRC_KS_REST },
  ];
}

function kuaishouNormal(id: string, name: string, photos: KsPhoto[], photoPublic: number | null, pcursor = 'no_more', profileOverride?: Partial<Parameters<typeof ksProfile>[1]>): AnswerRule[] {
  return kuaishou(id, {
    profile: ok(ksProfile(id, { name, photoPublic, ...profileOverride })),
    list: ok(ksList(id, photos, pcursor)),
    rest: ok(ksRest(id, photos, pcursor)),
  });
}

const kuaishouCommon = (): AnswerRule[] =>
  kuaishouNormal('3x27q2f82gnxn4e', '徐医 .', [{ ts: daysAgoMs(1) }, { ts: daysAgoMs(4) }], 202, '1.648548115016E12', { fan: '169.8w' }).map((r) => ({ ...r, source: `canary: ${r.source}; dates reconstructed` }));

const kuaishouCases: BadDayCase[] = [
  {
    name: 'kuaishou-clear-active',
    platform: 'kuaishou',
    platformCell: '快手',
    row: kuaishouRow(kid(1)),
    id: kid(1),
    story: 'CLEAR: visionProfile result 1 for this user_id (150 public works); the list (GraphQL and REST alike) by this author, newest 1 day old (ms), pcursor like the real one.',
    answers: kuaishouNormal(kid(1), '江城发布', [{ ts: daysAgoMs(1) }, { ts: daysAgoMs(5) }, { ts: daysAgoMs(9) }], 150, '1.764900000000E12'),
    expect: { status: 'active' },
  },
  {
    name: 'kuaishou-result-2-null-profile',
    platform: 'kuaishou',
    platformCell: '快手',
    row: kuaishouRow(kid(2)),
    id: kid(2),
    story: 'Blocked: visionProfile answers result 2 with userProfile null (too fast / logged out); the REST list result 50 (unsigned); the GraphQL list result 2, no feeds.',
    answers: kuaishou(kid(2), {
      profile: ok(ksProfile(kid(2), { name: '', photoPublic: null, result: 2, nullProfile: true })),
      list: ok({ data: { visionProfilePhotoList: { result: 2, feeds: [], pcursor: '', hostName: null, __typename: 'VisionProfilePhotoList' } } }),
      rest: ok({ result: 50, error_msg: '签名验证失败' }),
      src: { profile: '[FC Kuaishou "logged out, GraphQL visionProfile answers result: 2 with userProfile: null"]', list: '[P Kuaishou "result: 2 (rate limited, 操作太快了)"]', rest: '[FC Kuaishou "unsigned → result: 50"]' },
    }),
    expect: { notDefinite: true },
  },
  {
    name: 'kuaishou-count-positive-empty-list',
    platform: 'kuaishou',
    platformCell: '快手',
    row: kuaishouRow(kid(3)),
    id: kid(3),
    story: 'Contradictory: photo_public 88 while the list answers result 1, feeds [] and pcursor "no_more".',
    answers: kuaishouNormal(kid(3), '江城公安', [], 88),
    expect: { notDefinite: true },
  },
  {
    name: 'kuaishou-timestamps-in-microseconds',
    platform: 'kuaishou',
    platformCell: '快手',
    row: kuaishouRow(kid(4)),
    id: kid(4),
    story: 'Implausible unit: photo.timestamp given in microseconds (16 digits) instead of milliseconds.',
    answers: kuaishouNormal(kid(4), '江城交警', [{ ts: daysAgoMs(2) * 1000 }, { ts: daysAgoMs(6) * 1000 }], 2),
    // Lead's decision: issue #25 rule 4 asks units to be recognised (seconds, ms, µs), never assumed: a 16-digit stamp is recognised as µs and read as the instant it names.
    expect: { status: 'active' },
  },
  {
    name: 'kuaishou-feeds-of-another-author',
    platform: 'kuaishou',
    platformCell: '快手',
    row: kuaishouRow(kid(5)),
    id: kid(5),
    story: 'Another account: the profile is this user (60 works); every feed item\'s author.id is 3xotheruser0001, 1–3 days old.',
    answers: kuaishouNormal(kid(5), '江城文旅', [{ ts: daysAgoMs(1), authorId: '3xotheruser0001' }, { ts: daysAgoMs(3), authorId: '3xotheruser0001' }], 60, '1.764900000000E12'),
    expect: { notDefinite: true },
  },
  {
    name: 'kuaishou-profile-of-another-user',
    platform: 'kuaishou',
    platformCell: '快手',
    row: kuaishouRow(kid(6)),
    id: kid(6),
    story: 'Another account: visionProfile for this userId answers profile.user_id 3xotheruser0002 (another name); the list is empty.',
    answers: kuaishouNormal(kid(6), '别的用户', [], 0, 'no_more', { userIdOverride: '3xotheruser0002' }),
    expect: { notDefinite: true },
  },
  {
    name: 'kuaishou-only-pinned-of-hundreds',
    platform: 'kuaishou',
    platformCell: '快手',
    row: kuaishouRow(kid(7)),
    id: kid(7),
    story: 'Partial: photo_public 400; the list holds only 2 pinned works (profileUserTopPhoto set) from 2024, pcursor "no_more".',
    answers: kuaishouNormal(kid(7), '江城卫健', [{ ts: Date.parse('2024-05-01T10:00:00+08:00'), top: true }, { ts: Date.parse('2024-02-01T10:00:00+08:00'), top: true }], 400),
    expect: { notDefinite: true },
  },
  {
    name: 'kuaishou-before-platform-existed',
    platform: 'kuaishou',
    platformCell: '快手',
    row: kuaishouRow(kid(8)),
    id: kid(8),
    story: 'Implausible date: 2 works counted and listed, timestamps 2001-09-09 and 2001-09-08 (ms) — before Kuaishou existed (2011).',
    answers: kuaishouNormal(kid(8), '江城水务', [{ ts: 1_000_000_000_000 }, { ts: 999_913_600_000 }], 2),
    expect: { notDefinite: true },
  },
  {
    name: 'kuaishou-graphql-errors',
    platform: 'kuaishou',
    platformCell: '快手',
    row: kuaishouRow(kid(9)),
    id: kid(9),
    story: 'Blocked: both GraphQL operations answer a GraphQL `errors` array with data null; REST answers result 2001 antispam need captcha.',
    answers: kuaishou(kid(9), {
      profile: ok({ errors: [{ message: 'Internal error', extensions: { code: 'INTERNAL' } }], data: null }),
      list: ok({ errors: [{ message: 'Internal error', extensions: { code: 'INTERNAL' } }], data: null }),
      rest: ok({ result: 2001, error_msg: '[2001] antispam need captcha', captchaConfig: 'https://captcha.zt.kuaishou.com/rest/zt/captcha/sliding/config' }),
      src: { profile: '[P Kuaishou "Blocked: a GraphQL errors array"; error text guessed]', list: '[same]', rest: '[BR 1.2 "result 2001 antispam need captcha"]' },
    }),
    expect: { notDefinite: true },
  },
  {
    name: 'kuaishou-newest-undated',
    platform: 'kuaishou',
    platformCell: '快手',
    row: kuaishouRow(kid(10)),
    id: kid(10),
    story: 'Undated newest item: the first (newest) work has no timestamp; the other two are 120+ days old; 3 works counted.',
    answers: kuaishouNormal(kid(10), '江城气象', [{}, { ts: daysAgoMs(120) }, { ts: daysAgoMs(130) }], 3),
    expect: { notDefinite: true },
  },
  {
    name: 'kuaishou-result-109-logged-out',
    platform: 'kuaishou',
    platformCell: '快手',
    row: `https://live.kuaishou.com/profile/${kid(11)}`,
    id: kid(11),
    story: 'Blocked: the login lapsed (result 1 → 109): both GraphQL operations answer result 109 with no profile and no feeds; REST result 109.',
    answers: kuaishou(kid(11), {
      profile: ok(ksProfile(kid(11), { name: '', photoPublic: null, result: 109, nullProfile: true })),
      list: ok({ data: { visionProfilePhotoList: { result: 109, feeds: [], pcursor: '', hostName: null, __typename: 'VisionProfilePhotoList' } } }),
      rest: ok({ result: 109 }),
      src: { profile: '[P Kuaishou "result: 109 (logged out)"; FC Kuaishou "A login lasts about 20 minutes ... result goes 1 → 109 → 2"]', list: '[same]', rest: '[same]' },
    }),
    expect: { notDefinite: true },
  },
];

// ---------------------------------------------------------------------------------------------
// Xiaohongshu [P Xiaohongshu; FC Xiaohongshu; BR 1.3; RA xiaohongshu/*]
// ---------------------------------------------------------------------------------------------

const XHS = 'www.xiaohongshu.com';
const EDITH = 'edith.xiaohongshu.com';
const xid = (n: number) => noteId(1_593_835_520, 0xbd00 + n); // user ids have the note-id shape (2020 creation)
const xhsRow = (id: string) => `https://www.xiaohongshu.com/user/profile/${id}?xsec_token=ABbadday${id.slice(-4)}Zz0%3D&xsec_source=pc_note`;

interface XhsNote {
  at: number;
  sticky?: boolean;
  userId?: string;
}

function xhsState(id: string, o: { loggedIn: boolean; nickname: string; notes: XhsNote[]; hasMore: boolean; bannedInfo?: object }): object {
  const notes = o.notes.map((n, i) => {
    const nid = noteId(n.at, i);
    return {
      id: nid,
      noteCard: {
        type: 'normal',
        displayTitle: `政务笔记 ${i + 1}`,
        user: { avatar: 'https://sns-avatar-qc.xhscdn.com/avatar/x.jpg', userId: n.userId ?? id, nickname: n.userId ? '别的用户' : o.nickname, nickName: n.userId ? '别的用户' : o.nickname },
        interactInfo: { sticky: n.sticky ?? false, liked: false, likedCount: '12' },
        cover: { url: '', traceId: '', infoList: [], fileId: '', height: 1440, width: 1080 },
        noteId: nid,
      },
      index: i,
      exposed: false,
    };
  });
  const viewer = o.loggedIn
    ? { nickname: '巡检员', desc: '', gender: 0, images: '', imageb: '', guest: false, red_id: '5443294236', user_id: '632fb88d00000000230398a1', userId: '632fb88d00000000230398a1', redId: '5443294236' }
    : { guest: true, userId: '', user_id: '' };
  return {
    global: { serverTime: NOW_MS, grayMode: false, referer: '', pwaAddDesktopPrompt: '__UNDEF__', firstVisitUrl: null, currentLayout: 'default' },
    user: {
      loggedIn: o.loggedIn,
      activated: false,
      userInfo: viewer,
      follow: [],
      userPageData: {
        result: { success: true, code: 0, message: 'success' },
        basicInfo: { images: '', redId: '6597069238', gender: 1, ipLocation: '江西', desc: '', imageb: '', nickname: o.nickname },
        interactions: [
          { count: '3', type: 'follows', name: '关注' },
          { type: 'fans', name: '粉丝', count: '3352' },
          { type: 'interaction', name: '获赞与收藏', count: '22820' },
        ],
        tags: [],
        tabPublic: { collection: false },
        extraInfo: { fstatus: 'none' },
      },
      activeTabKey: 0,
      notes: [notes, [], []],
      isFetchingNotes: [false, false, false],
      tabScrollTop: [0, 0, 0],
      userFetchingStatus: 'resolved',
      userNoteFetchingStatus: 'resolved',
      bannedInfo: o.bannedInfo ?? { code: 0, showAlert: false, reason: '' },
      firstFetchNote: false,
      noteQueries: [
        { num: 30, cursor: '', userId: id, hasMore: o.hasMore },
        { num: 30, cursor: '', userId: id, hasMore: true },
        { num: 30, cursor: '', userId: id, hasMore: true },
      ],
    },
    login: { loginMethod: '__UNDEF__', from: '', showLogin: !o.loggedIn },
    note: { noteDetailMap: {}, serverRequestInfo: { state: 'success', errorCode: 0, errMsg: '' } },
  };
}

function xhsPage(state: object): string {
  const js = JSON.stringify(state).replace(/"__UNDEF__"/g, 'undefined');
  return `<!doctype html><html><head><meta charset="utf-8"><title>小红书 - 你的生活指南</title></head><body><div id="app"></div><script>window.__INITIAL_STATE__=${js}</script></body></html>`;
}

function xhsPosted(id: string, o: { nickname: string; notes: XhsNote[]; hasMore: boolean }): object {
  return {
    code: 0,
    success: true,
    msg: '成功',
    data: {
      cursor: o.notes.length ? noteId(o.notes[o.notes.length - 1]!.at, o.notes.length - 1) : '',
      notes: o.notes.map((n, i) => ({
        interact_info: { liked: false, liked_count: '12', sticky: n.sticky ?? false },
        cover: { file_id: '', height: 1440, width: 1080, url: '', trace_id: '' },
        note_id: noteId(n.at, i),
        type: 'normal',
        display_title: `政务笔记 ${i + 1}`,
        user: { nick_name: n.userId ? '别的用户' : o.nickname, nickname: n.userId ? '别的用户' : o.nickname, avatar: '', user_id: n.userId ?? id },
      })),
      has_more: o.hasMore,
    },
  };
}

const SRC_XHS_PAGE = '[P Xiaohongshu "Page state"; RA xiaohongshu/user-profile-initial-state-2023.json]';
const SRC_XHS_POSTED = '[BR 1.3 "user_posted"; RA xiaohongshu/user-posted-api-2023.json]';
const SRC_XHS_OTHER = '[BR 1.3 "otherinfo ... data.basic_info"; envelope as RA user-posted-api-2023.json]';

function xhs(id: string, o: { page: Reply; posted: Reply; other: Reply; src?: { page?: string; posted?: string; other?: string } }): AnswerRule[] {
  return [
    { host: XHS, path: `/user/profile/${id}`, reply: o.page, source: o.src?.page ?? SRC_XHS_PAGE },
    { host: EDITH, path: '/api/sns/web/v1/user_posted', query: { user_id: id }, reply: o.posted, source: o.src?.posted ?? SRC_XHS_POSTED },
    { host: EDITH, path: '/api/sns/web/v1/user/otherinfo', query: { target_user_id: id }, reply: o.other, source: o.src?.other ?? SRC_XHS_OTHER, guessed: true },
  ];
}

const xhsOther = (nickname: string) => ok({ code: 0, success: true, msg: '成功', data: { basic_info: { nickname, red_id: '6597069238', gender: 1, ip_location: '江西', desc: '' }, interactions: [{ type: 'fans', name: '粉丝', count: '3352' }] } });

function xhsNormal(id: string, o: { loggedIn: boolean; nickname: string; notes: XhsNote[]; hasMore: boolean; bannedInfo?: object }): AnswerRule[] {
  return xhs(id, {
    page: ok(xhsPage(xhsState(id, o)), { 'content-type': 'text/html; charset=utf-8' }),
    posted: ok(xhsPosted(id, o)),
    other: xhsOther(o.nickname),
  });
}

const XHS_461: Reply = { status: 461, headers: { Verifytype: '102', Verifyuuid: 'badday-0000-4a4a-9c9c-000000000461', 'content-type': 'application/json' }, body: { code: 0, success: true, data: {} } };

const xiaohongshuCases: BadDayCase[] = [
  {
    name: 'xiaohongshu-clear-active',
    platform: 'xiaohongshu',
    platformCell: '小红书',
    row: xhsRow(xid(1)),
    id: xid(1),
    story: 'CLEAR: a logged-in page state (loggedIn, guest false) of this user; its notes (by this userId, not sticky) are dated by their ids 1, 4 and 8 days ago; the notes tab resolved with hasMore false; user_posted agrees.',
    answers: xhsNormal(xid(1), { loggedIn: true, nickname: '江城发布', notes: [{ at: daysAgo(1) }, { at: daysAgo(4) }, { at: daysAgo(8) }], hasMore: false }),
    expect: { status: 'active' },
  },
  {
    name: 'xiaohongshu-461-empty-success',
    platform: 'xiaohongshu',
    platformCell: '小红书',
    row: xhsRow(xid(2)),
    id: xid(2),
    story: 'Blocked looking empty: the page and both APIs answer HTTP 461 (Verifytype, Verifyuuid) with the body {"code":0,"success":true,"data":{}}.',
    answers: xhs(xid(2), { page: XHS_461, posted: XHS_461, other: XHS_461, src: { page: '[P Xiaohongshu "one real 461 came with the body {\\"code\\":0,\\"success\\":true,\\"data\\":{}}"]', posted: '[same]', other: '[same]' } }),
    expect: { notDefinite: true },
  },
  {
    name: 'xiaohongshu-guest-login-wall',
    platform: 'xiaohongshu',
    platformCell: '小红书',
    row: xhsRow(xid(3)),
    id: xid(3),
    story: 'Login wall: state with loggedIn false, userInfo.guest true and an empty notes tab; user_posted code -100.',
    answers: xhs(xid(3), {
      page: ok(xhsPage(xhsState(xid(3), { loggedIn: false, nickname: '江城公安', notes: [], hasMore: false })), { 'content-type': 'text/html; charset=utf-8' }),
      posted: ok({ code: -100, success: false, msg: '登录已过期', data: {} }),
      other: ok({ code: -100, success: false, msg: '登录已过期', data: {} }),
      src: { page: '[P Xiaohongshu "a login wall is not an empty account"; BR 1.3 "userInfo.guest === true and user.loggedIn === false"]', posted: '[P Xiaohongshu "Blocked: code -100"; msg guessed]', other: '[same]' },
    }),
    expect: { notDefinite: true },
  },
  {
    name: 'xiaohongshu-notes-of-another-user',
    platform: 'xiaohongshu',
    platformCell: '小红书',
    row: xhsRow(xid(4)),
    id: xid(4),
    story: 'Another account: a logged-in state whose notes (and user_posted) all belong to userId 5f000000000000001e09ffff, dated 1–2 days ago.',
    answers: xhsNormal(xid(4), { loggedIn: true, nickname: '别的用户', notes: [{ at: daysAgo(1), userId: '5f000000000000001e09ffff' }, { at: daysAgo(2), userId: '5f000000000000001e09ffff' }], hasMore: false }),
    expect: { notDefinite: true },
  },
  {
    name: 'xiaohongshu-note-ids-in-future',
    platform: 'xiaohongshu',
    platformCell: '小红书',
    row: xhsRow(xid(5)),
    id: xid(5),
    story: 'Implausible date: the newest note id decodes to 20 days after the audit instant; the next one to 200 days ago.',
    answers: xhsNormal(xid(5), { loggedIn: true, nickname: '江城文旅', notes: [{ at: daysAgo(-20) }, { at: daysAgo(200) }], hasMore: false }),
    expect: { notDefinite: true },
  },
  {
    name: 'xiaohongshu-only-sticky-more-to-come',
    platform: 'xiaohongshu',
    platformCell: '小红书',
    row: xhsRow(xid(6)),
    id: xid(6),
    story: 'Partial: a logged-in state listing only 3 sticky notes from 2023–2024 while the notes query says hasMore true (user_posted has_more true).',
    answers: xhsNormal(xid(6), {
      loggedIn: true,
      nickname: '江城交警',
      notes: [{ at: 1_696_000_000, sticky: true }, { at: 1_700_000_000, sticky: true }, { at: 1_710_000_000, sticky: true }],
      hasMore: true,
    }),
    expect: { notDefinite: true },
  },
  {
    name: 'xiaohongshu-captcha-redirect',
    platform: 'xiaohongshu',
    platformCell: '小红书',
    row: xhsRow(xid(7)),
    id: xid(7),
    story: 'Blocked: the profile page redirects (302) to /website-login/captcha?…verifyBiz=461; the APIs answer 471.',
    answers: xhs(xid(7), {
      page: { status: 302, headers: { location: `https://www.xiaohongshu.com/website-login/captcha?redirectPath=https%3A%2F%2Fwww.xiaohongshu.com%2Fuser%2Fprofile%2F${xid(7)}&verifyUuid=badday&verifyType=102&verifyBiz=461` }, body: '' },
      posted: { status: 471, headers: { Verifytype: '102', Verifyuuid: 'badday-471' }, body: '' },
      other: { status: 471, headers: { Verifytype: '102', Verifyuuid: 'badday-471' }, body: '' },
      src: { page: '[BR 1.3 "A redirect to https://www.xiaohongshu.com/website-login/captcha?redirectPath=…&verifyBiz=461"]', posted: '[P Xiaohongshu "Blocked: HTTP 461/471"]', other: '[same]' },
    }),
    expect: { notDefinite: true },
  },
  {
    name: 'xiaohongshu-banned-info-empty-notes',
    platform: 'xiaohongshu',
    platformCell: '小红书',
    row: xhsRow(xid(8)),
    id: xid(8),
    story: 'Ambiguous: a logged-in state with the newer bannedInfo shape (userId of this user, serverBanned true) and an empty, resolved notes tab.',
    answers: xhsNormal(xid(8), { loggedIn: true, nickname: '江城民政', notes: [], hasMore: false, bannedInfo: { code: 0, showAlert: false, reason: '', userId: xid(8), serverBanned: true, api: 'user_posted' } }),
    expect: { notDefinite: true },
  },
];

// ---------------------------------------------------------------------------------------------
// Toutiao [P Toutiao; TW 1; FC Toutiao; RA toutiao/*]
// ---------------------------------------------------------------------------------------------

const TOUTIAO = 'www.toutiao.com';
const tt = (n: number) => `MS4wLjABAAAAtTbAdDaY${String(n).padStart(2, '0')}GovAuditBadDayToutiao000000Qabcde`;
const toutiaoRow = (token: string) => `https://www.toutiao.com/c/user/token/${token}/`;

function toutiaoPage(token: string, o: { name: string; userIdOverride?: string; banStatus?: boolean }): string {
  const state = {
    data: {
      logId: '20261206080000BADDAY',
      profileUserInfo: {
        userId: o.userIdOverride ?? token,
        mediaId: '1848321107531795',
        name: o.name,
        screenName: o.name,
        avatarUrl: 'https://sf6-cdn-tos.toutiaostatic.com/img/user-avatar/x~300x300.image',
        description: '',
        isPgc: 1,
        banStatus: o.banStatus ?? false,
        userVerified: true,
        ipLocation: '江西',
        mediaInfo: { type: '2' },
      },
      loginUserInfo: null,
      isSelf: null,
      relation: { isFollowing: false, isFollowed: false },
      title: `${o.name}的头条主页`,
      identity: { web_id: '7579674646287599104', user_is_login: false },
      initialFeed: null,
      initialHotList: null,
      initialTabs: null,
    },
    query: {},
  };
  const encoded = encodeURIComponent(JSON.stringify(state));
  const tag = '<script id="RENDER_DATA" type="application/json">';
  const start = TOUTIAO_PAGE_TEMPLATE.indexOf(tag);
  if (start < 0) return `<html><body>${tag}${encoded}</script></body></html>`;
  const end = TOUTIAO_PAGE_TEMPLATE.indexOf('</script>', start);
  return TOUTIAO_PAGE_TEMPLATE.slice(0, start + tag.length) + encoded + TOUTIAO_PAGE_TEMPLATE.slice(end);
}

interface TtItem {
  publish?: number;
  /** The author token in media_url (default: the account's). */
  token?: string;
  source?: string;
}

function toutiaoFeed(token: string, items: TtItem[], hasMore: boolean): object {
  return {
    has_more: hasMore,
    message: 'success',
    data: items.map((it, i) => {
      const gid = String(7_400_000_000_000_000_000n + BigInt(i) * 997n + BigInt(token.length));
      const item: Record<string, unknown> = {
        cell_type: 60,
        title: `政务信息 ${i + 1}`,
        abstract: '',
        group_id: gid,
        item_id: gid,
        source: it.source ?? '江城发布',
        media_url: `/c/user/token/${it.token ?? token}/`,
        behot_time: it.publish ?? daysAgo(1),
      };
      if (it.publish !== undefined) item.publish_time = it.publish;
      return item;
    }),
    next: { max_behot_time: items.length ? (items[items.length - 1]!.publish ?? 0) : 0 },
  };
}

const SRC_TT_PAGE = '[P Toutiao; TW 1; RA toutiao/profile-page-ssr-2025.html with RENDER_DATA replaced]';
const SRC_TT_FEED = '[TW 1 "Feed API ... publish_time"; envelope of RA toutiao/pc-feed-homepage-2020.json; item author field media_url guessed]';

function toutiao(token: string, o: { page: Reply; userFeed: Reply; listFeed?: Reply; src?: { page?: string; userFeed?: string; listFeed?: string } }): AnswerRule[] {
  return [
    { host: TOUTIAO, path: `/c/user/token/${token}`, reply: o.page, source: o.src?.page ?? SRC_TT_PAGE },
    { host: TOUTIAO, path: '/api/pc/list/user/feed', query: { token }, reply: o.userFeed, source: o.src?.userFeed ?? SRC_TT_FEED, guessed: true },
    { host: TOUTIAO, path: '/api/pc/list/feed', query: { token }, reply: o.listFeed ?? o.userFeed, source: o.src?.listFeed ?? o.src?.userFeed ?? SRC_TT_FEED, guessed: true },
  ];
}

const html = (body: string): Reply => ok(body, { 'content-type': 'text/html; charset=utf-8' });

const toutiaoCommon = (): AnswerRule[] => {
  const canary = 'MS4wLjABAAAAP09LrX61xFpIWrgGdBDqkp-5om9Lans_kuIZ_ipAGRE';
  return [
    ...toutiao(canary, {
      page: html(toutiaoPage(canary, { name: '新华网客户端' })),
      userFeed: ok(toutiaoFeed(canary, [{ publish: daysAgo(0.3), source: '新华网客户端' }], true)),
    }).map((r) => ({ ...r, source: `canary: ${r.source}` })),
    {
      host: 'ttwid.bytedance.com',
      path: '/ttwid/union/register',
      method: 'POST',
      reply: ok({ status_code: 0, message: 'success', redirect_url: 'https://www.toutiao.com/' }, { 'set-cookie': 'ttwid=1%7CbadDayTtwid; Path=/; Domain=toutiao.com; Max-Age=31536000; HttpOnly; Secure' }),
      source: '[TW 1 "yt-dlp registers an anonymous ttwid cookie ... then follows redirect_url"] — body shape guessed',
      guessed: true,
    },
  ];
};

const toutiaoCases: BadDayCase[] = [
  {
    name: 'toutiao-empty-feed-success',
    platform: 'toutiao',
    platformCell: '今日头条',
    row: toutiaoRow(tt(1)),
    id: tt(1),
    story: 'Blocked looking empty: the page proves the account; the feed answers message "success", data [], has_more false, no next.',
    answers: toutiao(tt(1), {
      page: html(toutiaoPage(tt(1), { name: '江城发布' })),
      userFeed: ok({ has_more: false, message: 'success', data: [] }),
      src: { userFeed: '[TW 1 "message: success with an empty data is unverified, never zombie"; "answers without next"]' },
    }),
    expect: { notDefinite: true },
  },
  {
    name: 'toutiao-literal-blocked',
    platform: 'toutiao',
    platformCell: '头条号',
    row: toutiaoRow(tt(2)),
    id: tt(2),
    story: 'Blocked: the page proves the account; the feed answers the literal body `blocked`.',
    answers: toutiao(tt(2), { page: html(toutiaoPage(tt(2), { name: '江城公安' })), userFeed: ok('blocked', { 'content-type': 'text/plain' }), src: { userFeed: '[TW 1 "an empty body or the literal text blocked as account blocked"]' } }),
    expect: { notDefinite: true },
  },
  {
    name: 'toutiao-empty-body-feed',
    platform: 'toutiao',
    platformCell: '今日头条',
    row: toutiaoRow(tt(3)),
    id: tt(3),
    story: 'Blocked looking empty: the page proves the account; the feed answers HTTP 200 with an empty body.',
    answers: toutiao(tt(3), { page: html(toutiaoPage(tt(3), { name: '江城交警' })), userFeed: ok(''), src: { userFeed: '[TW 1 "an empty body ... account blocked"]' } }),
    expect: { notDefinite: true },
  },
  {
    name: 'toutiao-recommend-feed-of-others',
    platform: 'toutiao',
    platformCell: '今日头条',
    row: toutiaoRow(tt(4)),
    id: tt(4),
    story: 'Another account\'s answer: the user feed is empty; /api/pc/list/feed answers other authors\' fresh articles (media_url tokens of others), as the pc_profile_recommend feed does.',
    answers: toutiao(tt(4), {
      page: html(toutiaoPage(tt(4), { name: '江城文旅' })),
      userFeed: ok({ has_more: false, message: 'success', data: [] }),
      listFeed: ok(toutiaoFeed(tt(4), [{ publish: daysAgo(0.1), token: tt(90), source: '热点号A' }, { publish: daysAgo(0.2), token: tt(91), source: '热点号B' }], true)),
      src: { listFeed: '[FC Toutiao "The site\'s recommendation feed uses /api/pc/list/feed?category=pc_profile_recommend: other people\'s fresh articles"]' },
    }),
    expect: { notDefinite: true },
  },
  {
    name: 'toutiao-page-of-another-user',
    platform: 'toutiao',
    platformCell: '今日头条',
    row: toutiaoRow(tt(5)),
    id: tt(5),
    story: 'Another account: the page asked for this token carries profileUserInfo.userId of another token (another name); the feed is that other account\'s.',
    answers: toutiao(tt(5), {
      page: html(toutiaoPage(tt(5), { name: '别的头条号', userIdOverride: tt(92) })),
      userFeed: ok(toutiaoFeed(tt(5), [{ publish: daysAgo(1), token: tt(92), source: '别的头条号' }], false)),
    }),
    expect: { notDefinite: true },
  },
  {
    name: 'toutiao-publish-time-microseconds',
    platform: 'toutiao',
    platformCell: '今日头条',
    row: toutiaoRow(tt(6)),
    id: tt(6),
    story: 'Implausible unit: publish_time in microseconds (16 digits) where seconds are expected.',
    answers: toutiao(tt(6), {
      page: html(toutiaoPage(tt(6), { name: '江城卫健' })),
      userFeed: ok(toutiaoFeed(tt(6), [{ publish: daysAgo(2) * 1_000_000 }, { publish: daysAgo(3) * 1_000_000 }], false)),
    }),
    expect: { notDefinite: true },
  },
  {
    name: 'toutiao-newest-undated',
    platform: 'toutiao',
    platformCell: '今日头条',
    row: toutiaoRow(tt(7)),
    id: tt(7),
    story: 'Undated newest item: the first feed item has no publish_time; the others are 100+ days old.',
    answers: toutiao(tt(7), {
      page: html(toutiaoPage(tt(7), { name: '江城水务' })),
      userFeed: ok(toutiaoFeed(tt(7), [{}, { publish: daysAgo(100) }, { publish: daysAgo(140) }], false)),
    }),
    expect: { notDefinite: true },
  },
  {
    name: 'toutiao-verification-decision',
    platform: 'toutiao',
    platformCell: '今日头条',
    row: toutiaoRow(tt(8)),
    id: tt(8),
    story: 'Blocked: the feed answers a message other than success with a `decision` key (访问校验).',
    answers: toutiao(tt(8), {
      page: html(toutiaoPage(tt(8), { name: '江城气象' })),
      userFeed: ok({ message: 'error', decision: 'verify', data: null }),
      src: { userFeed: '[TW 1 "any answer whose message is not success and that carries a decision key as 触发访问校验"]; values guessed' },
    }),
    expect: { notDefinite: true },
  },
  {
    name: 'toutiao-http-404-not-found-page',
    platform: 'toutiao',
    platformCell: '今日头条',
    row: toutiaoRow(tt(9)),
    id: tt(9),
    story: 'Not-found page under HTTP 404: the profile page answers 404 with "页面不存在" text; the feed answers 404 too.',
    answers: toutiao(tt(9), {
      page: { status: 404, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<!doctype html><html><head><title>404</title></head><body><div class="error">抱歉，页面不存在 (not found)</div></body></html>' },
      userFeed: { status: 404, body: '' },
      src: { page: '[TW 1 "Missing/banned: no capture" — this 404 page is a guess]', userFeed: '[guess]' },
    }),
    expect: { notDefinite: true },
  },
];

// ---------------------------------------------------------------------------------------------
// Everything together
// ---------------------------------------------------------------------------------------------

export const cases: BadDayCase[] = [...bilibiliCases, ...weiboCases, ...douyinCases, ...kuaishouCases, ...xiaohongshuCases, ...toutiaoCases];
// Any answer whose note says part of it is a guess is marked as guessed.
for (const c of cases) for (const a of c.answers) if (/guess/.test(a.source)) a.guessed = true;

/** Answers shared by every case: the canaries (doctor's probe accounts), Bilibili's nav, Weibo's visitor flow, Toutiao's ttwid. */
export const commonAnswers: AnswerRule[] = [...biliCommon(), ...biliCanary(), ...weiboCommon(), ...douyinCommon(), ...kuaishouCommon(), ...toutiaoCommon()];

/** Every host a platform is known to use in the field notes: all are sent to the loopback server. */
export const PLATFORM_HOSTS = [
  'api.bilibili.com',
  'space.bilibili.com',
  'www.bilibili.com',
  'm.bilibili.com',
  'b23.tv',
  'm.weibo.cn',
  'weibo.com',
  'www.weibo.com',
  'passport.weibo.com',
  'visitor.passport.weibo.cn',
  'passport.weibo.cn',
  'login.sina.com.cn',
  'www.douyin.com',
  'v.douyin.com',
  'www.iesdouyin.com',
  'www.kuaishou.com',
  'live.kuaishou.com',
  'v.kuaishou.com',
  'www.xiaohongshu.com',
  'edith.xiaohongshu.com',
  'xhslink.com',
  'as.xiaohongshu.com',
  'www.toutiao.com',
  'm.toutiao.com',
  'ttwid.bytedance.com',
];

// ---------------------------------------------------------------------------------------------
// The second run: every Bilibili account answers a structured "not found", the canary included
// ---------------------------------------------------------------------------------------------

/** 12 Bilibili mids, each card answering HTTP 200 {"code":-404,"message":"啥都木有"}. */
export const allMissingMids = Array.from({ length: 12 }, (_, i) => String(3_100_000_001 + i));

/** Answers of the second runs, taking precedence over everything else: every listed mid is "not found". */
export const allMissingAnswers: AnswerRule[] = allMissingMids.flatMap((mid) =>
  bili(mid, { card: ok(BILI_404), list: ok(biliList(mid, [], { count: 0 })), src: { card: '[P Bilibili "Not found" — every account, a platform-wide bad answer]', list: '[FC Bilibili soft-limit]' } }),
);

/** Added in the variant where the canary (mid 2, the well-known account) is "not found" too. */
export const canaryMissingAnswers: AnswerRule[] = bili('2', {
  card: ok(BILI_404),
  list: ok(biliList('2', [], { count: 0 })),
  src: { card: 'canary: [P Bilibili "Not found"] (the well-known account "missing" too)', list: '[FC Bilibili soft-limit]' },
});

export const allMissingRows = allMissingMids.map((mid) => `哔哩哔哩,${biliRow(mid)}`);
