import { basename, extname } from 'node:path';
import type * as DocxModule from 'docx';
import type { AuditReport, RankedFinding } from '../audit/finding.js';
import { ratesOf, rollup, type GroupField, type GroupRow, type Rates } from '../audit/groups.js';
import type { Status } from '../audit/status.js';
import { findNotices, type Notice } from '../audit/notices.js';
import { DAY_MS, toChinaIso, toChinaMinute } from '../audit/time.js';
import { messages, type Lang, type Messages } from '../i18n/index.js';
import { countByStatus, type ReportContext } from './context.js';
import { escapeControl } from './control.js';
import { adviceText, displayName, platformLabel, remedyText, verificationLabel } from './fields.js';
import { alertLines, groupValueLabel } from './sections.js';

/*
 * The 通报 draft: the notice an office edits, signs and issues, as a Word
 * document (A4 portrait). It says what was checked and on which rule, the
 * pass rate on content updates with the accounts each ratio counts, the
 * problems by body with a deadline, the follow-up of the previous check
 * (with history), the accounts left to verify by hand, and where the
 * evidence is. Every word comes from the i18n catalogues; every text of the
 * list goes in as a plain run (no field code, no macro, nothing Word obeys).
 * The findings beyond status (several accounts of one body, identity) are
 * left to the other reports: they rest on platform fields a JSON report does
 * not carry back, and the notice must read the same from a scan and from
 * `gov-audit notice report.json`.
 */

/** What the notice may be given beside the report (`gov-audit notice --deadline`). */
export interface NoticeOptions {
  /** The deadline for corrections, a China calendar day `YYYY-MM-DD`; default: 10 working days after the check. */
  deadline?: string;
}

export type NoticeContext = ReportContext & NoticeOptions;

/** Working days (Monday to Friday) from the check to the default deadline, as offices usually allow. */
export const DEFAULT_WORKING_DAYS = 10;

/** The China calendar day `workingDays` working days (Mon–Fri) after the day of `instant`. Public holidays are not known. */
export function workingDaysAfter(instant: Date, workingDays: number = DEFAULT_WORKING_DAYS): string {
  // Midnight UTC of the China calendar day: getUTCDay() is then that day's weekday.
  let day = new Date(Date.parse(toChinaIso(instant).slice(0, 10)));
  for (let left = workingDays; left > 0; ) {
    day = new Date(day.getTime() + DAY_MS);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) left--;
  }
  return day.toISOString().slice(0, 10);
}

// A4 in twentieths of a point, 25 mm margins: 9070 twips of text width.
const A4 = { width: 11906, height: 16838 };
const MARGIN = 1418;
const FAILING: ReadonlySet<Status> = new Set(['inactive', 'zombie']);
const PROBLEM: ReadonlySet<Status> = new Set(['inactive', 'zombie', 'not-found']);
/** Reasons the status already says: no note beside it. */
const PLAIN_REASONS: ReadonlySet<string> = new Set(['silent', 'missing']);
const FONTS: Record<Lang, { body: DocxModule.IFontAttributesProperties; heading: DocxModule.IFontAttributesProperties }> = {
  'zh-CN': { body: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' }, heading: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体' } },
  en: { body: { ascii: 'Calibri', hAnsi: 'Calibri', eastAsia: '宋体' }, heading: { ascii: 'Calibri', hAnsi: 'Calibri', eastAsia: '黑体' } },
};

// Characters XML 1.0 cannot hold at all (a lone surrogate, U+FFFE, U+FFFF): written out as escapes, as controls are.
const NOT_XML = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\uFFFE\uFFFF]/g;

