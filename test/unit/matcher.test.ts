import { describe, expect, it } from 'vitest';
import type { Contact } from '../../src/chatwork/types.js';
import { exactKey, stripDecorations, swappedKey, variantKey } from '../../src/linking/normalize.js';
import { foldRomaji, phoneticKey } from '../../src/linking/reading.js';
import { suggestLinks } from '../../src/linking/matcher.js';
import { generateLabelledPeople, OWN_ORGANIZATION, OWN_TRUST } from '../generators/people.js';

const contact = (account_id: number, name: string, department = '', organization_name = OWN_ORGANIZATION): Contact => ({
  account_id, room_id: account_id + 1000, name, chatwork_id: `c${account_id}`, organization_id: organization_name === OWN_ORGANIZATION ? 1 : 2, organization_name, department,
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

describe('decorations and readings', () => {
  it.each([
    ['田中 舞（営業部）', '田中 舞'], ['山田太郎(東京)', '山田太郎'], ['【在宅】佐藤 花子', '佐藤 花子'], ['鈴木 翔 [出張中]', '鈴木 翔'],
    ['小林大輔＠本社', '小林大輔'], ['小林大輔 @大阪', '小林大輔'], ['加藤 奈々さん', '加藤 奈々'], ['加藤 奈々 様', '加藤 奈々'],
    ['井上 結衣 🌸', '井上 結衣'], ['Mai Tanaka / Sales', 'Mai Tanaka'], ['Yamada-san', 'Yamada'], ['Hassan', 'Hassan'],
  ])('%s is %s once decorations go', (decorated, bare) => expect(stripDecorations(decorated)).toBe(bare));

  it('folds the Hepburn variants on both sides', () => {
    const same = (...spellings: string[]) => expect(new Set(spellings.map(foldRomaji)).size).toBe(1);
    same('Satou', 'Sato', 'Satoh', 'Satō', 'SATO');
    same('Shin-ichi', 'Shinichi', "Shin'ichi", 'Siniti');
    same('Yuuki', 'Yūki', 'Yuki');
    same('Homma', 'Honma');
    same('Tsubasa', 'Tubasa');
    same('Fujita', 'Huzita');
    same('Chihiro', 'Tihiro');
    expect(phoneticKey('ヤマグチ')).toBe(phoneticKey('Yamaguchi'));
    expect(phoneticKey('ﾔﾏｸﾞﾁ')).toBe(phoneticKey('やまぐち'));
    expect(phoneticKey('山口')).toBeUndefined();
  });

  it.each(['Daiki Yamaguchi', 'YAMAGUCHI Daiki', 'Yamaguchi, Daiki', 'やまぐち だいき', 'ヤマグチダイキ', 'ﾔﾏｸﾞﾁ ﾀﾞｲｷ', '山口 だいき', '山口大輝（開発）'])(
    '%s is found for 山口 大輝 read ヤマグチ ダイキ', (shown) => {
      const { suggestions } = suggestLinks([{ ...user('1', '山口 大輝'), reading: 'ヤマグチ ダイキ' }], [contact(10, shown)], {}, OWN_TRUST);
      expect(suggestions).toMatchObject([{ unambiguous: true, contact: { account_id: 10 } }]);
    });

  it('takes a reading as weak evidence: 佐藤 and 佐東 read alike, and two kanji names that differ never meet', () => {
    const users = [{ ...user('1', '佐藤 健'), reading: 'サトウ ケン' }, { ...user('2', '佐東 健', '営業部'), reading: 'サトウ ケン' }];
    const { suggestions } = suggestLinks(users, [contact(10, 'Ken Sato', '営業部')], {}, OWN_TRUST);
    expect(suggestions).toHaveLength(2);
    expect(suggestions.every((s) => !s.unambiguous)).toBe(true);
    const kanji = suggestLinks([{ ...user('2', '佐東 健'), reading: 'サトウ ケン' }], [contact(10, '佐藤 健')], {}, OWN_TRUST);
    expect(kanji.suggestions).toEqual([]);
  });
});

describe('link suggestions', () => {
  it('marks a one-to-one match unambiguous, and namesakes only when a stated department tells them apart', () => {
    const users = [user('1', '高橋 一郎', '開発部'), user('2', '佐藤 美咲', '営業部'), user('3', '佐藤 美咲', '開発部')];
    const contacts = [contact(10, '髙橋一郎', '開発部'), contact(20, '佐藤 美咲', '営業部'), contact(30, '佐藤美咲', '開発部')];
    const { suggestions } = suggestLinks(users, contacts, {}, OWN_TRUST);
    expect(suggestions.find((s) => s.user.id === '1')).toMatchObject({ reason: 'variant', unambiguous: true, contact: { account_id: 10 } });
    const safe = suggestions.filter((s) => s.user.name === '佐藤 美咲' && s.unambiguous);
    expect(safe.map((s) => [s.user.id, s.contact.account_id, s.reason])).toEqual(expect.arrayContaining([['2', 20, 'department'], ['3', 30, 'department']]));
    // Without departments on the Chatwork side, nothing tells them apart.
    const blind = suggestLinks(users, [contact(20, '佐藤 美咲'), contact(30, '佐藤美咲')], {}, OWN_TRUST).suggestions;
    expect(blind).toHaveLength(4);
    expect(blind.every((s) => !s.unambiguous && s.reason === 'namesake')).toBe(true);
  });

  it('never links an outsider automatically, nor against a different department', () => {
    const { suggestions } = suggestLinks([user('1', '山田 太一', '営業部'), user('2', '森 健', '営業部')],
      [contact(10, '山田太一', '購買部', '株式会社取引先'), contact(20, '森 健', '経理部')], {}, OWN_TRUST);
    const byUser = Object.fromEntries(suggestions.map((s) => [s.user.id, s.unambiguous]));
    expect(byUser).toEqual({ 1: false, 2: false });
  });

  it('skips users and contacts that are already linked', () => {
    const { suggestions, unmatched } = suggestLinks([user('1', '山田 太郎'), user('2', '山田 太郎')], [contact(10, '山田太郎')],
      { 1: { accountId: 10, source: 'manual', linkedAt: '' } }, OWN_TRUST);
    expect(suggestions).toEqual([]);
    expect(unmatched.map((u) => u.id)).toEqual(['2']);
  });

  it('on the labelled set of 400 messy people: every automatic link is right, and at least 97 % are automatic', () => {
    const { users, contacts, truth } = generateLabelledPeople(400);
    expect(users.filter((u) => u.reading).length).toBeGreaterThan(350);
    const { suggestions } = suggestLinks(users, contacts, {}, OWN_TRUST);
    const automatic = suggestions.filter((s) => s.unambiguous);
    const wrong = automatic.filter((s) => truth.get(s.user.id) !== s.contact.account_id);
    expect(wrong.map((s) => `${s.user.name} -> ${s.contact.name}`)).toEqual([]);
    // 363 of the 372 employees who are contacts (97.6 %) at the time of writing; the rest are
    // namesakes nothing tells apart, blank readings and nicknames.
    expect(automatic.length / truth.size).toBeGreaterThanOrEqual(0.97);
    expect(new Set(automatic.map((s) => s.contact.account_id)).size).toBe(automatic.length);
  });

  it.each([7, 99, 2026])('with another seed (%i) and at 1,000 people: never a wrong link', (seed) => {
    for (const size of [400, 1000]) {
      const { users, contacts, truth } = generateLabelledPeople(size, seed);
      const wrong = suggestLinks(users, contacts, {}, OWN_TRUST).suggestions
        .filter((s) => s.unambiguous && truth.get(s.user.id) !== s.contact.account_id);
      expect(wrong.map((s) => `${s.user.name} -> ${s.contact.name}`)).toEqual([]);
    }
  });
});
