import { describe, expect, it } from 'vitest';
import type { Account } from '../../src/accounts/account.js';
import { classify } from '../../src/audit/classify.js';
import { DEFAULT_THRESHOLDS } from '../../src/audit/finding.js';
import { detectXhsBlock, parseXhsProfile, readXhsProfile, type XhsRequest } from '../../src/platforms/xiaohongshu.js';
import { dateFromNoteId } from '../../src/platforms/dates.js';
import type { Observation } from '../../src/platforms/observation.js';
import { answer, realJson, statePage } from '../helpers/fixtures.js';

/** The account the real 2023 page state is about: its notes query and its notes name it; `userInfo` is the viewer. */
const OWNER = '6185ce66000000001000705b';
const VIEWER = '632fb88d00000000230398a1';
const asked = (subject = OWNER): XhsRequest => ({ subject, source: 'platform', requestNames: true });
const realState = () => structuredClone(realJson('xiaohongshu', 'user-profile-initial-state-2023.json')) as Record<string, Record<string, unknown>>;
const account = (id: string): Account => ({ key: `xiaohongshu:${id}`, platform: 'xiaohongshu', id, url: '', extra: {}, source: { file: 'l.csv', row: 2 }, order: 0 });
/** The page was captured on 2023-10-05 (`global.serverTime`). */
const CAPTURED = new Date(1696500284895);
const NOW = new Date('2026-11-20T10:00:00+08:00');
const verdict = (observation: Observation, subject = OWNER, now = NOW) => {
  const finding = classify(account(subject), observation, now, DEFAULT_THRESHOLDS, now);
  return finding.reason ? `${finding.status}/${finding.reason}` : finding.status;
};

describe('Xiaohongshu parsers on the real page state', () => {
  it('reads the name, the follower count, the notes with their pinned flags, and whom the page is about', () => {
    const page = parseXhsProfile(statePage('__INITIAL_STATE__', realState()), asked());
    expect(page).toMatchObject({ profile: { name: '鱼鱼不吃鱼' }, names: [OWNER], list: { read: true, paging: 'end' } });
    if ('kind' in page) return;
    expect(page.notes[0]!.id).toBe('6515ad71000000001e02e5a0');
    expect(page.notes.length).toBe(6);
    // The viewer (`userInfo`) is never taken for the profile's owner.
    expect(page.names).not.toContain(VIEWER);
  });

  it('never counts the notes itself: the page states no note count', () => {
    const page = parseXhsProfile(statePage('__INITIAL_STATE__', realState()), asked());
    expect(page).toMatchObject({ profile: { name: '鱼鱼不吃鱼' } });
    expect(page).not.toHaveProperty('profile.postCount');
    const state = realState();
    (state.user!.noteQueries as { hasMore: boolean }[])[0]!.hasMore = true;
    expect(parseXhsProfile(statePage('__INITIAL_STATE__', state), asked())).toMatchObject({ list: { paging: 'more' } });
  });

  it('never reads a notes tab that has not finished loading: no "never posted" from it', () => {
    const state = realState();
    state.user!.userNoteFetchingStatus = 'pending';
    state.user!.notes = [[], [], []];
    const observation = readXhsProfile(answer(statePage('__INITIAL_STATE__', state)), asked());
    expect(observation).toMatchObject({ kind: 'found', posts: [], proof: { list: { read: false } }, datesUnknown: { reason: 'no-dates' } });
    expect(verdict(observation)).toBe('unverified/no-dates');
  });

  it('takes a logged-out page without notes for a login wall, never an empty account', () => {
    const state = realState();
    state.user!.loggedIn = false;
    state.user!.notes = [[], [], []];
    expect(parseXhsProfile(statePage('__INITIAL_STATE__', state), asked())).toMatchObject({ kind: 'unknown', reason: 'login-required' });
  });

  it('reads the old-shape bannedInfo beside the notes as no ban: the notes decide', () => {
    const state = realState();
    state.user!.bannedInfo = { code: 1, showAlert: true, reason: '账号违规' };
    const observation = readXhsProfile(answer(statePage('__INITIAL_STATE__', state)), asked());
    expect(observation).toMatchObject({ kind: 'found', datesFrom: expect.stringContaining('bannedInfo (code 1, 账号违规) names no account, beside 6 note(s)') });
    expect(verdict(observation, OWNER, CAPTURED)).toBe('active');
  });

  it('never reads a 461 with a success body as an empty account', () => {
    expect(detectXhsBlock(answer('{"code":0,"success":true,"data":{}}', 461, { verifytype: '102' }))).toMatchObject({ reason: 'captcha' });
    expect(detectXhsBlock(answer('', 302, { location: '/login?redirectPath=x' }))).toMatchObject({ reason: 'login-required' });
    expect(detectXhsBlock(answer('{"code":300012}'))).toMatchObject({ reason: 'blocked' });
    expect(detectXhsBlock(answer('{"code":-104}'))).toMatchObject({ reason: 'login-required' });
  });

  it('dates a note by its id: the first 8 hex digits are its creation time (real note feed)', () => {
    const feed = realJson('xiaohongshu', 'note-feed-api-2023.json') as { data: { items: { id: string; note_card: { time: number } }[] } };
    const item = feed.data.items[0]!;
    expect(dateFromNoteId(item.id)!.getTime()).toBe(item.note_card.time);
    expect(dateFromNoteId('not-an-id')).toBeUndefined();
  });

  it('dates every note the real profile lists, pinned flags kept, with the facts behind the verdict', () => {
    const observation = readXhsProfile(answer(statePage('__INITIAL_STATE__', realState())), asked());
    expect(observation).toMatchObject({
      kind: 'found',
      datesFrom: expect.stringContaining('note ids'),
      proof: { subject: OWNER, source: 'platform', answers: [{ requestNames: true, names: [OWNER] }], list: { read: true, paging: 'end', undated: 0 } },
    });
    if (observation.kind !== 'found') return;
    expect(observation.posts).toHaveLength(6);
    expect(observation.posts[0]).toMatchObject({ id: '6515ad71000000001e02e5a0', at: new Date(0x6515ad71 * 1000), dateFromId: true });
    expect(observation.posts.every((p) => p.at.toISOString().startsWith('2023-'))).toBe(true);
  });

  it('gives the real page its verdicts: active when captured, silent three years on, and never another account’s', () => {
    const observation = readXhsProfile(answer(statePage('__INITIAL_STATE__', realState())), asked());
    expect(verdict(observation, OWNER, CAPTURED)).toBe('active');
    expect(verdict(observation)).toBe('zombie/silent');
    // The same page asked for another id names its own owner: another account's answer.
    const other = readXhsProfile(answer(statePage('__INITIAL_STATE__', realState())), asked(VIEWER));
    expect(verdict(other, VIEWER)).toBe('unverified/wrong-account');
  });

  it('counts notes whose ids carry no date, never drops them: no silence inferred past them', () => {
    const state = realState();
    for (const note of (state.user!.notes as { id: string; noteCard: { noteId: string } }[][])[0]!) note.id = note.noteCard.noteId = '000000000000000000000000';
    const observation = readXhsProfile(answer(statePage('__INITIAL_STATE__', state)), asked());
    expect(observation).toMatchObject({ kind: 'found', posts: [], proof: { list: { undated: 6 } } });
    expect(verdict(observation)).toBe('unverified/undated-post');
  });

  it('reports a page without a state as a changed layout', () => {
    expect(parseXhsProfile('<html><div id="app"></div></html>', asked())).toMatchObject({ reason: 'layout-changed' });
  });
});
