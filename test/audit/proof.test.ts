import { describe, expect, it } from 'vitest';
import type { Account } from '../../src/accounts/account.js';
import { classify, emptyFinding } from '../../src/audit/classify.js';
import { DEFAULT_THRESHOLDS, type Finding } from '../../src/audit/finding.js';
import { judgeNotFounds, ReachTally, type RunAlert } from '../../src/audit/not-found-guard.js';
import type { AuditReport } from '../../src/audit/finding.js';
import { alertLines } from '../../src/report/sections.js';
import type { EarlierObservation } from '../../src/audit/changes.js';
import { scan } from '../../src/audit/scan.js';
import type { ListItem } from '../../src/accounts/read.js';
import { DAY_MS } from '../../src/audit/time.js';
import type { ListFacts, Observation, Post, Proof } from '../../src/platforms/observation.js';
import { fromEpoch, parseAnyDate, parseChineseDate } from '../../src/platforms/dates.js';
import { CLEAN_STATEMENT, cleanProof } from '../helpers/proof.js';

/*
 * The proof rules (src/audit/proof.ts, issue #25): each test starts from the
 * facts of a clean answer and takes one away, and asserts what a user would
 * read: a definite verdict only where the answers prove it.
 */

const NOW = new Date('2026-12-06T10:00:00+08:00');
const account = (platform = 'bilibili', id = '42'): Account => ({ key: `${platform}:${id}`, platform, id, url: '', extra: {}, source: { file: 'l.csv', row: 2 }, order: 0 });
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY_MS);
const post = (days: number, extra: Partial<Post> = {}): Post => ({ id: `p${days}`, at: daysAgo(days), pinned: false, ...extra });

type Found = Extract<Observation, { kind: 'found' }>;

function found(posts: Post[], postCount: number | undefined, proof: Partial<Proof> = {}, list: Partial<ListFacts> = {}): Found {
  return {
    kind: 'found',
    profile: { name: '江城发布', ...(postCount === undefined ? {} : { postCount }) },
    posts,
    proof: cleanProof('42', posts.length, proof, list),
  };
}

const verdict = (observation: Observation, platform = 'bilibili') => {
  const f = classify(account(platform), observation, NOW, DEFAULT_THRESHOLDS, NOW);
  return { status: f.status, reason: f.reason };
};

describe('clear answers keep their verdicts', () => {
  it.each([
    [[post(1)], 'active', null],
    [[post(20)], 'inactive', null],
    [[post(200)], 'zombie', 'silent'],
  ] as const)('%#: plain posts of the account', (posts, status, reason) => {
    expect(verdict(found([...posts], 30))).toEqual({ status, reason });
  });

  it('never posted: a count of 0 beside a list the platform read whole and empty', () => {
    expect(verdict(found([], 0))).toEqual({ status: 'zombie', reason: 'never-posted' });
  });

  it('not found: a structured statement in a 2xx answer to this account', () => {
    expect(verdict({ kind: 'missing', reason: 'missing', detail: 'code -404', statement: CLEAN_STATEMENT })).toEqual({ status: 'not-found', reason: 'missing' });
  });

  it('says where the facts came from', () => {
    expect(classify(account(), found([post(1)], 3, { source: 'browser' }), NOW, DEFAULT_THRESHOLDS, NOW).source).toBe('browser');
  });
});

describe('rule 1: bound to the account asked for', () => {
  it('refuses an answer that names another account, whatever it says', () => {
    const other = found([post(200)], 5, { answers: [{ what: 'posts', requestNames: true, names: ['999'] }] });
    expect(verdict(other)).toEqual({ status: 'unverified', reason: 'wrong-account' });
    const otherActive = found([post(1)], 5, { answers: [{ what: 'profile', requestNames: true, names: ['42', '999'] }] });
    expect(verdict(otherActive)).toEqual({ status: 'unverified', reason: 'wrong-account' });
  });

  it('refuses an answer that neither its request nor its content ties to the account', () => {
    expect(verdict(found([post(200)], 5, { answers: [{ what: 'feed', requestNames: false, names: [] }] }))).toEqual({ status: 'unverified', reason: 'wrong-account' });
  });

  it('takes an answer named by its request, or by its content', () => {
    expect(verdict(found([post(1)], 5, { answers: [{ what: 'posts', requestNames: true, names: [] }] })).status).toBe('active');
    expect(verdict(found([post(1)], 5, { answers: [{ what: 'posts', requestNames: false, names: ['42'] }] })).status).toBe('active');
  });

  it('refuses a not-found whose answer is not tied to the account', () => {
    expect(verdict({ kind: 'missing', reason: 'missing', detail: 'x', statement: { ...CLEAN_STATEMENT, bound: false } })).toEqual({ status: 'unverified', reason: 'wrong-account' });
  });
});

