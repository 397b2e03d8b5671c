import { describe, expect, it } from 'vitest';
import type { Account } from '../../src/accounts/account.js';
import { changeOf, type EarlierObservation } from '../../src/audit/changes.js';
import { classify } from '../../src/audit/classify.js';
import { DEFAULT_THRESHOLDS, type Finding } from '../../src/audit/finding.js';
import { nameDiffersFromList, normaliseBody, normaliseName, notOfficiallyVerified, sameBody, verifiedAsAnotherBody } from '../../src/audit/identity.js';
import { findNotices, noticesByKey } from '../../src/audit/notices.js';
import { rank } from '../../src/audit/rank.js';
import { DAY_MS } from '../../src/audit/time.js';
import type { Observation, Proof, Verification } from '../../src/platforms/observation.js';
import { noticeLines } from '../../src/report/sections.js';
import { REPORTERS } from '../../src/report/index.js';
import { finding, NOW, reportOf } from '../helpers/report.js';

const gov = (text: string): Verification => ({ verified: true, kind: 'government', text, field: 'verified_type 1, verified_reason' });
const none: Verification = { verified: false, kind: null, text: null, field: 'verified: false (verified_type -1)' };
const person = (text: string): Verification => ({ verified: true, kind: 'person', text, field: 'verified_type 0, verified_reason' });

/** An account of the list on a platform, as read with a bound answer that gave this name and verification. */
function seen(id: string, platform: string, listed: { name?: string; org?: string }, name: string | null, verification: Verification | null, order = 0): Finding {
  const base = finding(id, 'active', null, { ...listed, identity: { name, verification } }, order);
  return { ...base, account: { ...base.account, key: `${platform}:${id}`, platform } };
}

const noticesOf = (findings: Finding[]) => findNotices(rank(findings, NOW, DEFAULT_THRESHOLDS));

describe('names and bodies, normalised', () => {
  it('folds width, styled letters, case, spaces and punctuation', () => {
    expect(normaliseName('江城 发布·')).toBe(normaliseName('江城发布'));
    expect(normaliseName('𝒔𝒄𝒆𝒏𝒆𝒓𝒚')).toBe('scenery');
    expect(normaliseName('ＪＣ 发布')).toBe('jc发布');
  });

  it('drops what a verification adds after the body, and folds common short forms', () => {
    expect(normaliseBody('央视新闻官方账号')).toBe('央视新闻');
    expect(normaliseBody('央视新闻官方抖音号')).toBe('央视新闻');
    expect(normaliseBody('江城市公安局官方微博')).toBe('江城市公安局');
    expect(normaliseBody('中国共产党江城市委员会')).toBe(normaliseBody('中共江城市委'));
    expect(sameBody('江城市海淀区人民政府官方账号', '海淀区政府')).toBe(true);
    expect(sameBody('《山东商报》社', '山东商报社')).toBe(true);
    expect(sameBody('江城星光文化传媒有限公司', '江城市卫生健康委员会')).toBe(false);
  });
});

describe('the identity rules', () => {
  it('flags no body’s verification only where a verification field was read', () => {
    expect(notOfficiallyVerified(none)).toBe(true);
    expect(notOfficiallyVerified(person('江城气象小编'))).toBe(true);
    expect(notOfficiallyVerified(gov('江城市气象局'))).toBe(false);
    expect(notOfficiallyVerified({ verified: true, kind: 'media', text: '江城日报', field: 'f' })).toBe(false);
    // Toutiao's flag, Sogou's 认证 line: verified, of a kind not stated: gov-audit cannot tell.
    expect(notOfficiallyVerified({ verified: true, kind: 'unknown', text: null, field: 'f' })).toBe(false);
    expect(notOfficiallyVerified(null)).toBe(false);
  });

  it('says a verification names another body only when it matches neither the list’s body nor its name', () => {
    expect(verifiedAsAnotherBody(gov('江城星光文化传媒有限公司'), { org: '江城市卫生健康委员会', name: '江城卫健委' })).toBe(true);
    expect(verifiedAsAnotherBody(gov('江城市卫生健康委员会官方账号'), { org: '江城市卫生健康委员会' })).toBe(false);
    expect(verifiedAsAnotherBody(gov('央视新闻官方账号'), { org: '中央广播电视总台', name: '央视新闻' })).toBe(false);
    // Nothing to compare with, no words, a person's: nothing said.
    expect(verifiedAsAnotherBody(gov('江城星光文化传媒有限公司'), {})).toBe(false);
    expect(verifiedAsAnotherBody({ verified: true, kind: 'unknown', text: null, field: 'f' }, { org: '江城市公安局' })).toBe(false);
    expect(verifiedAsAnotherBody(person('江城星光'), { org: '江城市公安局' })).toBe(false);
  });

  it('compares the platform’s name with the list’s once normalised', () => {
    expect(nameDiffersFromList('平安江城', '江城公安')).toBe(true);
    expect(nameDiffersFromList('江城 发布', '江城发布')).toBe(false);
    expect(nameDiffersFromList(null, '江城发布')).toBe(false);
    expect(nameDiffersFromList('江城发布', undefined)).toBe(false);
  });
});

