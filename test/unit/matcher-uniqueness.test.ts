import { describe, expect, it } from 'vitest';
import type { Contact } from '../../src/chatwork/types.js';
import { suggestLinks } from '../../src/linking/matcher.js';
import { indexByName, nameKeys, sharedEvidence } from '../../src/linking/name-index.js';

const ORG = 'Example株式会社';
const TRUST = { own: 1, trusted: [] };
/** A contact of organisation 1 (the account's own) unless told otherwise; the name of an organisation is whatever its owner typed. */
const contact = (account_id: number, name: string, department = '', organization_name = ORG, organization_id = 1): Contact => ({
  account_id, room_id: account_id + 1000, name, chatwork_id: `c${account_id}`, organization_id, organization_name, department,
});
const user = (id: string, name: string, department?: string, reading?: string) => ({ id, name, email: `${id}@x.jp`, department, reading });

/** Each suggestion as [user, contact, unambiguous, reason]. */
const pairs = (result: ReturnType<typeof suggestLinks>) =>
  result.suggestions.map((s) => [s.user.id, s.contact.account_id, s.unambiguous, s.reason]).sort();

describe('matcher: a link is automatic only when one user and one contact meet', () => {
  it('one 山田 太郎 and one contact: unambiguous, exact', () => {
    const result = suggestLinks([user('E1', '山田 太郎')], [contact(1, '山田太郎')], {}, TRUST);
    expect(pairs(result)).toEqual([['E1', 1, true, 'exact']]);
    expect(result.suggestions[0]!.confidence).toBe(0.97);
    expect(result.unmatched).toEqual([]);
  });

  it('two 山田 太郎 and one contact: neither is unambiguous', () => {
    const result = suggestLinks([user('E1', '山田 太郎'), user('E2', '山田 太郎')], [contact(1, '山田 太郎')], {}, TRUST);
    expect(pairs(result)).toEqual([['E1', 1, false, 'namesake'], ['E2', 1, false, 'namesake']]);
    for (const s of result.suggestions) expect(s.confidence).toBe(0.62);
  });

  it('one 山田 太郎 and two such contacts: neither is unambiguous', () => {
    const result = suggestLinks([user('E1', '山田 太郎')], [contact(1, '山田 太郎'), contact(2, '山田 太郎')], {}, TRUST);
    expect(pairs(result)).toEqual([['E1', 1, false, 'namesake'], ['E1', 2, false, 'namesake']]);
  });

  it('two and two: none is unambiguous without departments', () => {
    const result = suggestLinks([user('E1', '山田 太郎'), user('E2', '山田 太郎')], [contact(1, '山田 太郎'), contact(2, '山田 太郎')], {}, TRUST);
    expect(result.suggestions.filter((s) => s.unambiguous)).toEqual([]);
    expect(result.suggestions).toHaveLength(4);
  });

  it('namesakes told apart by a department both sides state, and only then', () => {
    const users = [user('E1', '山田 太郎', '営業部'), user('E2', '山田 太郎', '開発部')];
    const result = suggestLinks(users, [contact(1, '山田 太郎', '営業部')], {}, TRUST);
    // The certain one leaves the pool; the namesake has no candidate left.
    expect(pairs(result)).toEqual([['E1', 1, true, 'department']]);
    expect(result.unmatched.map((u) => u.id)).toEqual(['E2']);
    expect(result.suggestions.find((s) => s.user.id === 'E1')!.confidence).toBe(0.82);
    // The other user's department unknown: it could be them, so no help.
    const unknown = suggestLinks([user('E1', '山田 太郎', '営業部'), user('E2', '山田 太郎')], [contact(1, '山田 太郎', '営業部')], {}, TRUST);
    expect(unknown.suggestions.filter((s) => s.unambiguous)).toEqual([]);
    // Another contact claims the same department: no help either.
    const claimed = suggestLinks(users, [contact(1, '山田 太郎', '営業部'), contact(2, '山田 太郎', '営業部')], {}, TRUST);
    expect(claimed.suggestions.filter((s) => s.unambiguous)).toEqual([]);
  });

  it('a department that differs makes a one-to-one match a suggestion only', () => {
    const result = suggestLinks([user('E1', '山田 太郎', '営業部')], [contact(1, '山田 太郎', '開発部')], {}, TRUST);
    expect(pairs(result)).toEqual([['E1', 1, false, 'exact']]);
    expect(result.suggestions[0]!.departmentMatches).toBe(false);
    expect(result.suggestions[0]!.confidence).toBe(0.77);
  });

  it('an outsider is never unambiguous and never counts as the only contact', () => {
    const outsider = suggestLinks([user('E1', '山田 太郎')], [contact(1, '山田 太郎', '', 'Other Inc.', 2)], {}, TRUST);
    expect(pairs(outsider)).toEqual([['E1', 1, false, 'namesake']]);
    expect(outsider.suggestions[0]!.confidence).toBe(0.22);
    // An insider and an outsider of the same name: the insider alone is in the organisation.
    const both = suggestLinks([user('E1', '山田 太郎')], [contact(1, '山田 太郎'), contact(2, '山田 太郎', '', 'Other Inc.', 2)], {}, TRUST);
    expect(pairs(both)).toEqual([['E1', 1, true, 'exact']]);
  });

  it('the organisation id decides, never its name: no organisation, or the company\'s name under another id, is an outsider', () => {
    const alone = (c: Contact, trust: { own: number | undefined; trusted: number[] } = TRUST) => pairs(suggestLinks([user('E1', '山田 太郎', '営業部')], [c], {}, trust));
    expect(alone(contact(1, '山田 太郎', '営業部', '', 0))).toEqual([['E1', 1, false, 'namesake']]);
    expect(alone(contact(1, '山田 太郎', '営業部', ORG, 666))).toEqual([['E1', 1, false, 'namesake']]);
    expect(alone(contact(1, '山田 太郎', '営業部', 'Other Inc.', 1))).toEqual([['E1', 1, true, 'exact']]);
    // A trusted organisation counts as the account's own; an unknown own organisation trusts nobody, not even the list.
    expect(alone(contact(1, '山田 太郎', '営業部', 'Group Inc.', 7), { own: 1, trusted: [7] })).toEqual([['E1', 1, true, 'exact']]);
    expect(alone(contact(1, '山田 太郎', '営業部'), { own: undefined, trusted: [1] })).toEqual([['E1', 1, false, 'namesake']]);
    // An impostor without an organisation never makes the employee's own contact ambiguous.
    const both = suggestLinks([user('E1', '山田 太郎')], [contact(1, '山田 太郎'), contact(2, '山田 太郎', '', '', 0)], {}, TRUST);
    expect(pairs(both)).toEqual([['E1', 1, true, 'exact']]);
  });

  it('once a twin is linked for certain, the other namesake is looked at again', () => {
    const users = [user('E1', '山田 太郎', '営業部'), user('E2', '山田 太郎', '開発部')];
    const contacts = [contact(1, '山田 太郎', '営業部'), contact(2, '山田 太郎')];
    const result = suggestLinks(users, contacts, {}, TRUST);
    expect(result.suggestions.filter((s) => s.unambiguous).map((s) => [s.user.id, s.contact.account_id]).sort()).toEqual([['E1', 1], ['E2', 2]]);
  });

  it('leaves out linked users and linked contacts, and lists users with no candidate', () => {
    const links = { E1: { accountId: 1, source: 'manual' as const, linkedAt: '2026-01-01T00:00:00Z' } };
    const result = suggestLinks([user('E1', '山田 太郎'), user('E2', '山田 太郎'), user('E3', '佐藤 花子')], [contact(1, '山田 太郎'), contact(2, '山田 太郎')], links, TRUST);
    expect(pairs(result)).toEqual([['E2', 2, true, 'exact']]);
    expect(result.unmatched.map((u) => u.id)).toEqual(['E3']);
  });

  it('variant kanji, swapped romaji and readings each say why', () => {
    expect(pairs(suggestLinks([user('E1', '髙橋 一郎')], [contact(1, '高橋 一郎')], {}, TRUST))).toEqual([['E1', 1, true, 'variant']]);
    expect(pairs(suggestLinks([user('E1', 'Kenji Mori')], [contact(1, 'Mori Kenji')], {}, TRUST))).toEqual([['E1', 1, true, 'swapped']]);
    expect(pairs(suggestLinks([user('E1', '森 健二', undefined, 'もり けんじ')], [contact(1, 'Kenji Mori')], {}, TRUST))).toEqual([['E1', 1, true, 'reading']]);
    // Two kanji names that only read alike are two people.
    expect(suggestLinks([user('E1', '佐藤 健', undefined, 'さとう けん')], [contact(1, '佐東 健')], {}, TRUST).suggestions).toEqual([]);
  });

  it('sorts by confidence, then by user id', () => {
    const result = suggestLinks([user('E2', '佐藤 花子'), user('E1', '山田 太郎'), user('E3', '山田 太郎')], [contact(1, '山田 太郎'), contact(2, '佐藤 花子')], {}, TRUST);
    expect(result.suggestions.map((s) => s.user.id)).toEqual(['E2', 'E1', 'E3']);
  });
});

