import { describe, expect, it } from 'vitest';
import { countChanges } from '../../src/audit/changes.js';
import type { AuditReport, Finding } from '../../src/audit/finding.js';
import { DEFAULT_THRESHOLDS } from '../../src/audit/finding.js';
import { rank } from '../../src/audit/rank.js';
import { DAY_MS } from '../../src/audit/time.js';
import { docx, workingDaysAfter, type NoticeContext } from '../../src/report/docx.js';
import { finding, NOW, reportOf } from '../helpers/report.js';
import { docxParts, docxText } from '../helpers/docx-text.js';

const partsOf = docxParts;
const textOf = docxText;

/** A finding on any platform, in any body and region. */
function account(id: string, status: Finding['status'], reason: Finding['reason'], where: { platform?: string; org?: string; region?: string; name?: string; days?: number } = {}, order = 0): Finding {
  const platform = where.platform ?? 'bilibili';
  const days = where.days ?? (status === 'active' ? 2 : status === 'inactive' ? 30 : status === 'zombie' && reason === 'silent' ? 200 : undefined);
  const f = finding(id, status, reason, { name: where.name ?? `账号${id}`, org: where.org ?? '江城市公安局', ...(days === undefined ? {} : { lastPostAt: new Date(NOW.getTime() - days * DAY_MS), daysSinceLastPost: days }) }, order);
  f.account = { ...f.account, platform, key: `${platform}:${id}`, region: where.region ?? '江城市' };
  return f;
}

/** The audit of one list, named as offices name their registers. */
const audit = (findings: Finding[], extra: Partial<AuditReport> = {}): AuditReport => reportOf(findings, { files: ['lists/江城市政务新媒体台账.xlsx'], ...extra });

const zh = (report: AuditReport, extra: Partial<NoticeContext> = {}) => docx(report, { lang: 'zh-CN', color: false, ...extra }).then(textOf);

/** A table row as the text shows it: one cell's paragraph per line. */
const cells = (...values: (string | number)[]) => values.join('\n');

/** The text of one numbered section, up to the next one. */
function section(text: string, heading: string): string {
  const start = text.search(new RegExp(`^[一二三四五六七八九十]+、${heading}$`, 'm'));
  expect(start, `section ${heading}`).toBeGreaterThanOrEqual(0);
  const rest = text.slice(start + 1);
  const next = rest.search(/^[一二三四五六七八九十]+、/m);
  return next < 0 ? text.slice(start) : text.slice(start, start + 1 + next);
}