describe('identity findings beside the status', () => {
  it('raises each finding with its evidence, and never changes a status', () => {
    const findings = [
      seen('1', 'weibo', { name: '江城交警', org: '江城市公安局交通警察支队' }, '江城交警', none, 0),
      seen('2', 'bilibili', { name: '江城卫健委', org: '江城市卫生健康委员会' }, '江城卫健委', gov('江城星光文化传媒有限公司'), 1),
      seen('3', 'weibo', { name: '江城公安', org: '江城市公安局' }, '平安江城', gov('江城市公安局官方微博'), 2),
      seen('4', 'bilibili', { name: '江城公安', org: '江城市公安局' }, '江城公安', gov('江城市公安局官方账号'), 3),
    ];
    const notices = noticesOf(findings);
    expect(notices).toContainEqual({ code: 'not-officially-verified', keys: ['weibo:1'], evidence: [{ key: 'weibo:1', platform: 'weibo', field: none.field, text: null, verification: none }] });
    expect(notices).toContainEqual({
      code: 'verified-as-another-body',
      keys: ['bilibili:2'],
      evidence: [{ key: 'bilibili:2', platform: 'bilibili', field: 'verified_type 1, verified_reason', text: '江城星光文化传媒有限公司', listed: '江城市卫生健康委员会', verification: gov('江城星光文化传媒有限公司') }],
    });
    expect(notices).toContainEqual({ code: 'name-differs-from-list', keys: ['weibo:3'], evidence: [{ key: 'weibo:3', platform: 'weibo', field: 'name', text: '平安江城', listed: '江城公安' }] });
    expect(notices).toContainEqual(expect.objectContaining({ code: 'names-differ-across-platforms', org: '江城市公安局', keys: ['weibo:3', 'bilibili:4'] }));
    expect(noticesByKey(notices).get('weibo:3')).toEqual(['name-differs-from-list', 'names-differ-across-platforms']);
    expect(findings.map((f) => f.status)).toEqual(['active', 'active', 'active', 'active']);
  });

  it('points each piece of evidence into the WARC the answer is archived in, in the JSON report', () => {
    const archived = { ...seen('1', 'weibo', { name: '江城交警', org: '江城市公安局交通警察支队' }, '江城交警', none, 0), evidence: { warc: 'gov-audit-20261120T020000Z.warc.gz', records: ['<urn:uuid:1>', '<urn:uuid:2>'] } };
    const plain = seen('2', 'weibo', { name: '江城公安', org: '江城市公安局' }, '平安江城', null, 1);
    const json = JSON.parse(REPORTERS.json(reportOf([archived, plain]), { lang: 'zh-CN', color: false })) as { findings: { code: string; evidence?: { id: string; archive: unknown }[] }[] };
    const evidenceOf = (code: string) => json.findings.find((f) => f.code === code)?.evidence;
    expect(evidenceOf('not-officially-verified')).toEqual([expect.objectContaining({ id: '1', archive: { warc: 'gov-audit-20261120T020000Z.warc.gz', records: ['<urn:uuid:1>', '<urn:uuid:2>'] } })]);
    expect(evidenceOf('name-differs-from-list')).toEqual([expect.objectContaining({ id: '2', archive: null })]);
  });

  it('says nothing of an account whose identity was not read from a bound answer', () => {
    const blocked = finding('9', 'unverified', 'blocked', { name: '江城公安', org: '江城市公安局' });
    expect(noticesOf([blocked]).filter((n) => 'evidence' in n)).toEqual([]);
  });

  it('lets a body hold two accounts on one platform, so long as each other platform shares a name', () => {
    const findings = [
      seen('1', 'weibo', { org: '江城市公安局' }, '平安江城', null, 0),
      seen('2', 'weibo', { org: '江城市公安局' }, '江城交警', null, 1),
      seen('3', 'bilibili', { org: '江城市公安局' }, '平安江城', null, 2),
    ];
    expect(noticesOf(findings).map((n) => n.code)).not.toContain('names-differ-across-platforms');
  });
});

describe('identity findings in the human reports', () => {
  const report = (findings: Finding[]) => reportOf(findings);
  const findings = () => [
    seen('1', 'weibo', { name: '江城交警', org: '江城市公安局交通警察支队' }, '江城交警', none, 0),
    seen('2', 'bilibili', { name: '江城卫健委', org: '江城市卫生健康委员会' }, '江城卫健委', { ...gov('江城星光文化传媒有限公司'), kind: 'organisation' }, 1),
    seen('3', 'weibo', { name: '江城公安', org: '江城市公安局' }, '平安江城', gov('江城市公安局官方微博'), 2),
  ];

  it('says each in Chinese words, with its evidence, and leaves the field paths to the JSON', () => {
    const lines = noticeLines(report(findings()), 'zh-CN').join('\n');
    expect(lines).toContain('江城交警 (1) [微博：未认证]');
    expect(lines).toContain('江城卫健委 (2) [哔哩哔哩：机构认证：江城星光文化传媒有限公司；名单：“江城市卫生健康委员会”]');
    expect(lines).toContain('请核对');
    expect(lines).toContain('江城公安 (3) [微博：名称“平安江城”；名单：“江城公安”]');
    expect(lines).not.toMatch(/verified_type|Official|[a-z]+\.[a-z]+/);
  });

  it('says each in English too', () => {
    const lines = noticeLines(report(findings()), 'en').join('\n');
    expect(lines).toContain('江城交警 (1) [Weibo: not verified]');
    expect(lines).toContain('please check');
    expect(lines).toContain('[Weibo: named "平安江城"; the list: "江城公安"]');
  });
});

