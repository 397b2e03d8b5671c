import type { ListFacts, NotFoundStatement, Observation, Proof } from '../../src/platforms/observation.js';

/*
 * Observations as a clean answer of the platform would give them: bound to the
 * account, the list read and (when empty) marked whole by the platform. Tests of
 * the rules start from here and take away one fact at a time.
 */

export const CLEAN_STATEMENT: NotFoundStatement = { httpStatus: 200, structured: true, field: 'code: -404', bound: true };

export function cleanProof(subject: string, postsListed: number, overrides: Partial<Proof> = {}, list: Partial<ListFacts> = {}): Proof {
  return {
    subject,
    source: 'platform',
    answers: [{ what: 'posts', requestNames: true, names: [subject] }],
    list: { read: true, paging: postsListed ? 'more' : 'end', undated: 0, ...list },
    ...overrides,
  };
}

/** The observation with the facts of a clean answer about `subject`, unless it already carries its own. */
export function proven(observation: Observation, subject: string): Observation {
  if (observation.kind === 'found') {
    // A list whose dates could not be read (a block, a login wall) was not read.
    const list = observation.datesUnknown ? { read: false } : {};
    return observation.proof ? observation : { ...observation, proof: cleanProof(subject, observation.posts.length, {}, list) };
  }
  if (observation.kind === 'missing') return observation.statement ? observation : { ...observation, statement: CLEAN_STATEMENT };
  return observation;
}