describe('rule 2: silence needs the newest non-pinned post in hand', () => {
  it('a list of only pinned posts while more are counted proves nothing', () => {
    expect(verdict(found([post(300, { pinned: true }), post(400, { pinned: true })], 450))).toEqual({ status: 'unverified', reason: 'list-incomplete' });
  });

  it('pinned posts alone are the whole list when the count says so, or when the platform marks the end without a count', () => {
    expect(verdict(found([post(300, { pinned: true })], 1))).toEqual({ status: 'zombie', reason: 'silent' });
    expect(verdict(found([post(300, { pinned: true })], undefined, {}, { paging: 'end' }))).toEqual({ status: 'zombie', reason: 'silent' });
    expect(verdict(found([post(300, { pinned: true })], undefined, {}, { paging: 'more' }))).toEqual({ status: 'unverified', reason: 'list-incomplete' });
  });

  it('a recent pinned post still proves activity', () => {
    expect(verdict(found([post(2, { pinned: true })], 450)).status).toBe('active');
  });

  it('a list shorter than the count that does not say whether more follow proves nothing', () => {
    expect(verdict(found([post(200)], 300, {}, { paging: 'unknown' }))).toEqual({ status: 'unverified', reason: 'list-incomplete' });
    expect(verdict(found([post(200)], 300, {}, { paging: 'more' }))).toEqual({ status: 'zombie', reason: 'silent' });
    expect(verdict(found([post(200)], 300, {}, { paging: 'end' }))).toEqual({ status: 'zombie', reason: 'silent' });
  });

  it('a list the platform shortens (Douyin to a visitor) proves activity, never silence', () => {
    const shortened = { mayOmitNewest: 'read without a login: Douyin leaves out the newest works' };
    expect(verdict(found([post(200)], 5, {}, shortened))).toEqual({ status: 'unverified', reason: 'list-incomplete' });
    expect(verdict(found([post(3)], 5, {}, shortened))).toEqual({ status: 'active', reason: null });
  });

  it('a list that was not read proves no silence, and keeps the reason it was not', () => {
    const blocked: Observation = { ...found([post(200)], 5, {}, { read: false }), datesUnknown: { reason: 'captcha', detail: 'slider' } };
    expect(verdict(blocked)).toEqual({ status: 'unverified', reason: 'captcha' });
    expect(verdict(found([post(200)], 5, {}, { read: false }))).toEqual({ status: 'unverified', reason: 'list-incomplete' });
  });

  it('a sample of the posts (a search engine) proves activity only', () => {
    const sample: Observation = { ...found([post(200)], undefined), partial: 'Sogou shows some articles' };
    expect(verdict(sample)).toEqual({ status: 'unverified', reason: 'no-recent-post-seen' });
    expect(verdict({ ...found([post(1)], undefined), partial: 'Sogou' })).toEqual({ status: 'active', reason: null });
  });
});