describe('the identity a verdict carries', () => {
  const account: Account = { key: 'weibo:1', platform: 'weibo', id: '1', url: '', name: '江城发布', extra: {}, source: { file: 'l.csv', row: 2 }, order: 0 };
  const profile = { name: '江城发布', verification: gov('江城市人民政府新闻办公室官方微博') };
  const judge = (observation: Observation, on: Account = account) => classify(on, observation, NOW, DEFAULT_THRESHOLDS, NOW);
  const post = { id: 'p', at: new Date(NOW.getTime() - DAY_MS), pinned: false };
  const facts = (names: string[], source: 'platform' | 'rsshub' = 'platform'): Proof => ({
    subject: '1',
    source,
    answers: [{ what: 'profile', requestNames: true, names }],
    list: { read: true, paging: 'more', undated: 0 },
  });

  it('is taken from answers bound to the account only', () => {
    expect(judge({ kind: 'found', profile, posts: [post], proof: facts(['1']) }).identity).toEqual({ name: '江城发布', verification: profile.verification });
    // Another account's answer: unverified, and nothing said of who it is.
    expect(judge({ kind: 'found', profile, posts: [post], proof: facts(['2']) }).identity).toBeUndefined();
    expect(judge({ kind: 'unknown', reason: 'blocked', detail: 'HTTP 412', profile }).identity).toBeUndefined();
  });

  it('keeps what was read of the two, the other as null, and nothing when neither was read', () => {
    expect(judge({ kind: 'found', profile: { name: '江城发布' }, posts: [post], proof: facts(['1']) }).identity).toEqual({ name: '江城发布', verification: null });
    expect(judge({ kind: 'found', profile: { verification: profile.verification }, posts: [post], proof: facts(['1']) }).identity).toEqual({ name: null, verification: profile.verification });
    expect(judge({ kind: 'found', profile: {}, posts: [post], proof: facts(['1']) }).identity).toBeUndefined();
  });

  it('is never taken from a third party’s feed, nor from a feed platform’s title', () => {
    expect(judge({ kind: 'found', profile, posts: [post], proof: facts([], 'rsshub') }).identity).toBeUndefined();
    const feed = { ...account, key: 'feed:https://x.invalid/f', platform: 'feed', id: 'https://x.invalid/f' };
    expect(judge({ kind: 'found', profile: { name: 'Jiangcheng (YouTube)' }, posts: [post], proof: facts([]) }, feed).identity).toBeUndefined();
  });
});

describe('renamed and verification changed, between audits', () => {
  const earlier = (over: Partial<EarlierObservation>): EarlierObservation => ({ runNow: new Date(NOW.getTime() - 30 * DAY_MS), status: 'active', postCount: 10, countClean: true, ...over });
  const now = (name: string, verification: Verification | null = null) => finding('1', 'active', null, { identity: { name, verification } });

  it('is its own kind when the status did not move, and rides along when it did', () => {
    expect(changeOf(now('江城交警支队'), [earlier({ platformName: '江城交警' })], NOW, DEFAULT_THRESHOLDS)).toMatchObject({ kind: 'renamed', renamed: { from: '江城交警', to: '江城交警支队' } });
    const silent = { ...finding('1', 'zombie', 'never-posted'), identity: { name: '江城交警支队', verification: null } };
    expect(changeOf(silent, [earlier({ platformName: '江城交警' })], NOW, DEFAULT_THRESHOLDS)).toMatchObject({ kind: 'newly-zombie', renamed: { from: '江城交警', to: '江城交警支队' } });
    expect(changeOf(now('江城民政', gov('江城市民政局官方账号')), [earlier({ platformName: '江城民政', verification: none })], NOW, DEFAULT_THRESHOLDS)).toMatchObject({
      kind: 'verification-changed',
      verificationChanged: { from: none, to: gov('江城市民政局官方账号') },
    });
  });

  it('compares with the latest audit that read a name, and never with rows kept before names were', () => {
    const history = [earlier({ platformName: null, status: 'unverified' }), earlier({ platformName: '江城 交警' })];
    expect(changeOf(now('江城交警'), history, NOW, DEFAULT_THRESHOLDS)).toEqual(expect.objectContaining({ kind: 'unchanged' }));
    expect(changeOf(now('江城交警'), [earlier({})], NOW, DEFAULT_THRESHOLDS)).not.toHaveProperty('renamed');
    // The field it was read from is no change of verification.
    expect(changeOf(now('江城民政', gov('江城市民政局')), [earlier({ verification: { ...gov('江城市民政局'), field: 'other' } })], NOW, DEFAULT_THRESHOLDS).kind).toBe('unchanged');
  });
});
