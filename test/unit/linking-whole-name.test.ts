import { describe, expect, it } from 'vitest';
import type { Contact } from '../../src/chatwork/types.js';
import { suggestLinks } from '../../src/linking/matcher.js';

const contact = (account_id: number, name: string): Contact => ({
  account_id, room_id: account_id + 1000, name, chatwork_id: `c${account_id}`, organization_id: 1, organization_name: 'Example株式会社', department: '',
});
const user = (id: string, name: string) => ({ id, name, email: `${id}@x.jp` });
const TRUST = { own: 1, trusted: [] };

describe('linking: the whole name as written', () => {
  // Each part alone loses an ending that looks like an honorific (さま, 君): only the whole name keeps it.
  it.each([['山田さま 太郎', '山田さま太郎'], ['山田さま太郎', '山田さま 太郎'], ['佐藤君 一郎', '佐藤君一郎']])(
    '%s is linked to the contact %s, written the same but for a space', (userName, contactName) => {
      const { suggestions, unmatched } = suggestLinks([user('u1', userName)], [contact(1, contactName)], {}, TRUST);
      expect(unmatched).toEqual([]);
      expect(suggestions.map((s) => ({ user: s.user.id, contact: s.contact.account_id, reason: s.reason, unambiguous: s.unambiguous })))
        .toEqual([{ user: 'u1', contact: 1, reason: 'exact', unambiguous: true }]);
    });
});