describe('rule 3: never posted needs the count and the list to agree', () => {
  it('a count of 0 beside listed posts follows the list', () => {
    expect(verdict(found([post(1)], 0))).toEqual({ status: 'active', reason: null });
  });

  it('a count of 0 with the list not read, or not marked whole, proves nothing', () => {
    expect(verdict(found([], 0, {}, { read: false }))).toEqual({ status: 'unverified', reason: 'list-incomplete' });
    expect(verdict(found([], 0, {}, { paging: 'unknown' }))).toEqual({ status: 'unverified', reason: 'list-incomplete' });
    expect(verdict(found([], 0, {}, { paging: 'more' }))).toEqual({ status: 'unverified', reason: 'list-incomplete' });
    expect(verdict(found([], 0, { list: undefined }))).toEqual({ status: 'unverified', reason: 'list-incomplete' });
  });

  it('a missing count is never 0, and a count beside an empty list is a contradiction', () => {
    expect(verdict(found([], undefined))).toEqual({ status: 'unverified', reason: 'no-dates' });
    expect(verdict(found([], 12))).toEqual({ status: 'unverified', reason: 'contradictory' });
  });

  it('an empty list with undated items is not empty', () => {
    expect(verdict(found([], 0, {}, { undated: 2 }))).toEqual({ status: 'unverified', reason: 'undated-post' });
  });

  it('a third party’s empty feed proves no absence', () => {
    expect(verdict(found([], 0, { source: 'rsshub', feedBuiltAt: NOW }))).toEqual({ status: 'unverified', reason: 'no-dates' });
  });
});

