import { describe, expect, it } from 'vitest';
import { detectXhsBlock, parseXhsProfile, readXhsProfile } from '../../src/platforms/xiaohongshu.js';
import { dateFromNoteId } from '../../src/platforms/dates.js';
import { answer, realJson, statePage } from '../helpers/fixtures.js';

const realState = () => structuredClone(realJson('xiaohongshu', 'user-profile-initial-state-2023.json')) as Record<string, Record<string, unknown>>;

describe('Xiaohongshu parsers on the real page state', () => {
  it('reads the name, the follower count and the notes with their pinned flags', () => {
    const page = parseXhsProfile(statePage('__INITIAL_STATE__', realState()));
    expect(page).toMatchObject({ profile: { name: '鱼鱼不吃鱼' } });
    if ('kind' in page) return;
    expect(page.notes[0]!.id).toBe('6515ad71000000001e02e5a0');
    expect(page.notes.length).toBe(6);
  });

  it('counts the notes only when the first query says there are no more', () => {
    const complete = parseXhsProfile(statePage('__INITIAL_STATE__', realState()));
    expect(complete).toMatchObject({ profile: { postCount: 6 } });
    const state = realState();
    (state.user!.noteQueries as { hasMore: boolean }[])[0]!.hasMore = true;
    expect(parseXhsProfile(statePage('__INITIAL_STATE__', state))).toMatchObject({ profile: { postCount: undefined } });
  });

  it('never counts the notes of a tab that has not finished loading: no "never posted" from it', () => {
    const state = realState();
    state.user!.userNoteFetchingStatus = 'loading';
    state.user!.notes = [[], [], []];
    const observation = readXhsProfile(answer(statePage('__INITIAL_STATE__', state)));
    expect(observation).toMatchObject({ kind: 'found', posts: [], profile: { postCount: undefined } });
  });

  it('takes a logged-out page without notes for a login wall, never an empty account', () => {
    const state = realState();
    state.user!.loggedIn = false;
    state.user!.notes = [[], [], []];
    expect(parseXhsProfile(statePage('__INITIAL_STATE__', state))).toMatchObject({ kind: 'unknown', reason: 'login-required' });
  });

  it('reads bannedInfo as banned', () => {
    const state = realState();
    state.user!.bannedInfo = { code: 1, showAlert: true, reason: '账号违规' };
    expect(parseXhsProfile(statePage('__INITIAL_STATE__', state))).toMatchObject({ kind: 'missing', reason: 'banned' });
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
    expect(dateFromNoteId('0e5f0e641000000000000000')).toBeUndefined();
    expect(dateFromNoteId('not-an-id')).toBeUndefined();
  });

  it('dates every note the real profile lists, pinned flags kept, and says the dates came from the ids', () => {
    const observation = readXhsProfile(answer(statePage('__INITIAL_STATE__', realState())));
    expect(observation).toMatchObject({ kind: 'found', datesFrom: expect.stringContaining('note ids') });
    if (observation.kind !== 'found') return;
    expect(observation.posts).toHaveLength(6);
    expect(observation.posts[0]).toMatchObject({ id: '6515ad71000000001e02e5a0', at: new Date(0x6515ad71 * 1000) });
    expect(observation.posts.every((p) => p.at.toISOString().startsWith('2023-'))).toBe(true);
  });

  it('leaves notes whose ids carry no date undated, never a zombie', () => {
    const state = realState();
    for (const note of (state.user!.notes as { id: string; noteCard: { noteId: string } }[][])[0]!) note.id = note.noteCard.noteId = '000000000000000000000000';
    expect(readXhsProfile(answer(statePage('__INITIAL_STATE__', state)))).toMatchObject({ kind: 'found', posts: [], datesUnknown: { reason: 'layout-changed' } });
  });

  it('reports a page without a state as a changed layout', () => {
    expect(parseXhsProfile('<html><div id="app"></div></html>')).toMatchObject({ reason: 'layout-changed' });
  });
});
