import { parseISO } from 'date-fns/parseISO';
import { parseEncoding, type InputEncoding } from '../accounts/encoding.js';
import { STATUSES, type Status } from '../audit/status.js';
import { UsageError } from '../errors.js';
import { parseConnectTo, type ConnectTo } from '../fetch/connect-to.js';
import { parseRate, type Rate } from '../fetch/rate.js';
import type { RsshubUse } from '../audit/scan.js';
import { GROUP_FIELDS, type GroupField } from '../audit/groups.js';
import { messages, parseLang, statusNamed, type Lang } from '../i18n/index.js';
import { FORMATS, formatForFile, isFormat, type Format } from '../report/formats.js';

/**
 * Turns option strings into typed values, or a UsageError that names the
 * option, the value and what was expected, in the user's language.
 */
export class OptionParser {
  constructor(private readonly messageLang: Lang) {}

  /** What each option expects, in the language of the messages. */
  private get expect() {
    return messages(this.messageLang).expected;
  }

  private fail(option: string, value: string, expected: string): never {
    throw new UsageError(messages(this.messageLang).error.badOption(option, value, expected));
  }

  /** ISO 8601; without an offset the time is China time (UTC+8), as the audits are. */
  now(value: string | undefined): Date {
    if (value === undefined) return new Date();
    const trimmed = value.trim();
    const hasOffset = /(?:Z|[+-]\d\d(?::?\d\d)?)$/i.test(trimmed);
    const dateOnly = /^\d{4}-\d\d-\d\d$/.test(trimmed);
    const withOffset = hasOffset ? trimmed : dateOnly ? `${trimmed}T00:00:00+08:00` : `${trimmed}+08:00`;
    const date = parseISO(withOffset);
    if (Number.isNaN(date.getTime())) this.fail('--now', value, this.expect.isoDate);
    return date;
  }

  /** `--deadline 2026-12-04`: a calendar day that exists, kept as written. */
  deadline(value: string | undefined): string | undefined {
    if (value === undefined) return undefined;
    const day = value.trim();
    const parsed = /^\d{4}-\d\d-\d\d$/.test(day) ? new Date(`${day}T00:00:00Z`) : undefined;
    if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== day) this.fail('--deadline', value, this.expect.day);
    return day;
  }

  positiveInteger(option: string, value: string | undefined, fallback: number, { allowZero = false } = {}): number {
    if (value === undefined) return fallback;
    const number = Number(value);
    if (!/^\d+$/.test(value.trim()) || (!allowZero && number === 0)) {
      this.fail(option, value, allowZero ? this.expect.wholeNumber0 : this.expect.wholeNumber1);
    }
    return number;
  }

  /** A share in percent, 0 to 100: `20` or `20%`. */
  percent(option: string, value: string | undefined): number | undefined {
    if (value === undefined) return undefined;
    const match = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(value);
    if (!match || Number(match[1]) > 100) this.fail(option, value, this.expect.percent);
    return Number(match[1]);
  }

  seconds(option: string, value: string | undefined, fallback: number): number {
    if (value === undefined) return fallback;
    const number = Number(value);
    if (!Number.isFinite(number) || number <= 0) this.fail(option, value, this.expect.seconds);
    return number;
  }

  /** `12h`, `30m`, `2d`, `90s` or a number of seconds. */
  duration(option: string, value: string | undefined, fallbackMs: number): number {
    if (value === undefined) return fallbackMs;
    const match = /^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$/i.exec(value);
    if (!match) this.fail(option, value, this.expect.duration);
    const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2]!.toLowerCase() as '' | 's' | 'm' | 'h' | 'd'];
    return Number(match[1]) * unit * 1000;
  }

  /** `--rsshub <base-url>` and `--via auto|rsshub|direct`. */
  rsshub(base: string | undefined, via: string | undefined): { base: string; via: RsshubUse } | undefined {
    const use = via === undefined ? 'auto' : (['auto', 'rsshub', 'direct'] as const).find((v) => v === via) ?? this.fail('--via', via, this.expect.via);
    if (base === undefined) return use === 'rsshub' ? this.fail('--via', 'rsshub', this.expect.rsshubToo) : undefined;
    try {
      const url = new URL(base);
      if (!/^https?:$/.test(url.protocol)) throw new Error('protocol');
      return { base: url.href, via: use };
    } catch {
      return this.fail('--rsshub', base, this.expect.rsshubUrl);
    }
  }

  /** A feed URL template: an http(s) address naming at least one of the placeholders. */
  feedTemplate(flag: string, value: string | undefined, placeholders: readonly string[]): string | undefined {
    if (value === undefined) return undefined;
    const expected = this.expect.feedTemplate(placeholders.join(', '));
    try {
      const url = new URL(value.replace(/[{}]/g, ''));
      if (!/^https?:$/.test(url.protocol) || !placeholders.some((p) => value.includes(p))) throw new Error('template');
    } catch {
      return this.fail(flag, value, expected);
    }
    return value;
  }

  groupBy(values: readonly string[]): GroupField[] {
    return values
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .map((v) => (GROUP_FIELDS as readonly string[]).includes(v) ? (v as GroupField) : this.fail('--group-by', v, GROUP_FIELDS.join(', ')));
  }

  /** `--shard 2/3`: the second of three contiguous slices of the input rows. */
  shard(value: string | undefined): { index: number; count: number } | undefined {
    if (value === undefined) return undefined;
    const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
    const index = Number(match?.[1]);
    const count = Number(match?.[2]);
    if (!match || index < 1 || count < 1 || index > count) this.fail('--shard', value, this.expect.shard);
    return { index, count };
  }

  hosts(option: string, values: readonly string[]): string[] {
    return values.map((v) => (/^[a-z0-9.-]+$/i.test(v.trim()) ? v.trim().toLowerCase() : this.fail(option, v, this.expect.host)));
  }

  lang(value: string | undefined, fallback: Lang): Lang {
    if (value === undefined) return fallback;
    return parseLang(value) ?? this.fail('--lang', value, this.expect.lang);
  }

  encoding(value: string | undefined): InputEncoding | undefined {
    if (value === undefined) return undefined;
    return parseEncoding(value) ?? this.fail('--encoding', value, this.expect.encoding);
  }

  format(value: string | undefined): Format | undefined {
    if (value === undefined) return undefined;
    const lower = value.toLowerCase() === 'md' ? 'markdown' : value.toLowerCase();
    return isFormat(lower) ? lower : this.fail('--format', value, FORMATS.join(', '));
  }

  outputs(values: readonly string[]): { path: string; format: Format }[] {
    return values.map((path) => {
      const format = formatForFile(path);
      if (!format) throw new UsageError(messages(this.messageLang).error.unknownFormat(path));
      return { path, format };
    });
  }

  failOn(values: readonly string[]): Status[] {
    return values
      .flatMap((v) => v.split(','))
      .map((v) => v.trim())
      .map((v) => statusNamed(v) ?? this.fail('--fail-on', v, STATUSES.join(', ')));
  }

  connectTo(values: readonly string[]): ConnectTo[] {
    return values.map((v) => parseConnectTo(v) ?? this.fail('--connect-to', v, this.expect.connectTo));
  }

  rates(values: readonly string[]): Map<string, Rate> {
    return new Map(
      values.map((v) => {
        const parsed = parseRate(v) ?? this.fail('--rate', v, this.expect.rate);
        return [parsed.platform, parsed.rate] as const;
      }),
    );
  }
}

