import type { AuditReport, RankedFinding } from '../audit/finding.js';
import { rollup, type GroupField } from '../audit/groups.js';
import { STATUSES, type Status } from '../audit/status.js';
import { toChinaMinute } from '../audit/time.js';
import { messages, type Lang } from '../i18n/index.js';
import { escapeControl } from './control.js';
import { countByStatus, describeDuplicate, describeNote, describeProblem, type Reporter } from './context.js';
import { adviceText, displayName, extraColumns, platformLabel } from './fields.js';
import { alertLines, changeSection, groupSections, groupTable, groupValueLabel, noticeLines, ratioNotes, ratioText, ratioTitle, summaryRatios, type RatioValue } from './sections.js';

/*
 * One self-contained HTML file: CSS, script and SVG charts inline, and a
 * Content-Security-Policy that forbids every network request. Everything
 * that came from the list or the web goes through `esc`.
 */

const COLOURS: Record<Status, string> = {
  zombie: '#b91c1c',
  inactive: '#c2410c',
  'not-found': '#6d28d9',
  active: '#15803d',
  unverified: '#0e7490',
};

/** Text for HTML: markup characters as entities, terminal controls and bidi marks shown escaped (`escapeControl`). */
export function esc(value: unknown): string {
  return escapeControl(String(value ?? ''), 'cell')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Only a plain web address becomes a link; anything else (javascript:, data:) stays text. */
function safeHref(url: string): string | undefined {
  return /^https?:\/\/[^\s"'<>]+$/i.test(url) ? url : undefined;
}

const STYLE = `
:root { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", system-ui, sans-serif; color: #1f2937; }
body { margin: 24px auto; max-width: 1200px; padding: 0 16px; line-height: 1.5; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; border-bottom: 1px solid #e5e7eb; padding-bottom: 4px; }
.meta { color: #4b5563; font-size: 13px; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 16px 0; }
.card { flex: 1 1 140px; border-radius: 8px; padding: 10px 14px; color: #fff; }
.card .n { font-size: 28px; font-weight: 700; } .card .l { font-size: 13px; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(360px, 1fr)); gap: 20px; }
figure { margin: 0; } figcaption { font-size: 13px; font-weight: 600; margin-bottom: 4px; } figure svg { max-width: 100%; height: auto; }
svg text { font-size: 11px; fill: #374151; }
.legend span { display: inline-block; margin-right: 10px; font-size: 12px; }
.legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; border-radius: 2px; }
.filters { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0; font-size: 13px; align-items: center; }
.filters select, .filters input { font: inherit; padding: 2px 4px; }
table { border-collapse: collapse; width: 100%; font-size: 12.5px; }
th, td { border-bottom: 1px solid #e5e7eb; padding: 4px 6px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #f3f4f6; position: sticky; top: 0; white-space: nowrap; }
th[data-sort] { cursor: pointer; user-select: none; } th[data-sort]::after { content: " ↕"; color: #9ca3af; }
th.asc::after { content: " ↑"; color: #111827; } th.desc::after { content: " ↓"; color: #111827; }
/* A number is never broken across lines ("1/0" for 10), and its digits line up. */
td.num, th.num, td.nowrap { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; overflow-wrap: normal; }
td.nowrap { text-align: left; }
.status { display: inline-block; color: #fff; border-radius: 4px; padding: 0 6px; white-space: nowrap; }
.small { color: #6b7280; font-size: 12px; word-break: break-all; }
.reason-short, .th-short { display: none; }
table.ratios { width: auto; margin: 0 0 8px; } table.ratios td.note { color: #4b5563; }
ul.notes { margin: 6px 0 0; padding-left: 18px; color: #4b5563; font-size: 12px; }
.banner { background: #fef3c7; border: 1px solid #d97706; color: #78350f; padding: 8px 12px; margin: 12px 0; font-weight: 600; }
.scroll { overflow-x: auto; }
dl.reasons { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; font-size: 13px; } dl.reasons dt { font-weight: 600; }
@page { size: A4 landscape; margin: 8mm 10mm; }
@media print {
  /* A4 landscape, nothing smaller than 9 pt: a report handed to a superior is read on paper. */
  body { margin: 0; max-width: none; padding: 0; line-height: 1.2; } .filters { display: none; }
  h1 { font-size: 16pt; } h2 { font-size: 12pt; margin: 10pt 0 4pt; }
  /* A heading stays with what it heads; a short section, a chart or the cards are never split. */
  h2, figcaption { break-after: avoid; page-break-after: avoid; }
  section.keep, figure, .cards, table.ratios, .legend, ul.notes { break-inside: avoid; page-break-inside: avoid; }
  table.groups { break-after: avoid; page-break-after: avoid; }
  th { position: static; } th[data-sort]::after, th.asc::after, th.desc::after { content: none; }
  thead { display: table-header-group; } tr { break-inside: avoid; page-break-inside: avoid; }
  .scroll { overflow: visible; } table { font-size: 9pt; } th, td { padding: 1px 3px; }
  body, .meta, .small, dl.reasons, .legend span, figcaption, ul.notes { font-size: 9pt; } .status { padding: 0 3px; }
  .cards { gap: 6px; margin: 8px 0; } .card { padding: 2pt 8pt; border-radius: 4px; } .card .n { font-size: 14pt; } .card .l { font-size: 9pt; }
  /* Paper gets the short reason (the legend at the end says what each means), the day without the hour, no id under the name. */
  #accounts .reason-long, #accounts .id, #accounts .hour, #accounts .th-long { display: none; } #accounts .reason-short, #accounts .th-short { display: inline; }
  /* Followers and posts are no inspection's measure (docs/decisions.md): the screen, CSV and workbook keep them. */
  #accounts .figure, #accounts .day { display: none; }
  #accounts td.advice, #accounts td.reason { overflow-wrap: normal; } #accounts td.region, #accounts td.org { white-space: nowrap; } #accounts td.reason { min-width: 6em; }
  #accounts td.advice { min-width: 28em; } #accounts td.platform { min-width: 6.5em; } #accounts td.name, #accounts td.extra { min-width: 6em; }
  .charts { grid-template-columns: repeat(3, 1fr); gap: 12px; } svg text { font-size: 13px; } dl.reasons { grid-template-columns: max-content 1fr max-content 1fr; gap: 0 10px; }
  .card, .status, svg rect, th { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}`;

/** Sorting and filtering of the ranked table; no network, no dependencies. */
const SCRIPT = `
(function () {
  var table = document.getElementById('accounts');
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var filters = Array.prototype.slice.call(document.querySelectorAll('[data-filter]'));
  var search = document.getElementById('f-search');
  var shown = document.getElementById('shown');
  function apply() {
    var text = search.value.trim().toLowerCase();
    var count = 0;
    rows.forEach(function (row) {
      var ok = filters.every(function (f) { return !f.value || row.getAttribute('data-' + f.getAttribute('data-filter')) === f.value; });
      if (ok && text) ok = row.textContent.toLowerCase().indexOf(text) >= 0;
      row.hidden = !ok;
      if (ok) count++;
    });
    shown.textContent = String(count);
  }
  filters.forEach(function (f) { f.addEventListener('change', apply); });
  search.addEventListener('input', apply);
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
    if (!th.hasAttribute('data-sort')) return;
    th.addEventListener('click', function () {
      var numeric = th.getAttribute('data-sort') === 'num';
      var ascending = !th.classList.contains('asc');
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.classList.remove('asc', 'desc'); });
      th.classList.add(ascending ? 'asc' : 'desc');
      var value = function (row) {
        var cell = row.cells[index];
        var raw = cell.getAttribute('data-value');
        if (raw === null) raw = cell.textContent.trim();
        if (!numeric) return raw;
        return raw === '' ? (ascending ? Infinity : -Infinity) : Number(raw);
      };
      rows.sort(function (a, b) {
        var x = value(a), y = value(b);
        var order = numeric ? x - y : String(x).localeCompare(String(y), 'zh-CN');
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  apply();
})();`;

/** A report whose accounts are in memory, as a web page that shows them all needs. */
type HeldReport = AuditReport & { accounts: RankedFinding[] };

export const html: Reporter = (whole, ctx) => {
  // A web page holds every account it shows: the list is read into memory once.
  const report: HeldReport = { ...whole, accounts: [...whole.accounts] };
  const m = messages(ctx.lang);
  const counts = countByStatus(report.accounts);
  const parts = [
    `<h1>${esc(report.title ?? m.report.title)}</h1>`,
    `<p class="meta">${esc(m.report.auditedAt)}${esc(m.colon)}<strong>${esc(m.report.chinaTime(toChinaMinute(report.now)))}</strong>${esc(m.stop)}${esc(m.report.thresholds(report.thresholds.inactiveDays, report.thresholds.zombieDays))}${esc(m.stop.trim())}<br>${esc(report.files.join(', '))} · gov-audit ${esc(report.version)} · ${esc(m.report.chinaTime(toChinaMinute(report.scannedAt)))}${report.interrupted ? ` · <strong>${esc(m.reason['not-scanned'])}</strong>` : ''}</p>`,
    ...incompleteBanner(report, ctx.lang),
    ...alertLines(report, ctx.lang).map((line) => `<div class="banner">${esc(line)}</div>`),
    summaryCards(report.accounts.length, counts, ctx.lang),
    ratiosTable(summaryRatios(report), ctx.lang),
    ...rowsLine(report, ctx.lang),
    ...changesTable(report, ctx.lang),
    `<section class="keep"><h2>${esc(m.html.charts)}</h2>`,
    `<div class="charts">${statusBars(report, 'region', ctx.lang)}${statusBars(report, 'org', ctx.lang)}${silenceHistogram(report.accounts, ctx.lang)}</div>`,
    `${legend(ctx.lang)}</section>`,
    `<h2>${esc(m.report.ranking)}</h2>`,
    filtersBar(report.accounts, ctx.lang),
    accountsTable(report, ctx.lang),
    ...groupTables(report, ctx.lang),
    ...listSection(m.notices.title, noticeLines(report, ctx.lang)),
    `<h2>${esc(m.html.reasons)}</h2>`,
    reasonsLegend(report.accounts, ctx.lang),
    ...(report.accounts.some((f) => f.status === 'unverified') ? [`<p class="small">${esc(m.html.recordManual)}</p>`] : []),
    ...listSection(m.report.duplicates, report.duplicates.map((d) => describeDuplicate(d, ctx.lang))),
    ...listSection(m.report.problems, report.problems.map((p) => describeProblem(p, ctx.lang))),
    ...listSection(m.report.notes, report.notes.map((n) => describeNote(n, ctx.lang))),
  ];
  return `<!DOCTYPE html>
<html lang="${ctx.lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(report.title ?? m.report.title)} ${esc(toChinaMinute(report.now).slice(0, 10))}</title>
<style>${STYLE}</style>
</head>
<body>
${parts.join('\n')}
<script>${SCRIPT}</script>
</body>
</html>
`;
};

function summaryCards(total: number, counts: Record<Status, number>, lang: Lang): string {
  const m = messages(lang);
  const card = (label: string, n: number, colour: string, status = '') =>
    `<div class="card" style="background:${colour}"${status ? ` data-status="${status}"` : ''}><div class="n" data-count="${n}">${n}</div><div class="l">${esc(label)}</div></div>`;
  return `<div class="cards">${card(m.report.totalLabel, total, '#374151')}${STATUSES.map((s) => card(m.status[s], counts[s], COLOURS[s], s)).join('')}</div>`;
}

function legend(lang: Lang): string {
  const m = messages(lang);
  return `<p class="legend">${STATUSES.map((s) => `<span><i style="background:${COLOURS[s]}"></i>${esc(m.status[s])}</span>`).join('')}</p>`;
}

const MAX_BARS = 15;

/** Horizontal bars, one per group, split by status; each segment carries its count. */
function statusBars(report: AuditReport, field: GroupField, lang: Lang): string {
  const m = messages(lang);
  const rows = rollup(report.accounts, field);
  const shown = rows.slice(0, MAX_BARS);
  const width = 360;
  const label = 130;
  const barHeight = 18;
  const max = Math.max(1, ...shown.map((r) => r.total));
  const scale = (width - label - 30) / max;
  const bars = shown.map((row, i) => {
    let x = label;
    const y = i * (barHeight + 6);
    const segments = STATUSES.filter((s) => row.byStatus[s]).map((s) => {
      const w = row.byStatus[s] * scale;
      const rect = `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${barHeight}" fill="${COLOURS[s]}" data-status="${s}" data-count="${row.byStatus[s]}"><title>${esc(groupValueLabel(row, lang))}: ${esc(m.status[s])} ${row.byStatus[s]}</title></rect>`;
      x += w;
      return rect;
    });
    const name = groupValueLabel(row, lang);
    const short = name.length > 10 ? `${name.slice(0, 9)}…` : name;
    return `<g data-group="${esc(row.value)}" data-total="${row.total}"><text x="${label - 6}" y="${y + 13}" text-anchor="end">${esc(short)}<title>${esc(name)}</title></text>${segments.join('')}<text x="${(x + 4).toFixed(1)}" y="${y + 13}">${row.total}</text></g>`;
  });
  const height = Math.max(1, shown.length) * (barHeight + 6);
  const more = rows.length > MAX_BARS ? `<div class="small">${esc(m.report.more(rows.length - MAX_BARS))}</div>` : '';
  return `<figure class="chart" data-chart="${field}"><figcaption>${esc(m.html.byGroup(m.groups.field[field] ?? field))}</figcaption><svg role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${bars.join('')}</svg>${more}</figure>`;
}

const BUCKETS: { key: string; from: number; to: number }[] = [
  { key: '0-14', from: 0, to: 14 },
  { key: '15-30', from: 15, to: 30 },
  { key: '31-90', from: 31, to: 90 },
  { key: '91-180', from: 91, to: 180 },
  { key: '181-365', from: 181, to: 365 },
  { key: '>365', from: 366, to: Infinity },
];

/** How long the accounts have been silent: a bar per band of days, and one for "never posted". */
function silenceHistogram(accounts: readonly RankedFinding[], lang: Lang): string {
  const m = messages(lang);
  const bands = [
    ...BUCKETS.map((b) => ({
      key: b.key,
      label: b.to === Infinity ? `>${b.from - 1}` : `${b.from}–${b.to}`,
      count: accounts.filter((f) => f.daysSinceLastPost !== null && f.daysSinceLastPost >= b.from && f.daysSinceLastPost <= b.to).length,
    })),
    { key: 'never', label: m.reasonLabel['never-posted'], count: accounts.filter((f) => f.reason === 'never-posted').length },
  ];
  const width = 360;
  const height = 170;
  const max = Math.max(1, ...bands.map((b) => b.count));
  const slot = width / bands.length;
  const bars = bands.map((b, i) => {
    const h = (b.count / max) * (height - 50);
    const x = i * slot + 6;
    const y = height - 30 - h;
    return `<g data-bucket="${esc(b.key)}" data-count="${b.count}"><rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${(slot - 12).toFixed(1)}" height="${h.toFixed(1)}" fill="${b.key === 'never' ? COLOURS.zombie : '#475569'}"><title>${esc(b.label)}: ${b.count}</title></rect><text x="${(x + (slot - 12) / 2).toFixed(1)}" y="${(y - 4).toFixed(1)}" text-anchor="middle">${b.count}</text><text x="${(x + (slot - 12) / 2).toFixed(1)}" y="${height - 14}" text-anchor="middle">${esc(b.label)}</text></g>`;
  });
  return `<figure class="chart" data-chart="silence"><figcaption>${esc(m.html.histogram)}</figcaption><svg role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${bars.join('')}</svg></figure>`;
}

function distinct(accounts: readonly RankedFinding[], pick: (f: RankedFinding) => string): string[] {
  return [...new Set(accounts.map(pick).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
}

function filtersBar(accounts: readonly RankedFinding[], lang: Lang): string {
  const m = messages(lang);
  const select = (key: string, label: string, values: { value: string; label: string }[]) =>
    `<label>${esc(label)} <select id="f-${key}" data-filter="${key}"><option value="">${esc(m.html.all)}</option>${values.map((v) => `<option value="${esc(v.value)}">${esc(v.label)}</option>`).join('')}</select></label>`;
  return `<div class="filters">${[
    select('status', m.column.status, STATUSES.filter((s) => accounts.some((f) => f.status === s)).map((s) => ({ value: s, label: m.status[s] }))),
    select('platform', m.column.platform, distinct(accounts, (f) => f.account.platform).map((p) => ({ value: p, label: platformLabel(p, lang) }))),
    select('region', m.column.region, distinct(accounts, (f) => f.account.region ?? '').map((r) => ({ value: r, label: r }))),
    select('org', m.column.org, distinct(accounts, (f) => f.account.org ?? '').map((o) => ({ value: o, label: o }))),
    `<label>${esc(m.html.search)} <input id="f-search" type="search"></label>`,
    `<span>${esc(m.html.shown)} <strong id="shown">${accounts.length}</strong> / ${accounts.length}</span>`,
  ].join('')}</div>`;
}

function accountsTable(report: HeldReport, lang: Lang): string {
  const m = messages(lang);
  const { accounts } = report;
  const extras = extraColumns(report);
  const head = [
    ['#', 'num', 'num'],
    [m.column.status, 'text', ''],
    [m.column.reasonText, 'text', ''],
    [m.column.daysSinceLastPost, 'num', 'num', m.html.print.daysSinceLastPost],
    [m.column.lastPostAt, 'text', 'day', m.html.print.lastPostAt],
    [m.column.platform, 'text', ''],
    [m.column.name, 'text', ''],
    [m.column.org, 'text', ''],
    [m.column.region, 'text', ''],
    [m.column.followers, 'num', 'num figure'],
    [m.column.postCount, 'num', 'num figure'],
    [m.column.advice, '', ''],
    ...extras.map((e) => [e, 'text', '']),
  ]
    .map(([title, sort, cls, short]) => `<th${sort ? ` data-sort="${sort}"` : ''}${cls ? ` class="${cls}"` : ''}>${headerTitle(title!, short)}</th>`)
    .join('');
  const rows = accounts.map((f) => {
    const a = f.account;
    const href = safeHref(a.url);
    const name = esc(displayName(f) || a.id);
    const num = (n: number | null, cls = 'num') => `<td class="${cls}" data-value="${n ?? ''}">${n ?? ''}</td>`;
    return `<tr data-status="${f.status}" data-platform="${esc(a.platform)}" data-region="${esc(a.region ?? '')}" data-org="${esc(a.org ?? '')}" data-key="${esc(a.key)}">${[
      `<td class="num" data-value="${f.rank}">${f.rank}</td>`,
      `<td data-value="${STATUSES.indexOf(f.status)}"><span class="status" style="background:${COLOURS[f.status]}">${esc(m.status[f.status])}</span>${f.change && f.change.kind !== 'unchanged' ? `<div class="small">${esc(m.change.kind[f.change.kind])}</div>` : ''}</td>`,
      // The platform's raw answer is for the person running the scan (JSON, CSV); a Chinese reader gets the reason in words.
      `<td class="reason">${f.reason ? `<span class="reason-long">${esc(m.reason[f.reason])}</span><span class="reason-short">${esc(m.reasonLabel[f.reason])}</span>` : ''}${f.detail && f.status === 'unverified' && lang === 'en' ? `<div class="small reason-long">${esc(f.detail)}</div>` : ''}</td>`,
      num(f.daysSinceLastPost),
      `<td class="nowrap day">${f.lastPostAt ? lastPostCell(toChinaMinute(f.lastPostAt)) : ''}</td>`,
      `<td class="platform">${esc(platformLabel(a.platform, lang))}</td>`,
      `<td class="name">${href ? `<a href="${esc(href)}" target="_blank" rel="noopener noreferrer">${name}</a>` : name}<div class="small id">${esc(a.id)}</div></td>`,
      `<td class="org">${esc(a.org ?? '')}</td>`,
      `<td class="region">${esc(a.region ?? '')}</td>`,
      num(f.followers, 'num figure'),
      num(f.postCount, 'num figure'),
      `<td class="small advice">${esc(adviceText(f, lang, report.thresholds) ?? '')}</td>`,
      ...extras.map((e) => `<td class="extra">${esc(a.extra[e] ?? '')}</td>`),
    ].join('')}</tr>`;
  });
  return `<div class="scroll"><table id="accounts"><thead><tr>${head}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table></div>`;
}

/** A column's title, with the shorter one paper shows when there is one. */
function headerTitle(title: string, short: string | undefined): string {
  return short ? `<span class="th-long">${esc(title)}</span><span class="th-short">${esc(short)}</span>` : esc(title);
}

/** "2026-11-20 10:00", the hour apart so that paper can leave it out. */
function lastPostCell(minute: string): string {
  const [day, hour] = minute.split(' ');
  return `${esc(day)}<span class="hour"> ${esc(hour ?? '')}</span>`;
}

/** With history: the accounts that changed since the previous audit, the most urgent first. */
function changesTable(report: AuditReport, lang: Lang): string[] {
  const section = changeSection(report, lang);
  if (!section) return [];
  const title = `<h2>${esc(section.title)}</h2>`;
  if (!section.rows.length) return [title, `<p>${esc(section.sentence ?? '')}</p>`];
  const head = section.headers.map((h) => `<th>${esc(h)}</th>`).join('');
  const body = section.rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('');
  return [title, `<table class="groups changes"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`];
}

/** Each rollup under its heading, the ratios with their denominators; what each ratio counts under the last table (and beside the summary's). */
function groupTables(report: AuditReport, lang: Lang): string[] {
  const sections = groupSections(report, lang);
  return sections.map(({ title, rows }, index) => {
    const { headers, cells } = groupTable(rows, lang);
    const body = cells.map((r) => `<tr>${r.map((c, i) => `<td${i ? ' class="num"' : ''}>${esc(c)}</td>`).join('')}</tr>`).join('');
    const table = `<table class="groups" data-group-by="${esc(rows[0]?.field ?? '')}"><thead><tr>${headers.map((h, i) => `<th${i ? ' class="num"' : ''}>${esc(h)}</th>`).join('')}</tr></thead><tbody>${body}</tbody></table>`;
    return `<section class="rollup"><h2>${esc(title)}</h2>${table}${index === sections.length - 1 ? ratioNoteList(lang) : ''}</section>`;
  });
}

/** The whole list's ratios, each beside what it counts. */
function ratiosTable(values: readonly RatioValue[], lang: Lang): string {
  const m = messages(lang);
  const notes = messages(lang).rates.notes;
  const rows = values.map(
    (value) => `<tr data-ratio="${value.ratio}"><th>${esc(ratioTitle(value.ratio, lang))}</th><td class="num">${esc(ratioText(value))}</td><td class="note">${esc(notes[value.ratio])}</td></tr>`,
  );
  return `<table class="ratios" aria-label="${esc(m.rates.title)}"><tbody>${rows.join('')}</tbody></table>`;
}

function ratioNoteList(lang: Lang): string {
  return `<ul class="notes">${ratioNotes(lang).map((note) => `<li>${esc(note)}</li>`).join('')}</ul>`;
}

function reasonsLegend(accounts: readonly RankedFinding[], lang: Lang): string {
  const m = messages(lang);
  const used = [...new Set(accounts.map((f) => f.reason).filter((r): r is NonNullable<typeof r> => r !== null))];
  return `<dl class="reasons">${used.map((r) => `<dt>${esc(m.reasonLabel[r])}</dt><dd>${esc(m.reason[r])}</dd>`).join('')}</dl>`;
}

/** A scan stopped before every account was checked says so first, with how many were not. */
function incompleteBanner(report: HeldReport, lang: Lang): string[] {
  if (!report.interrupted) return [];
  const notScanned = report.accounts.filter((f) => f.reason === 'not-scanned').length;
  return [`<div class="banner">${esc(messages(lang).html.incomplete(notScanned, report.accounts.length))}</div>`];
}

/** The rows of the list that are not in the ranking: invalid, repeated, or not accounts. */
function rowsLine(report: AuditReport, lang: Lang): string[] {
  const { problems, duplicates, notes } = report;
  const skipped = notes.filter((n) => n.code === 'not-an-account').length;
  if (!problems.length && !duplicates.length && !skipped) return [];
  return [`<p class="meta">${esc(messages(lang).html.rows(problems.length, duplicates.length, skipped))}</p>`];
}

function listSection(title: string, lines: readonly string[]): string[] {
  if (!lines.length) return [];
  return [`<h2>${esc(title)}</h2>`, `<ul>${lines.map((line) => `<li>${esc(line)}</li>`).join('')}</ul>`];
}
