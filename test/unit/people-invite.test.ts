import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Contact, Member, Room } from '../../src/chatwork/types.js';
import type { HiManagerUser, Link } from '../../src/domain.js';
import { AmbiguousRequestError, ApiError, ExitCode, UsageError } from '../../src/errors/index.js';
import { audience } from '../../src/invite/audience.js';
import { buildInvitation, invitationCsv, invitationText } from '../../src/invite/invitation.js';
import { postRoomInvitation } from '../../src/invite/room-invite.js';
import type { OrganizationTrust } from '../../src/linking/trust.js';
import { createFakeChatwork } from '../helpers/fake-chatwork.js';
import { createFakeClock } from '../helpers/fake-clock.js';

// Who is invited and what they get: people whose contact is gone, people chosen by hand or from
// a file, the invitation's text (neutralised names, a profile link), and the post in a group
// chat that mentions only members matched unambiguously in a trusted organisation.
const OWN = 100;
const TRUST: OrganizationTrust = { own: OWN, trusted: [] };
const user = (id: string, name: string): HiManagerUser => ({ id, name, email: `${id.toLowerCase()}@example.jp` });
const contact = (accountId: number, name: string, organization = OWN): Contact => ({
  account_id: accountId, room_id: 9000 + accountId, name, chatwork_id: '', organization_id: organization, organization_name: 'Org', department: '',
});
const link = (accountId: number): Link => ({ accountId, source: 'manual', linkedAt: '2026-12-01T00:00:00Z' });
const ids = (people: HiManagerUser[]) => people.map((u) => u.id).sort();

const YAMADA = user('E1', '山田 太郎');
const SATO = user('E2', '佐藤 花子');
const SUZUKI = user('E3', '鈴木 一郎');

let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'hmcw-invite-')); });
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the audience: a contact gone before the invitation', () => {
  it('a person whose contact was removed is invited even though they are linked; by hand too', async () => {
    const settings = { users: [YAMADA, SATO], links: { E1: link(1), E2: link(2) } };
    // E2's contact was removed; a namesake contact does not make them reachable through the old link.
    const contacts = [contact(1, '山田 太郎'), contact(3, '佐藤 花子')];
    expect(ids((await audience(settings, contacts, TRUST)).people)).toEqual(['E2']);
    const chosen = await audience(settings, contacts, TRUST, 'E1,E2');
    expect(ids(chosen.people)).toEqual(['E2']);
    expect(ids(chosen.leftOut)).toEqual(['E1']);
  });

  it('with the own organisation unknown, any contact of the name counts as one to link, so nobody is invited for it', async () => {
    const settings = { users: [SUZUKI], links: {} };
    const foreign = [contact(3, '鈴木 一郎', 999)];
    expect(ids((await audience(settings, foreign, TRUST)).people)).toEqual(['E3']);
    expect(ids((await audience(settings, foreign, { own: undefined, trusted: [] })).people)).toEqual([]);
    // A trusted organisation's contact counts as the company's.
    expect(ids((await audience(settings, foreign, { own: OWN, trusted: [999] })).people)).toEqual([]);
  });

  it('chosen by e-mail in any case and width, duplicates once', async () => {
    const settings = { users: [YAMADA, SATO], links: {} };
    const chosen = await audience(settings, [], TRUST, 'E1 Ｅ１@example.jp e1@EXAMPLE.jp,E1');
    expect(chosen.people.map((u) => u.id)).toEqual(['E1']);
    await expect(audience(settings, [], TRUST, 'E1, E2 ,E9,nobody@x')).rejects.toMatchObject({ params: { users: 'E9, nobody@x' } });
    await expect(audience(settings, [], TRUST, 'E9')).rejects.toBeInstanceOf(UsageError);
  });

  it('chosen from a users CSV (id or e-mail column) or a plain list, one a line', async () => {
    const settings = { users: [YAMADA, SATO, SUZUKI], links: { E3: link(3) } };
    const csv = join(dir, 'chosen.csv');
    await writeFile(csv, '\uFEFFユーザーID,メールアドレス\nE1,\n,e2@example.jp\n');
    expect(ids((await audience(settings, [contact(3, '鈴木 一郎')], TRUST, csv)).people)).toEqual(['E1', 'E2']);
    const list = join(dir, 'chosen.txt');
    await writeFile(list, '\uFEFFE1\r\n\r\n  E3  \n');
    const fromList = await audience(settings, [contact(3, '鈴木 一郎')], TRUST, list);
    expect(ids(fromList.people)).toEqual(['E1']);
    expect(ids(fromList.leftOut)).toEqual(['E3']);
  });
});