describe('name index', () => {
  it('finds every item sharing any key, and nothing else', () => {
    const items = ['山田 太郎', '山田太郎', '髙田 太郎', '佐藤 花子'];
    const index = indexByName(items, (name) => nameKeys(name));
    expect([...index.close(nameKeys('山田　太郎'))]).toEqual(['山田 太郎', '山田太郎']);
    expect([...index.close(nameKeys('高田 太郎'))]).toEqual(['髙田 太郎']);
    expect(index.close(nameKeys('鈴木 一郎')).size).toBe(0);
    expect(index.keys.get('佐藤 花子')).toEqual(nameKeys('佐藤 花子'));
  });

  it('written evidence beats a reading; none shared is undefined', () => {
    expect(sharedEvidence(nameKeys('山田 太郎'), nameKeys('山田太郎'))).toBe('written');
    expect(sharedEvidence(nameKeys('森 健二', 'もり けんじ'), nameKeys('Kenji Mori'))).toBe('reading');
    expect(sharedEvidence(nameKeys('山田 太郎'), nameKeys('佐藤 花子'))).toBeUndefined();
    const keys = nameKeys('Kenji Mori');
    expect(keys.swapped).toBe(nameKeys('Mori Kenji').variant);
    expect(nameKeys('山田 太郎').swapped).toBeUndefined();
  });
});