describe('the 通报 draft (docx)', () => {
  // Two platforms, two bodies: 2 active, 1 inactive, 2 zombie, 1 not found, 2 unverified.
  const mixed = () =>
    audit([
      account('1', 'active', null, { platform: 'bilibili', org: '江城市公安局', region: '江城市' }, 0),
      account('2', 'active', null, { platform: 'weibo', org: '江城市税务局', region: '东区' }, 1),
      account('3', 'inactive', null, { platform: 'weibo', org: '江城市税务局', region: '东区' }, 2),
      account('4', 'zombie', 'silent', { platform: 'bilibili', org: '江城市公安局', region: '江城市' }, 3),
      account('5', 'zombie', 'never-posted', { platform: 'weibo', org: '江城市税务局', region: '东区' }, 4),
      account('6', 'not-found', 'missing', { platform: 'bilibili', org: '江城市公安局', region: '江城市' }, 5),
      account('7', 'unverified', 'blocked', { platform: 'weibo', org: '江城市税务局', region: '东区' }, 6),
      account('8', 'unverified', 'no-dates', { platform: 'bilibili', org: '江城市公安局', region: '江城市' }, 7),
    ]);

  it('holds the title, the scope and basis, and the sections in order, in Chinese', async () => {
    const text = await zh(mixed());
    expect(text.split('\n')[0]).toBe('《江城市政务新媒体台账》所列账号检查情况通报（2026年11月20日）');
    const scope = section(text, '检查范围与依据');
    expect(scope).toContain('检查对象：《江城市政务新媒体台账》所列的 8 个账号。');
    expect(scope).toMatch(/按平台分：(哔哩哔哩 4 个、微博 4 个|微博 4 个、哔哩哔哩 4 个)。/);
    expect(scope).toContain('检查时间：北京时间 2026-11-20 10:00。');
    expect(scope).toContain('国办秘函〔2019〕19号要求政务新媒体在监测时间点前两周（14 天）内有更新');
    expect(scope).toContain('超过 90 天未更新或开通以来从未发布的账号认定为僵尸账号');
    const headings = text.split('\n').filter((line) => /^[一二三四五六七八九十]+、/.test(line));
    expect(headings).toEqual(['一、检查范围与依据', '二、检查结果：内容更新合格率', '三、问题清单', '四、整改要求与时限', '五、待人工核实的账号']);
    expect(text.split('\n').slice(-2)).toEqual(['（发文单位）', '（印发日期）']);
  });

  it('states the pass rate over passed and failed accounts only, says which, and keeps not-found and unverified apart', async () => {
    const rates = section(await zh(mixed()), '检查结果：内容更新合格率');
    // 2 passed, 3 failed (1 inactive, 2 zombie): 2/5 = 40%; 6 of 8 judged: 75%.
    expect(rates).toContain('名单内共 8 个账号，已得出检查结论 6 个，核实率 75.00%。内容更新合格 2 个、不合格 3 个（更新不及时 1 个、僵尸账号 2 个），合格率 40.00%。');
    expect(rates).toContain('合格率＝合格账号数÷（合格账号数＋不合格账号数）');
    expect(rates).toContain('平台显示已不存在的 1 个');
    expect(rates).toContain('本次未能核实的 2 个（待核实），既不计为合格，也不计为不合格');
    // By platform: bilibili 1 passed, 1 failed (1/2), 1 not found, 1 unverified: checked 3 of 4.
    expect(rates).toContain(`按平台统计\n${cells('平台', '名单账号', '合格', '不合格', '不存在', '待核实', '合格率', '核实率')}\n`);
    expect(rates).toContain(cells('哔哩哔哩', 4, 1, 1, 1, 1, '50.00%', '75.00%'));
    expect(rates).toContain(cells('微博', 4, 1, 2, 0, 1, '33.33%', '75.00%'));
    expect(rates).toContain(cells('合计', 8, 2, 3, 1, 2, '40.00%', '75.00%'));
    expect(rates).toContain(cells('东区', 4, 1, 2, 0, 1, '33.33%', '75.00%'));
    expect(rates).toContain('按地区统计');
    // The sample's level is one value for all; a list without a level column gets no such table.
    expect(rates).toContain('按层级统计');
  });

  it('counts 4 zombie and 4 unverified of 8 as a pass rate over 4 accounts, not 8', async () => {
    const findings = [0, 1, 2, 3].map((i) => account(`z${i}`, 'zombie', 'never-posted', {}, i));
    findings.push(...[4, 5, 6, 7].map((i) => account(`u${i}`, 'unverified', 'blocked', {}, i)));
    const rates = section(await zh(audit(findings)), '检查结果：内容更新合格率');
    expect(rates).toContain('名单内共 8 个账号，已得出检查结论 4 个，核实率 50.00%。内容更新合格 0 个、不合格 4 个（更新不及时 0 个、僵尸账号 4 个），合格率 0.00%。');
    const half = [account('a1', 'active', null, {}, 0), account('a2', 'active', null, {}, 1), account('z1', 'zombie', 'silent', {}, 2), account('z2', 'zombie', 'silent', {}, 3)];
    half.push(...[4, 5, 6, 7].map((i) => account(`u${i}`, 'unverified', 'timeout', {}, i)));
    expect(section(await zh(audit(half)), '检查结果：内容更新合格率')).toContain('核实率 50.00%。内容更新合格 2 个、不合格 2 个（更新不及时 0 个、僵尸账号 2 个），合格率 50.00%。');
  });

  it('lists the problems by body, each with its deadline: 10 working days after a Friday check is the Friday two weeks on', async () => {
    const problems = section(await zh(mixed()), '问题清单');
    expect(problems).toContain('2 个单位的 4 个账号内容更新不合格或已不存在');
    const tax = problems.slice(problems.indexOf('江城市税务局'));
    expect(problems.indexOf('（一）')).toBeLessThan(problems.indexOf('（二）'));
    expect(problems).toMatch(/（[一二]）江城市公安局（2 个账号）/);
    expect(problems).toMatch(/（[一二]）江城市税务局（2 个账号）/);
    expect(problems).toContain(cells('序号', '账号', '平台', '状态', '最近发布', '未更新天数', '整改建议'));
    // A zombie that never posted: its status in words, no last post, the advice for it; the account by name and id.
    expect(tax).toContain(cells(1, '账号5', 5, '微博', '僵尸账号（从未发布）', '从未发布', '—', '账号开通后从未发布内容：请尽快发布，或按规定关停注销'));
    expect(tax).toContain(cells(2, '账号3', 3, '微博', '更新不及时', '2026-10-21', 30, '账号超过 14 天未更新，不符合“两周内有更新”的要求：请尽快更新'));
    expect(problems).toContain(cells('账号6', 6, '哔哩哔哩', '账号不存在', '—', '—'));
    expect(problems.match(/整改时限：2026年12月4日前。/g)).toHaveLength(2);
    const demands = section(await zh(mixed()), '整改要求与时限');
    expect(demands).toContain('请上述单位于 2026年12月4日前完成整改');
    expect(demands).toContain('检查后第 10 个工作日，按周一至周五计算');
  });

  it('counts working days Monday to Friday on China’s calendar', () => {
    expect(workingDaysAfter(new Date('2026-11-20T10:00:00+08:00'))).toBe('2026-12-04');
    // Thursday 17:00 UTC is already Friday in China.
    expect(workingDaysAfter(new Date('2026-11-19T17:00:00Z'))).toBe('2026-12-04');
    expect(workingDaysAfter(new Date('2026-11-19T15:00:00Z'))).toBe('2026-12-03');
    // From a Saturday or a Sunday, the next Monday is the first working day.
    expect(workingDaysAfter(new Date('2026-11-21T12:00:00+08:00'))).toBe('2026-12-04');
    expect(workingDaysAfter(new Date('2026-11-22T12:00:00+08:00'))).toBe('2026-12-04');
    expect(workingDaysAfter(new Date('2026-11-23T12:00:00+08:00'))).toBe('2026-12-07');
    expect(workingDaysAfter(new Date('2026-11-20T10:00:00+08:00'), 1)).toBe('2026-11-23');
  });

  it('takes the deadline it is given, without the note on the default', async () => {
    const text = await zh(mixed(), { deadline: '2026-12-10' });
    expect(section(text, '问题清单')).toContain('整改时限：2026年12月10日前。');
    expect(section(text, '整改要求与时限')).not.toContain('工作日');
  });

  it('lists the accounts to verify by hand with why and what to do, and counts them nowhere else', async () => {
    const manual = section(await zh(mixed()), '待人工核实的账号');
    expect(manual).toContain('以下 2 个账号本次未能核实，未计入合格率');
    expect(manual).toContain('平台拒绝应答（反爬虫校验）');
    expect(manual).toContain('请打开主页，人工查看最近一次发布的日期');
  });

  it('reads in Chinese throughout, the handed-on sections without an English word', async () => {
    const text = await zh(mixed());
    const handedOn = text.slice(0, text.search(/^[一二三四五六七八九十]+、待人工核实的账号$/m));
    expect(handedOn.replaceAll('gov-audit', '').match(/[A-Za-z]{2,}/g) ?? []).toEqual([]);
    expect(text.split('\n')[1]).toContain('gov-audit');
  });

  it('follows up the previous check: fixed, still failing, by body, and the accounts newly failing', async () => {
    const before = new Date(NOW.getTime() - 30 * DAY_MS);
    const changed = (f: Finding, previousStatus: Finding['status'] | null, kind: NonNullable<Finding['change']>['kind']): Finding => ({
      ...f,
      change: { kind, previousStatus, previousAt: previousStatus ? before : null, since: null },
    });
    const findings = [
      changed(account('1', 'active', null, { org: '乙局' }, 0), 'zombie', 'revived'),
      changed(account('2', 'zombie', 'silent', { org: '甲局' }, 1), 'zombie', 'unchanged'),
      changed(account('3', 'inactive', null, { org: '乙局' }, 2), 'active', 'newly-inactive'),
      changed(account('4', 'zombie', 'never-posted', { org: '甲局' }, 3), null, 'new'),
      changed(account('5', 'unverified', 'blocked', { org: '甲局' }, 4), 'inactive', 'unverified'),
    ];
    const report = audit(findings, { changes: { previousAt: before, counts: countChanges(findings) } });
    const review = section(await zh(report), '复核情况');
    expect(review).toContain('与北京时间 2026-10-21 10:00 的上一次检查相比：');
    expect(review).toContain('上一次检查不合格的 3 个账号中，已整改 1 个，仍未整改 1 个，已不存在或本次未能核实 1 个。');
    expect(review).toContain(cells('主办单位', '账号', '平台', '上次结论', '本次状态', '复核结论'));
    expect(review).toContain(cells('乙局', '账号1', 1, '哔哩哔哩', '僵尸账号（2026-10-21）', '活跃', '已整改'));
    expect(review).toContain(cells('甲局', '账号2', 2, '哔哩哔哩', '僵尸账号（2026-10-21）', '僵尸账号', '未整改'));
    expect(review).toContain(cells('甲局', '账号5', 5, '哔哩哔哩', '更新不及时（2026-10-21）', '待人工核实', '待核实'));
    // Bodies grouped: both of 甲局's rows before 乙局's, or after, never interleaved.
    const followed = review.slice(0, review.indexOf('本次新增不合格账号'));
    const bodies = followed.split('\n').filter((line) => /^[甲乙]局$/.test(line));
    expect(bodies).toHaveLength(3);
    expect(bodies[0] === bodies[1] || bodies[1] === bodies[2]).toBe(true);
    expect(review).toContain('本次新增不合格账号 2 个：');
    expect(review).toContain(cells('乙局', '账号3', 3, '哔哩哔哩', '活跃（2026-10-21）', '更新不及时'));
    expect(review).toContain(cells('甲局', '账号4', 4, '哔哩哔哩', '首次检查', '僵尸账号（从未发布）'));
    // Without history, no follow-up at all; with a first audit, a sentence says so.
    expect(await zh(mixed())).not.toContain('复核情况');
    const first = section(await zh(audit([account('1', 'active', null)], { changes: { previousAt: null, counts: report.changes!.counts } })), '复核情况');
    expect(first).toContain('这是历史库中的第一次检查');
  });

  it('says where the evidence is and how to replay it, and puts the run’s alerts before any figure', async () => {
    const report = audit([account('1', 'active', null)], {
      files: ['lists/my list.csv'],
      archive: { file: 'gov-audit-20261120T020000Z.warc.gz', replayed: false },
      alerts: [{ code: 'mass-not-found', platform: 'bilibili', accounts: 3, detail: '3 of 4 accounts came out not found' }],
    });
    const text = await zh(report);
    const evidence = section(text, '证据存档');
    expect(evidence).toContain('WARC 存档文件 gov-audit-20261120T020000Z.warc.gz');
    expect(evidence).toContain('gov-audit scan "lists/my list.csv" --replay <存档目录>/gov-audit-20261120T020000Z.warc.gz');
    const alert = text.indexOf('特别提示：哔哩哔哩：3 of 4 accounts came out not found');
    expect(alert).toBeGreaterThan(0);
    expect(alert).toBeLessThan(text.indexOf('一、检查范围与依据'));
    const replayed = await zh({ ...report, archive: { file: 'a.warc.gz', replayed: true } });
    expect(replayed).toContain('本次检查由 WARC 存档文件 a.warc.gz 重放得出');
  });

  it('writes in English with --lang en', async () => {
    const text = await docx(mixed(), { lang: 'en', color: false }).then(textOf);
    expect(text.split('\n')[0]).toBe('Check of the accounts listed in “江城市政务新媒体台账” (2026-11-20)');
    const headings = text.split('\n').filter((line) => /^\d+\. /.test(line));
    expect(headings).toEqual(['1. Scope and basis of the check', '2. Results: pass rate on content updates', '3. Problems found, by body', '4. Corrections required and deadline', '5. Accounts to verify by hand']);
    expect(text).toContain('2 passed on content updates and 3 failed (1 not updated in time, 2 zombie): a pass rate of 40.00%.');
    expect(text).toContain('zombie (never posted)');
    expect(text).toContain('Deadline for corrections: 2026-12-04.');
    expect(text).toMatch(/By platform: (Bilibili 4, Weibo 4|Weibo 4, Bilibili 4)\./);
    // No Chinese of the catalogue: only the list's own names and bodies, and the rule's own reference, are Chinese.
    expect(text).toContain('国办秘函〔2019〕19号');
    const withoutList = text.replace(/江城市政务新媒体台账|江城市公安局|江城市税务局|江城市|东区|市级|账号\d|国办秘函〔2019〕19号/g, '');
    expect(withoutList.match(/[\u4e00-\u9fff]/g) ?? []).toEqual([]);
  });

  it('names every list in the title of an audit of several', async () => {
    const text = await zh(audit([account('1', 'active', null)], { files: ['a/江城市台账.xlsx', 'b/新增账号.csv'] }));
    expect(text.split('\n')[0]).toBe('《江城市台账》等 2 份名单所列账号检查情况通报（2026年11月20日）');
    expect(text).toContain('检查对象：《江城市台账》等 2 份名单所列的 1 个账号。');
  });

  it('keeps a title given with --title', async () => {
    expect((await zh(audit([account('1', 'active', null)], { title: '关于2026年第四季度政务新媒体检查情况的通报' }))).split('\n')[0]).toBe('关于2026年第四季度政务新媒体检查情况的通报');
  });

  it('keeps the list’s text as text: XML’s own characters, controls and broken characters survive, nothing is obeyed', async () => {
    const hostile = account('1', 'zombie', 'silent', { name: '<w:t>&amp;"x"\'</w:t>', org: 'Org\u0007\u001b[31mred\u202e' }, 0);
    hostile.account.id = 'id\uD800lone';
    const document = await docx(audit([hostile]), { lang: 'zh-CN', color: false });
    const parts = await partsOf(document);
    const xml = parts.get('word/document.xml')!;
    // eslint-disable-next-line no-control-regex
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u202e\uD800]/);
    const text = await textOf(document);
    expect(text).toContain('<w:t>&amp;"x"\'</w:t>');
    expect(text).toContain('Org\\x07\\x1b[31mred\\u202e');
    expect(text).toContain('id\\ud800lone');
  });

  it('holds no field code and no macro, and is laid out on A4 portrait', async () => {
    const parts = await partsOf(await docx(mixed(), { lang: 'zh-CN', color: false }));
    for (const [path, xml] of parts) {
      expect(xml, path).not.toMatch(/w:fldChar|w:instrText|w:fldSimple/);
      expect(path).not.toMatch(/vbaProject|\.bin$/);
    }
    expect(parts.get('[Content_Types].xml')).not.toMatch(/macroEnabled/i);
    expect(parts.get('word/document.xml')).toMatch(/<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/);
    // The tables' header rows repeat on every printed page.
    expect(parts.get('word/document.xml')).toContain('<w:tblHeader/>');
  });
});