describe('the audience chosen by hand: every way of naming people', () => {
  const settings = { users: [YAMADA, SATO, SUZUKI], links: {} };
  it.each([['社員番号'], ['ユーザID'], ['user id']])('a CSV with only an id column headed %s', async (header) => {
    const file = join(dir, `ids-${header}.csv`);
    await writeFile(file, `${header},氏名\nE1,山田 太郎\n,\nE3,鈴木 一郎\n`);
    expect(ids((await audience(settings, [], TRUST, file)).people)).toEqual(['E1', 'E3']);
  });

  it('a CSV with only an e-mail column headed e-mail', async () => {
    const file = join(dir, 'emails.csv');
    await writeFile(file, 'e-mail\ne2@example.jp\n');
    expect(ids((await audience(settings, [], TRUST, file)).people)).toEqual(['E2']);
  });

  it('separators around the names are not names', async () => {
    expect(ids((await audience(settings, [], TRUST, ' ,E1,, E2 ')).people)).toEqual(['E1', 'E2']);
  });
});

describe('the invitation', () => {
  const invitation = (lang: 'ja' | 'en' = 'en') => buildInvitation({
    lang, account: { name: 'Notify [bot]', chatworkId: 'hm notify' }, types: ['survey', 'praise'], people: [user('E1', '[To:1] Taro'), SATO],
  });

  it('names the account neutralised, links its profile with the ID encoded, and greets each person by a neutralised name', () => {
    const built = invitation();
    expect(built.profileUrl).toBe('https://www.chatwork.com/hm%20notify');
    expect(built.subject).toBe('Please add "Notify ［bot］" as a Chatwork contact (HiManager notifications)');
    expect(built.body).toContain('https://www.chatwork.com/hm%20notify');
    expect(built.body).toContain('Search for the Chatwork ID hm notify.');
    expect(built.body).not.toMatch(/\[/);
    expect(built.perPerson.map((p) => [p.user.id, p.subject, p.body.split('\n')[0]])).toEqual([
      ['E1', built.subject, 'Dear ［To:1］ Taro,'], ['E2', built.subject, 'Dear 佐藤 花子,'],
    ]);
    expect(built.perPerson[0]!.body).toBe(`Dear ［To:1］ Taro,\n\n${built.body}`);
    expect(buildInvitation({ lang: 'ja', account: { name: 'a', chatworkId: 'b' }, types: ['survey', 'praise'], people: [] }).body).toMatch(/（.+、.+）/);
  });

  it('as a text: subject, for whom, the body', () => {
    const built = invitation();
    expect(invitationText(built, 'en')).toBe(`${built.subject}\n\nFor: ［To:1］ Taro, 佐藤 花子\n\n${built.body}\n`);
    expect(invitationText(invitation('ja'), 'ja')).toContain('対象の方: ［To:1］ Taroさん、佐藤 花子さん');
  });

  it('as a CSV for a mail merge: a BOM, CRLF, a header, one row per person', async () => {
    const csv = await invitationCsv(invitation(), 'en');
    expect(csv.startsWith('\uFEFFid,name,email,subject,body\r\n')).toBe(true);
    expect(csv).toContain('E1,[To:1] Taro,e1@example.jp,');
    expect(csv).toContain('E2,佐藤 花子,e2@example.jp,');
  });
});

describe('the invitation posted in a group chat', () => {
  const clock = createFakeClock();
  let rooms: Map<number, Room>;
  let members: Member[];
  let posted: { roomId: number; body: string }[];
  let postError: Error | undefined;
  beforeEach(() => {
    rooms = new Map([[10, { room_id: 10, name: 'All staff', type: 'group', role: 'member' }], [11, { room_id: 11, name: 'Notices', type: 'group', role: 'readonly' }],
      [12, { room_id: 12, name: 'DM', type: 'direct', role: 'admin' }]]);
    members = [];
    posted = [];
    postError = undefined;
  });
  const member = (accountId: number, name: string, organization = OWN): Member => ({
    account_id: accountId, role: 'member', name, chatwork_id: '', organization_id: organization, organization_name: 'Org', department: '',
  });
  const api = () => ({
    ...createFakeChatwork(clock),
    async room(roomId: number) {
      const room = rooms.get(roomId);
      if (!room) throw new ApiError(404, 'GET', `/rooms/${roomId}`, ['not found']);
      return room;
    },
    async members() { return members; },
    async postMessage(roomId: number, body: string) {
      if (postError) throw postError;
      posted.push({ roomId, body });
      return { message_id: '1' };
    },
  });
  const invitation = buildInvitation({ lang: 'en', account: { name: 'Notify', chatworkId: 'notify' }, types: ['survey'], people: [] });
  const post = (roomId: string, people: HiManagerUser[], extra: { selfId?: number; contacts?: Contact[]; trust?: OrganizationTrust } = {}) =>
    postRoomInvitation(api(), { roomId, people, invitation, lang: 'en', contacts: extra.contacts ?? [], trust: extra.trust ?? TRUST, ...(extra.selfId ? { selfId: extra.selfId } : {}) });

  it('mentions the members matched unambiguously, one [To:] each, and names the others', async () => {
    members = [member(1, '山田 太郎'), member(2, '佐藤 花子'), member(99, 'Notify')];
    const result = await post('10', [YAMADA, SATO, SUZUKI], { selfId: 99 });
    expect(result).toEqual({ code: ExitCode.ok, roomName: 'All staff', posted: true, mentioned: [{ userId: 'E1', accountId: 1 }, { userId: 'E2', accountId: 2 }], others: [SUZUKI] });
    expect(posted).toHaveLength(1);
    expect(posted[0]!.roomId).toBe(10);
    expect(posted[0]!.body).toBe(['[To:1]山田 太郎', '[To:2]佐藤 花子', 'Please add the notification account as a Chatwork contact.',
      `[info][title]${invitation.subject}[/title]${invitation.body}[/info]`].join('\n'));
  });

  it('never mentions the account itself, a member already a contact, a namesake of another organisation, or two of one name', async () => {
    members = [member(99, '山田 太郎'), member(3, '鈴木 一郎'), member(2, '佐藤 花子', 555), member(4, '佐藤 花子')];
    const result = await post('10', [YAMADA, SATO, SUZUKI], { selfId: 99, contacts: [contact(3, '鈴木 一郎')] });
    expect(result.mentioned).toEqual([{ userId: 'E2', accountId: 4 }]);
    members = [member(4, '佐藤 花子'), member(5, '佐藤 花子')];
    const twins = await post('10', [SATO]);
    expect(twins).toMatchObject({ posted: false, mentioned: [], others: [SATO], code: ExitCode.ok });
  });

  it('posts nothing when nobody to invite is a member', async () => {
    members = [member(7, 'Someone Else')];
    expect(await post('10', [YAMADA])).toEqual({ code: ExitCode.ok, roomName: 'All staff', posted: false, mentioned: [], others: [YAMADA] });
    expect(posted).toEqual([]);
  });

  it.each(['0', '-10', '10a', '', 'abc', '010'])('refuses the room id %j before asking Chatwork', async (roomId) => {
    await expect(post(roomId, [YAMADA])).rejects.toMatchObject({ key: 'invite.roomNotGroup' });
  });

  it('refuses a room that does not exist, is read-only or is not a group chat (exit 2); other errors pass through', async () => {
    for (const roomId of ['404', '11', '12']) {
      const error = await post(roomId, [YAMADA]).catch((e: unknown) => e);
      expect(error, roomId).toBeInstanceOf(UsageError);
      expect(error).toMatchObject({ key: 'invite.roomNotGroup', params: { roomId: Number(roomId) } });
    }
    const failing = { ...api(), room: async () => { throw new ApiError(500, 'GET', '/rooms/13', []); } };
    await expect(postRoomInvitation(failing, { roomId: '13', people: [], invitation, lang: 'en', contacts: [], trust: TRUST })).rejects.toMatchObject({ status: 500 });
  });

  it('a post whose answer was lost is reported as not posted, exit 3; another error passes through', async () => {
    members = [member(1, '山田 太郎')];
    postError = new AmbiguousRequestError('/rooms/10/messages', new Error('socket hang up'));
    expect(await post('10', [YAMADA])).toMatchObject({ code: ExitCode.partial, posted: false, mentioned: [{ userId: 'E1', accountId: 1 }] });
    postError = new ApiError(500, 'POST', '/rooms/10/messages', []);
    await expect(post('10', [YAMADA])).rejects.toBeInstanceOf(ApiError);
  });
});
