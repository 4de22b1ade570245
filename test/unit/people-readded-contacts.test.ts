import { describe, expect, it } from 'vitest';
import type { Contact } from '../../src/chatwork/types.js';
import type { Directory, HiManagerUser, Link } from '../../src/domain.js';
import { formerOwner, linkedToRemovedContact } from '../../src/linking/readded.js';
import type { LinkHistoryEntry } from '../../src/store/repos/decisions.js';

// Whose contact is gone is told by that account alone: other people's contacts, still there,
// neither hide a gone contact nor make a present one look gone.
const user = (id: string): HiManagerUser => ({ id, name: id, email: `${id.toLowerCase()}@x.jp` });
const link = (accountId: number): Link => ({ accountId, source: 'manual', linkedAt: '2026-11-01T00:00:00.000Z' });
const contact = (accountId: number): Contact => ({
  account_id: accountId, room_id: 100 + accountId, name: `Contact ${accountId}`, chatwork_id: `c${accountId}`, organization_id: 1, organization_name: 'Org', department: '',
});
const confirmed = (userId: string, accountId: number): LinkHistoryEntry => ({ userId, accountId, source: 'manual', confirmed: true, linkedAt: '2026-10-01T00:00:00.000Z' });
const dir = (links: Record<string, Link>): Directory => ({ users: [user('E1'), user('E2')], links });

describe('formerOwner with other contacts present', () => {
  it('is the person still linked to this account when its own contact is gone, whatever other contacts remain', () => {
    const directory = dir({ E1: link(500), E2: link(600) });
    expect(formerOwner(500, directory, [contact(600), contact(700)], [confirmed('E1', 500)])?.id).toBe('E1');
    expect(formerOwner(500, directory, [contact(600), contact(500)], [confirmed('E1', 500)])).toBeUndefined();
  });
});

describe('linkedToRemovedContact with other contacts present', () => {
  it('is nothing while the link\'s own contact is among several, and the account once it is gone from them', () => {
    const directory = dir({ E1: link(500) });
    expect(linkedToRemovedContact('E1', directory, [contact(600), contact(500), contact(700)])).toBeUndefined();
    expect(linkedToRemovedContact('E1', directory, [contact(600), contact(700)])).toBe(500);
  });
});
