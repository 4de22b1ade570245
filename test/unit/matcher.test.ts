import { describe, expect, it } from 'vitest';
import type { Contact } from '../../src/chatwork/types.js';
import { exactKey, swappedKey, variantKey } from '../../src/linking/normalize.js';
import { suggestLinks } from '../../src/linking/matcher.js';
import { generateLabelledPeople, OWN_ORGANIZATION } from '../../src/sandbox/generate-people.js';

const contact = (account_id: number, name: string, department = '', organization_name = OWN_ORGANIZATION): Contact => ({
  account_id, room_id: account_id + 1000, name, chatwork_id: `c${account_id}`, organization_id: 1, organization_name, department,
});
const user = (id: string, name: string, department?: string) => ({ id, name, email: `${id}@x.jp`, department });

describe('name keys', () => {
  it.each([
    ['山田 太郎', '山田太郎'], ['佐藤　花子', '佐藤 花子'], ['ＳＡＴＯ Ｙｕｋｉ', 'sato yuki'], ['ｼﾞｮﾝ ｽﾐｽ', 'ジョン スミス'],
    ['田中 舞（営業）', '田中舞'], ['田中舞さん', '田中 舞'], ['ジョン・スミス', 'じょんすみす'],
  ])('%s and %s share the exact key', (a, b) => expect(exactKey(a)).toBe(exactKey(b)));

  it.each([['髙橋 一郎', '高橋一郎'], ['山﨑次郎', '山崎 次郎'], ['渡邊 誠', '渡辺誠'], ['齋藤あゆみ', '斎藤 あゆみ'], ['𠮷田 翔', '吉田翔']])(
    '%s and %s share the variant key, not the exact one', (a, b) => {
      expect(variantKey(a)).toBe(variantKey(b));
      expect(exactKey(a)).not.toBe(exactKey(b));
    });

  it('swaps two-part romaji names only', () => {
    expect(swappedKey('Kenji Mori')).toBe(exactKey('Mori Kenji'));
    expect(swappedKey('山田 太郎')).toBeUndefined();
  });
});

describe('link suggestions', () => {
  it('marks a one-to-one match unambiguous, and a namesake not', () => {
    const users = [user('1', '高橋 一郎', '開発部'), user('2', '佐藤 美咲', '営業部'), user('3', '佐藤 美咲', '開発部')];
    const contacts = [contact(10, '髙橋一郎', '開発部'), contact(20, '佐藤 美咲', '営業部'), contact(30, '佐藤美咲', '開発部')];
    const { suggestions } = suggestLinks(users, contacts, {}, OWN_ORGANIZATION);
    expect(suggestions.find((s) => s.user.id === '1')).toMatchObject({ reason: 'variant', unambiguous: true, contact: { account_id: 10 } });
    const namesakes = suggestions.filter((s) => s.user.name === '佐藤 美咲');
    expect(namesakes).toHaveLength(4);
    expect(namesakes.every((s) => !s.unambiguous && s.reason === 'namesake')).toBe(true);
    const best = namesakes.filter((s) => s.user.id === '2').sort((a, b) => b.confidence - a.confidence)[0]!;
    expect(best.contact.account_id).toBe(20);
  });

  it('never links an outsider automatically, nor against a different department', () => {
    const { suggestions } = suggestLinks([user('1', '山田 太一', '営業部'), user('2', '森 健', '営業部')],
      [contact(10, '山田太一', '購買部', '株式会社取引先'), contact(20, '森 健', '経理部')], {}, OWN_ORGANIZATION);
    const byUser = Object.fromEntries(suggestions.map((s) => [s.user.id, s.unambiguous]));
    expect(byUser).toEqual({ 1: false, 2: false });
  });

  it('skips users and contacts that are already linked', () => {
    const { suggestions, unmatched } = suggestLinks([user('1', '山田 太郎'), user('2', '山田 太郎')], [contact(10, '山田太郎')],
      { 1: { accountId: 10, source: 'manual', linkedAt: '' } });
    expect(suggestions).toEqual([]);
    expect(unmatched.map((u) => u.id)).toEqual(['2']);
  });

  it('on a labelled set of 240 messy people: every automatic link is right, and most are automatic', () => {
    const { users, contacts, truth } = generateLabelledPeople(240);
    const { suggestions } = suggestLinks(users, contacts, {}, OWN_ORGANIZATION);
    const automatic = suggestions.filter((s) => s.unambiguous);
    const wrong = automatic.filter((s) => truth.get(s.user.id) !== s.contact.account_id);
    expect(wrong.map((s) => `${s.user.name} -> ${s.contact.name}`)).toEqual([]);
    // 205 of the 222 employees who are contacts (92.3%) at the time of writing.
    expect(automatic.length / truth.size).toBeGreaterThan(0.9);
    expect(new Set(automatic.map((s) => s.contact.account_id)).size).toBe(automatic.length);
  });
});
