import type { Evidence } from '../audit/finding.js';
import { UsageError } from '../errors.js';
import { WarcArchive, type ArchiveInfo } from '../fetch/archive.js';
import type { Exchange, Transport } from '../fetch/exchange.js';
import type { SecretRegistry } from '../fetch/redact.js';
import { DEFAULT_MAX_BODY_BYTES, ReplayError, ReplayLimitError, WarcReplay } from '../fetch/replay.js';
import { messages, type Lang } from '../i18n/index.js';
import type { ScanFlags } from './scan.js';

/**
 * Opens `--replay <warc>`, or says in the user's language why it cannot be
 * replayed. A replay holds its records to the live route's cap on an answer
 * (`maxBodyBytes`, the scan's maxResponseBytes).
 */
export async function openReplay(path: string, lang: Lang, maxBodyBytes = DEFAULT_MAX_BODY_BYTES): Promise<WarcReplay> {
  try {
    return await WarcReplay.open(path, maxBodyBytes);
  } catch (error) {
    const m = messages(lang).error;
    if (error instanceof ReplayLimitError) throw new UsageError(m.archive(path, m.archiveOverLimit(error.limit, error.max)));
    const why = error instanceof ReplayError ? error.message : ((error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message);
    throw new UsageError(m.archive(path, why));
  }
}

/** The cap a replay holds its records to: maxResponseBytes when given (the config file), else the live route's default. */
export function replayBodyCap(maxResponseBytes: string | undefined): number {
  const value = Number(maxResponseBytes);
  return maxResponseBytes !== undefined && Number.isSafeInteger(value) && value > 0 ? value : DEFAULT_MAX_BODY_BYTES;
}

/** A replay judges at the archived scan's instant and thresholds, unless others are given. */
export function replayFlags(flags: ScanFlags, replay: WarcReplay | undefined, lang: Lang): ScanFlags {
  if (!replay) return flags;
  if (flags.archive) throw new UsageError(messages(lang).error.replayAndArchive);
  return {
    ...flags,
    now: flags.now ?? replay.info.now?.toISOString(),
    inactiveDays: flags.inactiveDays ?? (replay.info.inactiveDays === undefined ? undefined : String(replay.info.inactiveDays)),
    zombieDays: flags.zombieDays ?? (replay.info.zombieDays === undefined ? undefined : String(replay.info.zombieDays)),
  };
}

/** What the scan needs from the archive it writes or replays. */
export interface EvidenceHooks {
  recorder?: (exchange: Exchange) => void;
  transport?: Transport;
  evidenceFor: (key: string) => Evidence | undefined;
  report: { file: string; replayed: boolean };
  close(): Promise<void>;
}

export async function evidenceHooks(
  archiveDir: string | undefined,
  replay: WarcReplay | undefined,
  info: ArchiveInfo,
  startedAt: Date,
  secrets: SecretRegistry,
  lang: Lang,
): Promise<EvidenceHooks | undefined> {
  if (replay) return replayHooks(replay);
  if (!archiveDir) return undefined;
  let archive: WarcArchive;
  try {
    archive = await WarcArchive.create(archiveDir, info, startedAt, secrets);
  } catch (error) {
    throw new UsageError(messages(lang).error.cannotWrite(archiveDir, (error as Error).message));
  }
  return {
    recorder: (exchange) => archive.record(exchange),
    evidenceFor: (key) => evidence(archive.name, archive.recordsFor(key)),
    report: { file: archive.name, replayed: false },
    close: () => archive.close(),
  };
}

/** In a replay, the evidence of a verdict is the archived records it was judged from. */
function replayHooks(replay: WarcReplay): EvidenceHooks {
  const byAccount = new Map<string, string[]>();
  return {
    transport: replay.transport,
    recorder: (exchange) => {
      const records = exchange.response?.records ?? exchange.error?.records;
      if (!exchange.account || !records) return;
      byAccount.set(exchange.account, [...(byAccount.get(exchange.account) ?? []), ...records]);
    },
    evidenceFor: (key) => evidence(replay.name, byAccount.get(key) ?? []),
    report: { file: replay.name, replayed: true },
    close: async () => undefined,
  };
}

const evidence = (warc: string, records: string[]): Evidence | undefined => (records.length ? { warc, records: [...records] } : undefined);