describe('whose accounts: the identity findings in the 通报', () => {
  const verified = (text: string) => ({ verified: true, kind: 'organisation' as const, text, field: 'Official.title' });
  const withIdentity = (f: Finding, name: string, verification: ReturnType<typeof verified> | null): Finding => ({ ...f, identity: { name, verification } });

  it('lists each account whose verification names another body or whose name differs, beside what the list says', async () => {
    const text = await zh(
      audit([
        withIdentity(account('1', 'active', null, { org: '江城市卫生健康委员会', name: '江城卫健' }), '江城卫健', verified('江城星光文化传媒有限公司')),
        withIdentity(account('2', 'active', null, { platform: 'weibo', org: '江城市公安局', name: '江城公安' }, 1), '平安江城', null),
      ]),
    );
    const section = text.slice(text.indexOf('、账号身份核查（认证与名称）'));
    expect(section).toContain('以下 2 项平台所示认证或名称与名单不一致');
    expect(section).toContain(['江城市卫生健康委员会', '江城卫健', '1', '哔哩哔哩', '认证主体与名单不一致（请核对）'].join('\n'));
    expect(section).toContain('江城星光文化传媒有限公司');
    expect(section).toContain(['江城市公安局', '江城公安', '2', '微博', '名称与名单不一致', '微博：名称“平安江城”；名单：“江城公安”'].join('\n'));
    // Nothing of it reaches the pass rate.
    expect(text).toContain('合格率 100.00%');
  });

  it('has no such section when every account is the body’s as far as the answers show', async () => {
    const text = await zh(audit([withIdentity(account('1', 'active', null, { org: '江城市卫生健康委员会', name: '江城卫健' }), '江城卫健', verified('江城市卫生健康委员会'))]));
    expect(text).not.toContain('账号身份核查');
  });
});
