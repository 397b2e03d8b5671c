import type { Capability, PlatformAdapter } from '../platforms/adapter.js';
import { PLATFORMS } from '../platforms/index.js';
import { messages, type Lang } from '../i18n/index.js';
import { layoutTable } from '../report/layout.js';
import type { CommandIO } from './io.js';
import { PROOF_REASONS } from '../audit/status.js';

export interface PlatformsFlags {
  format?: string;
}

/** An example URL as a person would write it: without tracking parameters, with those that name the account. */
function shownUrl(platform: PlatformAdapter, input: string): string {
  const url = new URL(input);
  const named = new Set(platform.urlForms.flatMap((f) => [...(f.keepParams ?? []), ...(f.idParam ? [f.idParam] : [])]));
  for (const key of [...url.searchParams.keys()]) if (!named.has(key)) url.searchParams.delete(key);
  url.hash = '';
  return decodeURI(url.href).replace(/%3D/g, '=');
}

/** What every platform accepts and can tell, from the adapters themselves. */
export function describePlatforms(lang: Lang) {
  return PLATFORMS.map((p) => ({
    id: p.id,
    name: p.label[lang],
    names: [...new Set([p.label['zh-CN'], p.label.en, ...p.aliases])],
    urlForms: p.examples.filter((e) => e.id !== null && /^https?:/.test(e.input)).map((e) => shownUrl(p, e.input)),
    hosts: p.hosts,
    canTell: p.capabilities,
    checked: Boolean(p.createObserver),
    needsCookies: Boolean(p.needsCookies),
    /** Checked through a real browser with `--browser` (its pages sign their own requests). */
    browserRoute: Boolean(p.browser),
    rsshubRoute: p.rsshubRoute?.(':id') ?? null,
  }));
}

export async function platformsCommand(flags: PlatformsFlags, lang: Lang, io: CommandIO): Promise<number> {
  const rows = describePlatforms(lang);
  if (flags.format === 'json') {
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const m = messages(lang).platforms;
  const yes = (b: boolean) => (b ? m.yes : m.no);
  const tell = (caps: readonly Capability[]) => caps.map((c) => m.capability[c]).join(', ') || m.manual;
  const table = layoutTable(
    [{ title: m.platform }, { title: m.names, shrink: true }, { title: m.canTell, shrink: true }, { title: m.cookies }, { title: m.browser }, { title: m.rsshub }],
    rows.map((r) => [`${r.name} (${r.id})`, r.names.join(', '), tell(r.canTell), yes(r.needsCookies), yes(r.browserRoute), r.rsshubRoute ?? '—']),
    io.stdout.isTTY ? io.stdout.columns : undefined,
  );
  const forms = rows.map((r) => `  ${r.name}: ${r.urlForms.join('  ') || '—'}`).join('\n');
  const all = messages(lang);
  const withheld = PROOF_REASONS.map((r) => `  ${all.reasonLabel[r]} (${r}): ${all.reason[r]}`).join('\n');
  io.stdout.write(`${table}\n\n${m.urlForms}\n${forms}\n\n${m.withheld}\n${withheld}\n`);
  return 0;
}
