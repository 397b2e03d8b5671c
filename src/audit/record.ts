import { observationFromJson, observationToJson, type Observation } from '../platforms/observation.js';

/** What was learned about one account, and when: the unit of the journal and the cache. */
export interface ObservationRecord {
  key: string;
  checkedAt: Date;
  observation: Observation;
}

export function recordToLine(record: ObservationRecord): string {
  return `${JSON.stringify({ type: 'observation', key: record.key, checkedAt: record.checkedAt.toISOString(), observation: observationToJson(record.observation) })}\n`;
}

export function recordFromJson(value: unknown): ObservationRecord | undefined {
  const raw = value as { type?: string; key?: unknown; checkedAt?: unknown; observation?: unknown } | null;
  if (!raw || raw.type !== 'observation' || typeof raw.key !== 'string' || typeof raw.checkedAt !== 'string') return undefined;
  const checkedAt = new Date(raw.checkedAt);
  const observation = observationFromJson(raw.observation);
  if (Number.isNaN(checkedAt.getTime()) || !observation) return undefined;
  return { key: raw.key, checkedAt, observation };
}

/**
 * Blocked and unknown answers are never reused: the next run must ask again;
 * nor answers without the facts the proof rules need (an older gov-audit's).
 */
export function isReusable(observation: Observation): boolean {
  if (observation.kind === 'missing') return Boolean(observation.statement);
  return observation.kind === 'found' && !observation.datesUnknown && Boolean(observation.proof);
}
