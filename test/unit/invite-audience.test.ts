import { describe, expect, it } from 'vitest';
import type { Contact } from '../../src/chatwork/types.js';
import type { HiManagerUser, Link } from '../../src/domain.js';
import { audience } from '../../src/invite/audience.js';

// Who gets the invitation, on each side of every line the audience draws: a working link, a
// link whose contact is gone, a contact that only needs linking, nobody to match, a namesake
// from another organisation, a rejected candidate, and people chosen by hand.
const OWN_ORG = 100;
const trust = { own: OWN_ORG, trusted: [] };
const user = (id: string, name: string, email = `${id.toLowerCase()}@example.jp`): HiManagerUser => ({ id, name, email });
const contact = (accountId: number, name: string, organization = OWN_ORG): Contact => ({
  account_id: accountId, room_id: 9000 + accountId, name, chatwork_id: '', organization_id: organization, organization_name: 'Org', department: '',
});
const link = (accountId: number): Link => ({ accountId, source: 'manual', linkedAt: '2026-12-01T00:00:00Z' });

const users = [user('E1', '山田 太郎'), user('E2', '佐藤 花子'), user('E3', '鈴木 一郎'), user('E4', '高橋 次郎'), user('E5', '田中 三郎')];
const ids = (people: HiManagerUser[]) => people.map((u) => u.id).sort();

describe('the invitation audience', () => {
  it('invites a linked person whose contact was removed, and nobody reachable or only waiting for a link', async () => {
    const contacts = [contact(1, '山田 太郎'), contact(3, '鈴木 一郎')];
    // E1 linked and a contact; E2 linked but the contact is gone; E3 a contact, not linked yet; E4/E5 nobody.
    const settings = { users, links: { E1: link(1), E2: link(2) } };
    const { people, leftOut } = await audience(settings, contacts, trust);
    expect(ids(people)).toEqual(['E2', 'E4', 'E5']);
    expect(leftOut).toEqual([]);
  });

  it('a namesake in another organisation does not make the employee reachable', async () => {
    const contacts = [contact(7, '田中 三郎', 999)];
    const { people } = await audience({ users: [users[4]!], links: {} }, contacts, trust);
    expect(ids(people)).toEqual(['E5']);
  });

  it('a rejected candidate ("not this person") sends the person to the invitations', async () => {
    const contacts = [contact(4, '高橋 次郎')];
    const without = await audience({ users: [users[3]!], links: {} }, contacts, trust);
    expect(ids(without.people)).toEqual([]);
    const rejected = new Map([['E4', new Set([4])]]);
    const withRejection = await audience({ users: [users[3]!], links: {}, rejected }, contacts, trust);
    expect(ids(withRejection.people)).toEqual(['E4']);
  });

  it('people chosen by hand: invited unless a working link reaches them; the reachable are left out by name', async () => {
    const contacts = [contact(1, '山田 太郎')];
    const settings = { users, links: { E1: link(1), E2: link(2) } };
    const chosen = await audience(settings, contacts, trust, 'E1,e2@example.jp,E3');
    expect(ids(chosen.people)).toEqual(['E2', 'E3']);
    expect(ids(chosen.leftOut)).toEqual(['E1']);
  });

  it('an unknown person chosen by hand is refused, naming them', async () => {
    await expect(audience({ users, links: {} }, [], trust, 'E1,E404')).rejects.toMatchObject({ params: { users: 'E404' } });
  });
});
