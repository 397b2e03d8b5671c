import type { DuplicateRow } from '../accounts/account.js';
import type { Finding, FindingList, RankedFinding, Thresholds } from './finding.js';
import { severityScore, silenceMs, tier } from './rank.js';
import { ScratchFile } from './scratch-file.js';

/**
 * Findings beyond this many leave memory for a file: a national list is
 * ranked and reported from its compact sort keys and the file, never from a
 * million objects held at once (docs/performance.md).
 */
export const DEFAULT_SPILL_AFTER = 20_000;

/** Typed arrays that grow as findings arrive. */
class Column<T extends Float64Array | Uint32Array | Uint8Array> {
  constructor(
    public values: T,
    private readonly make: (size: number) => T,
  ) {}

  set(index: number, value: number): void {
    if (index >= this.values.length) {
      const bigger = this.make(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[index] = value;
  }
}

/** The instants a finding carries; JSON gives them back as text. */
function revive(finding: Finding): Finding {
  finding.checkedAt = new Date(finding.checkedAt);
  if (finding.lastPostAt) finding.lastPostAt = new Date(finding.lastPostAt);
  if (finding.silentSince) finding.silentSince = new Date(finding.silentSince);
  if (finding.change) {
    if (finding.change.previousAt) finding.change.previousAt = new Date(finding.change.previousAt);
    if (finding.change.since) finding.change.since = new Date(finding.change.since);
  }
  return finding;
}

/**
 * Every finding of a scan, in the order they finish, then ranked. The first
 * `spillAfter` are kept as objects; past that, all of them go to a temporary
 * file (deleted as soon as it is opened, so that nothing is left behind, even
 * by a crash), and only their sort keys and places in the file stay in memory:
 * some 40 bytes an account. Findings hold no secret: the file is what the
 * CSV report will say.
 */
export class FindingStore {
  private count = 0;
  private held: Finding[] | undefined = [];
  private file: ScratchFile | undefined;
  private readonly offsets = new Column(new Float64Array(1024), (n) => new Float64Array(n));
  private readonly lengths = new Column(new Uint32Array(1024), (n) => new Uint32Array(n));
  private readonly tiers = new Column(new Uint8Array(1024), (n) => new Uint8Array(n));
  private readonly silences = new Column(new Float64Array(1024), (n) => new Float64Array(n));
  private readonly orders = new Column(new Float64Array(1024), (n) => new Float64Array(n));
  private dropped: Uint8Array | undefined;
  private resolvedForms = false;

  constructor(
    private readonly now: Date,
    private readonly thresholds: Thresholds,
    private readonly spillAfter = DEFAULT_SPILL_AFTER,
  ) {}

  add(finding: Finding): void {
    const index = this.count++;
    this.tiers.set(index, tier(finding));
    this.silences.set(index, silenceMs(finding, this.now));
    this.orders.set(index, finding.account.order);
    if (finding.account.listedAs) this.resolvedForms = true;
    if (this.held && this.held.length < this.spillAfter) {
      this.held.push(finding);
      return;
    }
    if (this.held) this.spill();
    this.append(index, finding);
  }

  /** Whether the findings went to disk. */
  get spilled(): boolean {
    return this.file !== undefined;
  }

  private spill(): void {
    this.file = new ScratchFile('findings');
    const held = this.held!;
    this.held = undefined;
    held.forEach((finding, index) => this.append(index, finding));
  }

  private append(index: number, finding: Finding): void {
    const bytes = Buffer.from(JSON.stringify(finding));
    this.offsets.set(index, this.file!.append(bytes));
    this.lengths.set(index, bytes.length);
  }

  /** The finding added `index`-th. */
  private read(index: number, buffer: { bytes: Buffer }): Finding {
    if (this.held) return this.held[index]!;
    const length = this.lengths.values[index]!;
    if (buffer.bytes.length < length) buffer.bytes = Buffer.allocUnsafe(Math.max(length, buffer.bytes.length * 2));
    this.file!.read(buffer.bytes, length, this.offsets.values[index]!);
    return revive(JSON.parse(buffer.bytes.toString('utf8', 0, length)) as Finding);
  }

  private *inAddedOrder(): Generator<[number, Finding]> {
    const buffer = { bytes: Buffer.allocUnsafe(4096) };
    for (let i = 0; i < this.count; i++) yield [i, this.read(i, buffer)];
  }

  /**
   * Rows that turned out to be the same account (a short link and the full
   * URL, or one account in two shards' reports): the row first in the list
   * is kept, the others become duplicates of it, in list order. In a scan
   * only resolved forms can meet, so a list without any costs nothing here;
   * a merge asks for every row to be compared (`anyRow`).
   */
  dropLaterDuplicates(anyRow = false): DuplicateRow[] {
    if (!anyRow && !this.resolvedForms) return [];
    const first = new Map<string, number>();
    for (const [i, finding] of this.inAddedOrder()) {
      const seen = first.get(finding.account.key);
      if (seen === undefined || this.orders.values[i]! < this.orders.values[seen]!) first.set(finding.account.key, i);
    }
    // Only the duplicates are held, never a copy of every account.
    const later: { order: number; source: Finding['account']['source']; key: string; kept: number }[] = [];
    this.dropped = new Uint8Array(this.count);
    for (const [i, finding] of this.inAddedOrder()) {
      const kept = first.get(finding.account.key)!;
      if (kept === i) continue;
      this.dropped[i] = 1;
      later.push({ order: this.orders.values[i]!, source: finding.account.source, key: finding.account.key, kept });
    }
    first.clear();
    const buffer = { bytes: Buffer.allocUnsafe(4096) };
    return later
      .sort((a, b) => a.order - b.order)
      .map(({ source, key, kept }) => ({ source, key, first: this.read(kept, buffer).account.source }));
  }

  /** The findings in rank order (docs/ranking.md), each with its rank and score. */
  ranked(): FindingList {
    const tiers = this.tiers.values;
    const silences = this.silences.values;
    const orders = this.orders.values;
    const dropped = this.dropped;
    const order = new Uint32Array(this.count - (dropped ? dropped.reduce((n, d) => n + d, 0) : 0));
    for (let i = 0, at = 0; i < this.count; i++) if (!dropped?.[i]) order[at++] = i;
    // The same order as rank(): tier, then the longer silence, then the list's order.
    order.sort((a, b) => tiers[a]! - tiers[b]! || silences[b]! - silences[a]! || orders[a]! - orders[b]!);
    return new RankedFindings(order, (index, buffer) => this.read(index, buffer), this.now, this.thresholds);
  }

  /** Lets go of the file; the list read from it can no longer be read. */
  close(): void {
    this.file?.close();
    this.file = undefined;
  }
}

/** The ranked findings as a list that reads each one when it is reached. */
class RankedFindings implements FindingList {
  constructor(
    private readonly order: Uint32Array,
    private readonly read: (index: number, buffer: { bytes: Buffer }) => Finding,
    private readonly now: Date,
    private readonly thresholds: Thresholds,
  ) {}

  get length(): number {
    return this.order.length;
  }

  *[Symbol.iterator](): Iterator<RankedFinding> {
    const buffer = { bytes: Buffer.allocUnsafe(4096) };
    for (let i = 0; i < this.order.length; i++) {
      const finding = this.read(this.order[i]!, buffer);
      yield Object.assign(finding, { rank: i + 1, score: severityScore(finding, this.now, this.thresholds) });
    }
  }
}
