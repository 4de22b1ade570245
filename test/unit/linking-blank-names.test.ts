import { describe, expect, it } from 'vitest';
import type { Contact } from '../../src/chatwork/types.js';
import { suggestLinks } from '../../src/linking/matcher.js';
import { nameKeys } from '../../src/linking/name-index.js';

const contact = (account_id: number, name: string): Contact => ({
  account_id, room_id: account_id + 1000, name, chatwork_id: `c${account_id}`, organization_id: 1, organization_name: 'Example株式会社', department: '',
});
const user = (id: string, name: string) => ({ id, name, email: `${id}@x.jp` });

/** Names with nothing left once spaces, middle dots, periods and commas go. */
const BLANK = ['・', '.', '\u200b', '\u3000', '\u00a0', '、', ',', '、,'];

describe('linking: a name with nothing in it to compare', () => {
  it('is found under no key, not even an empty one', () => {
    for (const name of BLANK) expect([...nameKeys(name).all.keys()], JSON.stringify(name)).not.toContain('');
  });

  it('is linked to nobody: two people without a name are not the same person', () => {
    const users = [user('u1', '・'), user('u2', '、'), user('u3', '\u200b')];
    const contacts = [contact(1, '.'), contact(2, ','), contact(3, '\u3000')];
    const result = suggestLinks(users, contacts, {}, { own: 1, trusted: [] });
    expect(result.suggestions).toEqual([]);
    expect(result.unmatched.map((u) => u.id)).toEqual(['u1', 'u2', 'u3']);
  });
});