/** Text as a run holds it: controls and what XML cannot carry written out as visible escapes (`escapeControl`). */
export function plainText(text: string): string {
  return escapeControl(text).replace(NOT_XML, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export async function docx(report: AuditReport, ctx: NoticeContext): Promise<Buffer> {
  const lib = await import('docx');
  const build = new NoticeBuilder(lib, report, ctx);
  return lib.Packer.toBuffer(build.document());
}

type Block = DocxModule.Paragraph | DocxModule.Table;

/** One section of the notice: its heading (numbered when the notice is put together) and its blocks. */
interface Section {
  heading: string;
  blocks: Block[];
}

class NoticeBuilder {
  private readonly m: Messages['notice'];
  private readonly all: Messages;
  private readonly accounts: RankedFinding[];
  private readonly fonts: (typeof FONTS)[Lang];

  constructor(
    private readonly lib: typeof DocxModule,
    private readonly report: AuditReport,
    private readonly ctx: NoticeContext,
  ) {
    this.all = messages(ctx.lang);
    this.m = this.all.notice;
    this.accounts = [...report.accounts];
    this.fonts = FONTS[ctx.lang];
  }

  document(): DocxModule.Document {
    const { Document, PageOrientation } = this.lib;
    const sections = [this.scope(), this.rates(), this.problems(), this.demands(), this.review(), this.identity(), this.manual(), this.evidence()].filter((s): s is Section => s !== undefined);
    const children: Block[] = [...this.opening()];
    sections.forEach((section, i) => children.push(this.heading(`${this.m.sectionNumber(this.m.numeral(i + 1))}${section.heading}`, 1), ...section.blocks));
    children.push(...this.closing());
    return new Document({
      creator: 'gov-audit',
      title: plainText(this.title()),
      styles: this.styles(),
      sections: [
        {
          properties: { page: { size: { ...A4, orientation: PageOrientation.PORTRAIT }, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } } },
          children,
        },
      ],
    });
  }

  private styles(): DocxModule.IStylesOptions {
    const heading = (id: string, name: string, size: number) => ({
      id,
      name,
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      run: { font: this.fonts.heading, size, bold: true, color: '000000' },
      paragraph: { keepNext: true, keepLines: true, spacing: { before: 240, after: 120 } },
    });
    return {
      default: { document: { run: { font: this.fonts.body, size: 24 }, paragraph: { spacing: { line: 300, after: 80 } } } },
      paragraphStyles: [
        { ...heading('Title', 'Title', 36), paragraph: { alignment: this.lib.AlignmentType.CENTER, spacing: { before: 240, after: 120 } } },
        heading('Heading1', 'Heading 1', 28),
        heading('Heading2', 'Heading 2', 24),
      ],
    };
  }

  // ---- text helpers ----

  private run(text: string, options: { bold?: boolean; color?: string; size?: number; font?: DocxModule.IFontAttributesProperties } = {}): DocxModule.TextRun {
    return new this.lib.TextRun({ text: plainText(text), ...options });
  }

  private paragraph(text: string, options: { bold?: boolean; color?: string; indent?: boolean; align?: 'right' | 'center'; keepNext?: boolean } = {}): DocxModule.Paragraph {
    const { AlignmentType } = this.lib;
    return new this.lib.Paragraph({
      children: [this.run(text, { bold: options.bold, color: options.color })],
      // A Chinese paragraph opens two characters in.
      indent: options.indent !== false && this.ctx.lang === 'zh-CN' ? { firstLine: 480 } : undefined,
      alignment: options.align === 'right' ? AlignmentType.RIGHT : options.align === 'center' ? AlignmentType.CENTER : undefined,
      keepNext: options.keepNext,
    });
  }

  private heading(text: string, level: 1 | 2): DocxModule.Paragraph {
    const { HeadingLevel } = this.lib;
    return new this.lib.Paragraph({ heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, children: [this.run(text)] });
  }

  /** A table whose header row repeats on every printed page, and whose rows are never split across pages. */
  private table(headers: readonly string[], rows: readonly (readonly (string | string[])[])[], widths: readonly number[], numeric: ReadonlySet<number> = new Set()): DocxModule.Table {
    const { Table, TableRow, TableCell, Paragraph, WidthType, AlignmentType, ShadingType } = this.lib;
    const cell = (value: string | string[], column: number, header = false) =>
      new TableCell({
        width: { size: widths[column]!, type: WidthType.DXA },
        shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' } : undefined,
        children: (Array.isArray(value) ? value : [value]).map(
          (line) =>
            new Paragraph({
              children: [this.run(line, { bold: header, size: 21 })],
              spacing: { line: 260, after: 0 },
              alignment: header ? AlignmentType.CENTER : numeric.has(column) ? AlignmentType.RIGHT : AlignmentType.LEFT,
              keepNext: header,
            }),
        ),
      });
    return new Table({
      width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
      columnWidths: [...widths],
      rows: [
        new TableRow({ tableHeader: true, cantSplit: true, children: headers.map((h, i) => cell(h, i, true)) }),
        ...rows.map((row) => new TableRow({ cantSplit: true, children: row.map((value, i) => cell(value, i)) })),
      ],
    });
  }

  private spacer(): DocxModule.Paragraph {
    return new this.lib.Paragraph({ children: [], spacing: { after: 0 } });
  }

  // ---- figures in words ----

  private date(iso: string): string {
    return this.m.date(iso);
  }

  private percent(share: number | null): string {
    return share === null ? this.m.rates.none : `${(share * 100).toFixed(2)}%`;
  }

  private accountCell(f: RankedFinding): string[] {
    const name = displayName(f);
    return name && name !== f.account.id ? [name, f.account.id] : [f.account.id];
  }

  private statusWords(f: RankedFinding): string {
    const status = this.all.status[f.status];
    // The reason says which kind of zombie or absence it is (never posted, banned …) where the status alone does not.
    return f.reason && f.status !== 'unverified' && !PLAIN_REASONS.has(f.reason) ? this.m.aside(status, this.all.reasonLabel[f.reason]) : status;
  }

  private orgLabel(org: string | undefined): string {
    return org?.trim() ? org : this.all.groups.none;
  }

  private platform(f: RankedFinding): string {
    return platformLabel(f.account.platform, this.ctx.lang);
  }

  private deadline(): string {
    return this.ctx.deadline ?? workingDaysAfter(this.report.now);
  }

  // ---- the parts ----

  private listNames(): string {
    const names = this.report.files.map((file) => basename(file, extname(file)));
    return this.m.listNames(names[0] ?? this.all.report.title, Math.max(0, names.length - 1));
  }

  private title(): string {
    return this.report.title ?? this.m.title(this.listNames(), this.date(toChinaIso(this.report.now).slice(0, 10)));
  }

  private opening(): Block[] {
    const { Paragraph, HeadingLevel } = this.lib;
    return [
      new Paragraph({ heading: HeadingLevel.TITLE, children: [this.run(this.title())] }),
      this.paragraph(this.m.draft, { indent: false, align: 'center', color: '7F7F7F' }),
      // What holds the whole run back comes before any figure.
      ...alertLines(this.report, this.ctx.lang).map((line) => this.paragraph(`${this.m.alert}${line}`, { bold: true, color: 'C00000' })),
      this.paragraph(this.m.opening(toChinaMinute(this.report.now), this.accounts.length)),
    ];
  }

  private scope(): Section {
    const s = this.m.scope;
    const byPlatform = rollup(this.accounts, 'platform').sort((a, b) => b.total - a.total);
    const parts = byPlatform.map((row) => s.platformCount(groupValueLabel(row, this.ctx.lang), row.total)).join(this.ctx.lang === 'en' ? ', ' : '、');
    const { inactiveDays, zombieDays } = this.report.thresholds;
    const notScanned = this.accounts.filter((f) => f.reason === 'not-scanned').length;
    const lines = [
      s.lists(this.listNames(), this.accounts.length),
      ...(parts ? [s.platforms(parts)] : []),
      ...(this.report.shard ? [s.shard(this.report.shard.index, this.report.shard.count)] : []),
      s.instant(toChinaMinute(this.report.now)),
      s.rule(inactiveDays),
      s.zombie(zombieDays),
      s.only,
      ...(this.report.interrupted ? [s.interrupted(notScanned, this.accounts.length)] : []),
    ];
    return { heading: s.heading, blocks: lines.map((line) => this.paragraph(line)) };
  }

  private rates(): Section {
    const r = this.m.rates;
    const counts = countByStatus(this.accounts);
    const overall = ratesOf(counts);
    const blocks: Block[] = [
      this.paragraph(
        r.overall({
          listed: overall.listed,
          judged: overall.judged,
          passed: overall.passed,
          failed: overall.failed,
          inactive: counts.inactive,
          zombie: counts.zombie,
          passRate: this.percent(overall.passRate),
          checkedRate: this.percent(overall.checkedRate),
        }),
      ),
      this.paragraph(r.definition(this.report.thresholds.inactiveDays)),
      this.paragraph(r.apart(overall.notFound, overall.unverified)),
    ];
    for (const field of this.rateFields()) {
      blocks.push(this.heading(r.byField(this.all.groups.field[field] ?? field), 2), this.ratesTable(field, rollup(this.accounts, field), overall), this.spacer());
    }
    return { heading: r.heading, blocks };
  }

  /** Platform always; region and level when the list gives them. */
  private rateFields(): GroupField[] {
    const given = (field: GroupField) => this.accounts.some((f) => Boolean(f.account[field as 'region' | 'level']?.trim()));
    return (['platform', 'region', 'level'] as const).filter((field) => field === 'platform' || given(field));
  }

  private ratesTable(field: GroupField, rows: GroupRow[], overall: Rates): DocxModule.Table {
    const h = this.m.rates.headers;
    const line = (label: string, rates: Rates) => [
      label,
      String(rates.listed),
      String(rates.passed),
      String(rates.failed),
      String(rates.notFound),
      String(rates.unverified),
      this.percent(rates.passRate),
      this.percent(rates.checkedRate),
    ];
    const headers = [this.all.groups.field[field] ?? field, h.listed, h.passed, h.failed, h.notFound, h.unverified, h.passRate, h.checkedRate];
    const body = [...rows.map((row) => line(groupValueLabel(row, this.ctx.lang), row.rates)), line(this.m.rates.total, overall)];
    return this.table(headers, body, [2070, 1000, 900, 900, 900, 900, 1200, 1200], new Set([1, 2, 3, 4, 5, 6, 7]));
  }

  private problems(): Section {
    const p = this.m.problems;
    const bodies = this.groupByOrg(this.accounts.filter((f) => PROBLEM.has(f.status)));
    const total = [...bodies.values()].reduce((n, list) => n + list.length, 0);
    if (!total) return { heading: p.heading, blocks: [this.paragraph(p.none)] };
    const blocks: Block[] = [this.paragraph(p.intro(total, bodies.size))];
    let n = 0;
    for (const [org, findings] of bodies) {
      blocks.push(this.heading(p.body(this.m.numeral(++n), org, findings.length), 2), this.problemTable(findings), this.paragraph(p.deadline(this.date(this.deadline())), { bold: true }));
    }
    return { heading: p.heading, blocks };
  }

  private problemTable(findings: readonly RankedFinding[]): DocxModule.Table {
    const h = this.m.problems.headers;
    const rows = findings.map((f, i) => [
      String(i + 1),
      this.accountCell(f),
      this.platform(f),
      this.statusWords(f),
      f.lastPostAt ? toChinaIso(f.lastPostAt).slice(0, 10) : f.reason === 'never-posted' ? this.m.problems.never : this.m.rates.none,
      f.daysSinceLastPost === null ? this.m.rates.none : String(f.daysSinceLastPost),
      adviceText(f, this.ctx.lang, this.report.thresholds) ?? '',
    ]);
    return this.table([h.no, h.account, h.platform, h.status, h.lastPost, h.days, h.advice], rows, [560, 2100, 1000, 1300, 1250, 860, 2000], new Set([0, 5]));
  }

  private demands(): Section | undefined {
    const d = this.m.demands;
    const present = new Set(this.accounts.map((f) => f.status));
    if (![...PROBLEM].some((s) => present.has(s))) return undefined;
    const deadline = this.date(this.deadline());
    const blocks = [this.paragraph(`${d.deadline(deadline)}${this.ctx.deadline ? '' : d.defaultDeadline(DEFAULT_WORKING_DAYS)}`)];
    if (present.has('inactive')) blocks.push(this.paragraph(d.inactive));
    if (present.has('zombie')) blocks.push(this.paragraph(d.zombie));
    if (present.has('not-found')) blocks.push(this.paragraph(d.notFound));
    return { heading: d.heading, blocks };
  }

  /** With history: last time's failing accounts now fixed or not (by body), and the accounts failing for the first time. */
  private review(): Section | undefined {
    const changes = this.report.changes;
    if (!changes) return undefined;
    const r = this.m.review;
    if (!changes.previousAt) return { heading: r.heading, blocks: [this.paragraph(this.all.change.firstRun)] };
    const before = (f: RankedFinding) => f.change?.previousStatus ?? null;
    const wasFailing = this.byOrg(this.accounts.filter((f) => FAILING.has(before(f) as Status)));
    const newly = this.byOrg(this.accounts.filter((f) => FAILING.has(f.status) && !FAILING.has(before(f) as Status)));
    const blocks: Block[] = [this.paragraph(r.compared(toChinaMinute(changes.previousAt)))];
    blocks.push(...this.followUp(wasFailing));
    blocks.push(this.paragraph(newly.length ? r.newly(newly.length) : r.newlyNone, { keepNext: newly.length > 0 }));
    if (newly.length) {
      const h = r.headers;
      const rows = newly.map((f) => [this.orgLabel(f.account.org), this.accountCell(f), this.platform(f), this.previousWords(f), this.statusWords(f)]);
      blocks.push(this.table([h.org, h.account, h.platform, h.before, h.now], rows, [2200, 2470, 1100, 1600, 1700]));
    }
    return { heading: r.heading, blocks };
  }

  private followUp(wasFailing: readonly RankedFinding[]): Block[] {
    const r = this.m.review;
    if (!wasFailing.length) return [this.paragraph(r.noneFailing)];
    const verdict = (f: RankedFinding): keyof typeof r.verdict =>
      f.status === 'active' ? 'fixed' : FAILING.has(f.status) ? 'still' : f.status === 'not-found' ? 'gone' : 'unverified';
    const tally = { fixed: 0, still: 0, gone: 0, unverified: 0 };
    for (const f of wasFailing) tally[verdict(f)]++;
    const h = r.headers;
    const rows = wasFailing.map((f) => [this.orgLabel(f.account.org), this.accountCell(f), this.platform(f), this.previousWords(f), this.statusWords(f), r.verdict[verdict(f)]]);
    return [
      this.paragraph(r.summary(wasFailing.length, tally.fixed, tally.still, tally.gone + tally.unverified), { keepNext: true }),
      this.table([h.org, h.account, h.platform, h.before, h.now, h.verdict], rows, [2000, 2270, 1000, 1300, 1300, 1200]),
      this.spacer(),
    ];
  }

  /** Accounts by body: the body holding the worst-ranked account first, each body's accounts in rank order. */
  private groupByOrg(findings: readonly RankedFinding[]): Map<string, RankedFinding[]> {
    const bodies = new Map<string, RankedFinding[]>();
    for (const f of findings) {
      const org = this.orgLabel(f.account.org);
      const list = bodies.get(org);
      if (list) list.push(f);
      else bodies.set(org, [f]);
    }
    return bodies;
  }

  /** The same, as one list a table shows with a column for the body. */
  private byOrg(findings: readonly RankedFinding[]): RankedFinding[] {
    return [...this.groupByOrg(findings).values()].flat();
  }

  private previousWords(f: RankedFinding): string {
    const change = f.change;
    if (!change?.previousStatus) return this.m.review.firstSeen;
    const status = this.all.status[change.previousStatus];
    return change.previousAt ? this.m.aside(status, toChinaIso(change.previousAt).slice(0, 10)) : status;
  }

  /**
   * The identity findings (国办发〔2018〕123号: verification naming the body,
   * the same name everywhere), one row per account and finding, with what the
   * platform said beside what the list says. They never touch a rate.
   */
  private identity(): Section | undefined {
    const found = findNotices(this.accounts).filter((notice): notice is Extract<Notice, { evidence: unknown }> => 'evidence' in notice);
    if (!found.length) return undefined;
    const i = this.m.identity;
    const byKey = new Map(this.accounts.map((f) => [f.account.key, f]));
    const label = this.all.notices.label;
    const rows = found.flatMap((notice) =>
      notice.evidence.map((e) => {
        const f = byKey.get(e.key);
        const said = e.verification ? verificationLabel(e.verification, this.ctx.lang) : this.all.notices.nameIs(e.text ?? '');
        return [this.orgLabel(f?.account.org), f ? this.accountCell(f) : [e.key], platformLabel(e.platform, this.ctx.lang), label[notice.code] ?? notice.code, this.all.notices.evidence(platformLabel(e.platform, this.ctx.lang), said, e.listed)];
      }),
    );
    const h = i.headers;
    return { heading: i.heading, blocks: [this.paragraph(i.intro(rows.length), { keepNext: true }), this.table([h.org, h.account, h.platform, h.finding, h.evidence], rows, [1900, 1900, 900, 1700, 2670])] };
  }

  private manual(): Section | undefined {
    const unverified = this.accounts.filter((f) => f.status === 'unverified');
    if (!unverified.length) return undefined;
    const m = this.m.manual;
    const h = m.headers;
    const rows = unverified.map((f) => [
      this.accountCell(f),
      this.platform(f),
      this.orgLabel(f.account.org),
      f.reason ? this.all.reason[f.reason] : '',
      remedyText(f, this.ctx.lang) ?? this.all.advice.unverified(),
    ]);
    return { heading: m.heading, blocks: [this.paragraph(m.intro(unverified.length), { keepNext: true }), this.table([h.account, h.platform, h.org, h.reason, h.remedy], rows, [1900, 900, 1700, 2100, 2470])] };
  }

  private evidence(): Section | undefined {
    const archive = this.report.archive;
    if (!archive) return undefined;
    const e = this.m.evidence;
    const lists = this.report.files.map(shellWord).join(' ');
    return {
      heading: e.heading,
      blocks: [
        this.paragraph(archive.replayed ? e.replayed(archive.file) : e.archived(archive.file)),
        this.paragraph(e.replay, { keepNext: true }),
        new this.lib.Paragraph({ children: [this.run(e.replayCommand(lists, shellWord(archive.file)), { font: { ascii: 'Consolas', hAnsi: 'Consolas', eastAsia: '宋体' }, size: 20 })] }),
      ],
    };
  }

  private closing(): Block[] {
    return [this.spacer(), this.paragraph(this.m.closing.issuer, { align: 'right', indent: false }), this.paragraph(this.m.closing.date, { align: 'right', indent: false })];
  }
}

/** A file name as a shell command takes it: quoted when it holds a space or a character the shell reads. */
function shellWord(word: string): string {
  return /^[\p{L}\p{N}_./:@%+=,-]+$/u.test(word) ? word : `"${word.replace(/(["\\$`])/g, '\\$1')}"`;
}