describe('rule 4: plausible dates', () => {
  it('a date past the check (beyond a day of clock skew) never proves activity, and no older date decides', () => {
    expect(verdict(found([post(-20), post(200)], 10))).toEqual({ status: 'unverified', reason: 'implausible-date' });
    // Within the skew: a clock a few hours ahead of ours.
    expect(verdict(found([post(-0.5)], 10))).toEqual({ status: 'active', reason: null });
  });

  it('a date before the platform existed is refused', () => {
    const old = { id: 'x', at: new Date('2005-03-01T00:00:00Z'), pinned: false };
    expect(verdict(found([old], 1), 'douyin')).toEqual({ status: 'unverified', reason: 'implausible-date' });
    expect(verdict(found([old], 1), 'bilibili')).toEqual({ status: 'unverified', reason: 'implausible-date' });
  });

  it('a recent plausible post proves activity beside an implausible one', () => {
    expect(verdict(found([post(-20), post(2)], 10))).toEqual({ status: 'active', reason: null });
  });

  it('an id date that disagrees with the stated date is refused', () => {
    expect(verdict(found([post(200, { idDate: daysAgo(3) })], 3))).toEqual({ status: 'unverified', reason: 'implausible-date' });
    expect(verdict(found([post(200, { idDate: daysAgo(200.2) })], 3))).toEqual({ status: 'zombie', reason: 'silent' });
  });

  it('an undated item makes a silence unprovable', () => {
    expect(verdict(found([post(200)], 3, {}, { undated: 1 }))).toEqual({ status: 'unverified', reason: 'undated-post' });
    expect(verdict(found([post(2)], 3, {}, { undated: 1 }))).toEqual({ status: 'active', reason: null });
  });

  it('reads epoch numbers in the unit their size shows, and no unit outside the sane ranges', () => {
    const instant = Date.UTC(2026, 10, 1);
    expect(fromEpoch(instant / 1000)?.getTime()).toBe(instant);
    expect(fromEpoch(instant)?.getTime()).toBe(instant);
    expect(fromEpoch(instant * 1000)?.getTime()).toBe(instant);
    expect(fromEpoch(String(instant * 1000))?.getTime()).toBe(instant);
    for (const odd of [instant * 1e6, 123456, 5e10, 5e13, 0, -1, 1e9 - 1]) expect(fromEpoch(odd), String(odd)).toBeUndefined();
    expect(fromEpoch(1e9)?.getTime()).toBe(1e12);
  });

  it('reads 今天, 昨天 and 前天 in China time, and never guesses day-first against month-first', () => {
    expect(parseChineseDate('今天 09:30', NOW)?.toISOString()).toBe('2026-12-06T01:30:00.000Z');
    expect(parseChineseDate('昨天 23:10', NOW)?.toISOString()).toBe('2026-12-05T15:10:00.000Z');
    expect(parseChineseDate('前天', NOW)?.toISOString()).toBe('2026-12-03T16:00:00.000Z');
    expect(parseAnyDate('05/12/2026', NOW)).toBeUndefined();
    expect(parseAnyDate('12.05.2026 10:00', NOW)).toBeUndefined();
    expect(parseAnyDate('2026-12-05', NOW)?.toISOString()).toBe('2026-12-04T16:00:00.000Z');
  });

  it('a Weibo MM-DD later than today stays in the future, where the rules refuse it', () => {
    const later = parseChineseDate('12-20', NOW)!;
    expect(later.toISOString()).toBe('2026-12-19T16:00:00.000Z');
    expect(verdict(found([{ id: 'w', at: later, pinned: false }], 3), 'weibo')).toEqual({ status: 'unverified', reason: 'implausible-date' });
    expect(parseChineseDate('12-01', NOW)?.toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });
});

describe('rule 5: not-found needs a structured statement in a successful answer', () => {
  it.each([
    [{ ...CLEAN_STATEMENT, httpStatus: 404 }, 'not-found-unproven'],
    [{ ...CLEAN_STATEMENT, httpStatus: 500 }, 'not-found-unproven'],
    [{ ...CLEAN_STATEMENT, httpStatus: 302 }, 'not-found-unproven'],
    [{ ...CLEAN_STATEMENT, structured: false, field: 'title 户口已注销怎么办' }, 'not-found-unproven'],
    [undefined, 'not-found-unproven'],
  ] as const)('%#: %o is unverified', (statement, reason) => {
    expect(verdict({ kind: 'missing', reason: 'cancelled', detail: 'x', ...(statement ? { statement } : {}) })).toEqual({ status: 'unverified', reason });
  });

  const notFound = (i: number): Finding => ({ ...emptyFinding(account('weibo', String(i)), NOW), status: 'not-found', reason: 'missing', detail: 'code -404' });
  const many = (n: number) => Array.from({ length: n }, (_, i) => notFound(i));

  it('holds every not-found of a platform whose canary was not found either', () => {
    const judged = judgeNotFounds('weibo', many(2), 40, { account: '1669879400', ok: false, detail: 'was said not to exist either' }, false);
    expect(judged.findings.map((f) => [f.status, f.reason])).toEqual([
      ['unverified', 'platform-suspect'],
      ['unverified', 'platform-suspect'],
    ]);
    expect(judged.alert).toMatchObject({ code: 'platform-suspect', platform: 'weibo', accounts: 2 });
    expect(judged.findings[0]!.detail).toContain('1669879400');
  });

  it('believes the not-founds of a platform whose canary was found, unless they are most of its accounts', () => {
    const ok = { account: '1669879400', ok: true, detail: 'was found' };
    expect(judgeNotFounds('weibo', many(3), 40, ok, false)).toEqual({ findings: many(3) });
    // Ten of nineteen: more than half, and at least ten.
    expect(judgeNotFounds('weibo', many(10), 19, ok, false).alert).toMatchObject({ code: 'mass-not-found', accounts: 10 });
    expect(judgeNotFounds('weibo', many(10), 20, ok, false).alert).toBeUndefined();
    expect(judgeNotFounds('weibo', many(9), 9, ok, false).alert).toBeUndefined();
    expect(judgeNotFounds('weibo', many(10), 10, ok, true).alert).toBeUndefined();
    expect(judgeNotFounds('weibo', many(12), 12, undefined, false).findings.every((f) => f.reason === 'mass-not-found')).toBe(true);
  });
});

describe('rule 5, said at the top of a report in its own language', () => {
  const notFound = (i: number): Finding => ({ ...emptyFinding(account('weibo', String(i)), NOW), status: 'not-found', reason: 'missing', detail: 'x' });
  const lines = (alert: RunAlert | undefined, lang: 'zh-CN' | 'en') => alertLines({ alerts: alert ? [alert] : [] } as AuditReport, lang);
  const hasLatinWord = (line: string) => /\b(?!(?:canary|platform|id)\b)[a-z]{3,}\b/.test(line.replace(/--[a-z-]+/g, ''));

  it('why the canary failed, in Chinese words in a Chinese report and English ones in an English report', () => {
    const saidMissing = judgeNotFounds('weibo', [notFound(1)], 5, { account: '1669879400', ok: false, failure: { kind: 'said-missing', reason: 'missing' }, detail: 'was said not to exist either' }, false).alert;
    const abnormal = judgeNotFounds('weibo', [notFound(1)], 5, { account: '1669879400', ok: false, failure: { kind: 'abnormal', reason: 'blocked' }, detail: 'x' }, false).alert;
    const noneKnown = judgeNotFounds('weibo', [notFound(1)], 5, { ok: false, failure: { kind: 'none-known' }, detail: 'x' }, false).alert;
    expect(lines(saidMissing, 'zh-CN')).toEqual([expect.stringContaining('确知存在的账号 1669879400 也被答“不存在”（平台显示该账号不存在')]);
    expect(lines(abnormal, 'zh-CN')).toEqual([expect.stringContaining('未获正常应答（平台拒绝应答')]);
    expect(lines(noneKnown, 'zh-CN')).toEqual([expect.stringContaining('--canary')]);
    for (const alert of [saidMissing, abnormal, noneKnown]) expect(lines(alert, 'zh-CN').filter(hasLatinWord)).toEqual([]);
    expect(lines(abnormal, 'en')).toEqual([expect.stringContaining('the known account 1669879400 was not answered normally')]);
  });

  it('the share of a mass not-found, counted over the platform\'s accounts', () => {
    const mass = judgeNotFounds('weibo', Array.from({ length: 12 }, (_, i) => notFound(i)), 20, undefined, false).alert;
    expect(mass).toMatchObject({ code: 'mass-not-found', accounts: 12, total: 20 });
    expect(lines(mass, 'zh-CN')[0]).toContain('20 个账号中有 12 个被判为“不存在”');
    expect(lines(mass, 'en')[0]).toContain('12 of 20 accounts came out not found');
  });

  it('an alert read back from an older report, with only its English detail, is still said', () => {
    expect(lines({ code: 'platform-suspect', platform: 'weibo', accounts: 2, detail: 'the known account 1 was found' }, 'zh-CN')[0]).toContain('the known account 1');
  });
});

describe('rule 8: a run that reached nothing says so', () => {
  const unverified = (reason: Finding['reason']): Finding => ({ ...emptyFinding(account(), NOW), status: 'unverified', reason, detail: 'x' });

  it('when every account asked failed on the network', () => {
    const tally = new ReachTally();
    tally.add(unverified('network-error'));
    tally.add(unverified('timeout'));
    tally.add(unverified('unsupported-platform'));
    expect(tally.alert()).toMatchObject({ code: 'nothing-reached', accounts: 2 });
  });

  it('not when one platform answered, even with a block, nor when nothing was asked', () => {
    const tally = new ReachTally();
    tally.add(unverified('network-error'));
    tally.add(unverified('blocked'));
    expect(tally.alert()).toBeUndefined();
    const none = new ReachTally();
    none.add(unverified('not-scanned'));
    expect(none.alert()).toBeUndefined();
  });
});

describe('rule 7: the history infers silence only from clean counts', () => {
  const listed = account('bilibili', '42');
  async function* list(): AsyncGenerator<ListItem> {
    yield { kind: 'account', account: listed };
  }
  /** One account already observed now (nothing fetched), with the history's earlier audits. */
  const scanWith = (observation: Observation, earlier: EarlierObservation[]) =>
    scan(list(), {
      now: NOW,
      thresholds: DEFAULT_THRESHOLDS,
      files: ['l.csv'],
      version: 'test',
      connectTo: [],
      rates: new Map(),
      concurrency: 1,
      perPlatformConcurrency: 1,
      retries: 0,
      timeoutMs: 1000,
      accountDeadlineMs: 5000,
      known: (key) => ({ key, checkedAt: NOW, observation }),
      earlier: () => earlier,
    }).then((report) => [...report.accounts][0]!);
  const countOnly = (reason: 'no-dates' | 'blocked'): Observation => ({
    ...found([], 12, {}, { read: false }),
    datesUnknown: { reason, detail: reason === 'blocked' ? 'the list answered -352' : 'the page shows a count, no dates' },
  });
  const before = (countClean: boolean): EarlierObservation[] => [{ runNow: daysAgo(40), status: 'active', postCount: 12, countClean }];

  it('infers from a clean count now and then', async () => {
    expect(await scanWith(countOnly('no-dates'), before(true))).toMatchObject({ status: 'inactive', reason: 'silent-inferred' });
  });

  it('never from a count read beside a blocked list, nor from an earlier count that was not clean', async () => {
    expect(await scanWith(countOnly('blocked'), before(true))).toMatchObject({ status: 'unverified', reason: 'blocked' });
    expect(await scanWith(countOnly('no-dates'), before(false))).toMatchObject({ status: 'unverified', reason: 'no-dates' });
  });
});

describe('rule 6: a verdict says where its dates came from', () => {
  it('in its source, and in its detail when a third party gave them', () => {
    const viaRsshub = classify(account(), found([post(2)], undefined, { source: 'rsshub', feedBuiltAt: NOW }), NOW, DEFAULT_THRESHOLDS, NOW);
    expect(viaRsshub).toMatchObject({ status: 'active', source: 'rsshub', detail: 'dates from RSSHub' });
    const fresh = classify(account(), found([post(200)], undefined, { source: 'bridge', feedBuiltAt: new Date(NOW.getTime() - 3_600_000) }), NOW, DEFAULT_THRESHOLDS, NOW);
    expect(fresh).toMatchObject({ status: 'zombie', source: 'bridge', detail: 'dates from the WeChat-to-RSS bridge' });
    const stale = classify(account(), found([post(200)], undefined, { source: 'bridge', feedBuiltAt: daysAgo(3) }), NOW, DEFAULT_THRESHOLDS, NOW);
    expect(stale).toMatchObject({ status: 'unverified', reason: 'source-stale', source: 'bridge' });
    expect(classify(account(), found([post(2)], 3), NOW, DEFAULT_THRESHOLDS, NOW)).toMatchObject({ source: 'platform', detail: null });
  });
});

describe('the rules at their edges', () => {
  const judge = (observation: Observation, platform = 'bilibili') => classify(account(platform), observation, NOW, DEFAULT_THRESHOLDS, NOW);

  it('an answer without its facts (an older gov-audit’s record) is never a verdict', () => {
    const { proof: _proof, ...bare } = found([post(200)], 3);
    expect(judge(bare)).toMatchObject({ status: 'unverified', reason: 'layout-changed' });
  });

  it('a not-found says where it came from', () => {
    expect(judge({ kind: 'missing', reason: 'missing', detail: 'x', statement: CLEAN_STATEMENT, source: 'browser' }).source).toBe('browser');
    expect(judge({ kind: 'missing', reason: 'missing', detail: 'x', statement: CLEAN_STATEMENT }).source).toBe('platform');
    expect(judge({ kind: 'missing', reason: 'missing', detail: 'x', statement: { ...CLEAN_STATEMENT, httpStatus: 300 } }).reason).toBe('not-found-unproven');
    expect(judge({ kind: 'missing', reason: 'missing', detail: 'x', statement: { ...CLEAN_STATEMENT, httpStatus: 299 } }).status).toBe('not-found');
    expect(judge({ kind: 'missing', reason: 'missing', detail: 'x', statement: { ...CLEAN_STATEMENT, httpStatus: 199 } }).reason).toBe('not-found-unproven');
    expect(judge({ kind: 'missing', reason: 'missing', detail: 'x', statement: { ...CLEAN_STATEMENT, httpStatus: 200 } }).status).toBe('not-found');
  });

  it('a count its own list contradicts is not clean; a count beside a refused list is not either', () => {
    expect(judge(found([], 12))).toMatchObject({ reason: 'contradictory', countClean: false });
    expect(judge({ ...found([], 12, {}, { read: false }), datesUnknown: { reason: 'no-dates', detail: 'x' } })).toMatchObject({ reason: 'no-dates', countClean: true });
    expect(judge({ ...found([], 12, {}, { read: false }), datesUnknown: { reason: 'rate-limited', detail: 'x' } })).toMatchObject({ reason: 'rate-limited', countClean: false });
    expect(judge(found([post(200)], undefined))).toMatchObject({ status: 'zombie', countClean: false });
  });

  it('a list as long as the count, or a count unknown, needs no word on what follows', () => {
    expect(judge(found([post(200)], 1, {}, { paging: 'unknown' }))).toMatchObject({ status: 'zombie', reason: 'silent' });
    expect(judge(found([post(200)], undefined, {}, { paging: 'unknown' }))).toMatchObject({ status: 'zombie', reason: 'silent' });
    // Old pinned and ordinary posts together: the newest ordinary one is in hand.
    expect(judge(found([post(100, { pinned: true }), post(200)], 300))).toMatchObject({ status: 'zombie', reason: 'silent' });
  });

  it('a silence needs a list, and an unread list without a count is no-dates', () => {
    expect(judge(found([post(200)], 3, { list: undefined }))).toMatchObject({ status: 'unverified', reason: 'list-incomplete' });
    expect(judge(found([], 5, {}, { read: false }))).toMatchObject({ status: 'unverified', reason: 'no-dates' });
  });

  it('dates on the edges: the launch day, the clock skew, id dates a day apart', () => {
    const launch = new Date('2016-09-20T00:00:00+08:00');
    expect(judge(found([{ id: 'a', at: launch, pinned: false }], 1), 'douyin')).toMatchObject({ status: 'zombie' });
    expect(judge(found([{ id: 'a', at: new Date(launch.getTime() - 1), pinned: false }], 1), 'douyin')).toMatchObject({ reason: 'implausible-date' });
    expect(judge(found([post(-1)], 1)).status).toBe('active');
    expect(judge(found([{ id: 'f', at: new Date(NOW.getTime() + DAY_MS + 1), pinned: false }], 1))).toMatchObject({ reason: 'implausible-date' });
    expect(judge(found([post(200, { idDate: daysAgo(199) })], 1))).toMatchObject({ status: 'zombie' });
    expect(judge(found([post(200, { idDate: new Date(daysAgo(199).getTime() + 1) })], 1))).toMatchObject({ reason: 'implausible-date' });
  });

  it('says which side of the range a date fell', () => {
    expect(judge(found([post(-30)], 1)).detail).toContain('after the check');
    expect(judge(found([{ id: 'o', at: new Date('2001-01-01T00:00:00Z'), pinned: false }], 1)).detail).toContain('before the platform existed');
  });

  it('a third party fresh within a day either way, or stale by its own word', () => {
    const feed = (builtAt: Date | undefined, extra: Partial<Proof> = {}) => judge(found([post(200)], undefined, { source: 'rsshub', ...(builtAt ? { feedBuiltAt: builtAt } : {}), ...extra }));
    expect(feed(daysAgo(1))).toMatchObject({ status: 'zombie' });
    expect(feed(new Date(NOW.getTime() - DAY_MS - 1))).toMatchObject({ reason: 'source-stale' });
    expect(feed(new Date(NOW.getTime() + DAY_MS + 1))).toMatchObject({ reason: 'source-stale' });
    expect(feed(undefined)).toMatchObject({ reason: 'source-stale' });
    expect(feed(NOW, { staleSaid: 'login expired' })).toMatchObject({ reason: 'source-stale', detail: expect.stringContaining('login expired') });
  });

  it('no not-found, nothing held, whatever the canary says', () => {
    expect(judgeNotFounds('weibo', [], 40, { ok: false, detail: 'x' }, false)).toEqual({ findings: [] });
  });

  it('counts an answered account as reached, whatever its verdict', () => {
    const unverified = (reason: Finding['reason']): Finding => ({ ...emptyFinding(account(), NOW), status: 'unverified', reason, detail: 'x' });
    const active: Finding = { ...emptyFinding(account(), NOW), status: 'active', reason: null, detail: null };
    const tally = new ReachTally();
    tally.add(unverified('network-error'));
    tally.add(active);
    expect(tally.alert()).toBeUndefined();
    const lone = new ReachTally();
    lone.add(unverified('manual-check-required'));
    lone.add(unverified('timeout'));
    expect(lone.alert()).toMatchObject({ accounts: 1 });
  });
});
