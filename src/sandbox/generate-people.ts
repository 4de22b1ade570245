import type { Contact } from '../chatwork/types.js';
import type { HiManagerUser } from '../domain.js';
import { seededRandom } from './http.js';

/** Surnames with the variant forms people really use on Chatwork. */
const SURNAMES: [string, ...string[]][] = [
  ['佐藤'], ['鈴木'], ['高橋', '髙橋'], ['田中'], ['伊藤'], ['渡辺', '渡邊', '渡邉'], ['山本'], ['中村'], ['小林'], ['加藤'],
  ['吉田', '𠮷田'], ['山田'], ['佐々木'], ['山口'], ['松本'], ['井上'], ['木村'], ['林'], ['斎藤', '齋藤', '齊藤'], ['清水'],
  ['山崎', '山﨑', '山嵜'], ['森'], ['池田'], ['橋本'], ['阿部'], ['石川'], ['山下'], ['中島', '中嶋'], ['石井'], ['小川'],
  ['前田'], ['岡田'], ['長谷川'], ['藤田'], ['後藤'], ['近藤'], ['村上'], ['遠藤'], ['青木'], ['坂本'], ['福田'], ['太田'],
  ['西村'], ['藤井'], ['金子'], ['岡本'], ['藤原'], ['中野'], ['三浦'], ['原田'], ['宮崎', '宮﨑'], ['高木', '髙木'],
  ['島田', '嶋田'], ['高田', '髙田'], ['岩崎', '岩﨑'], ['桜井', '櫻井'], ['浜田', '濱田'], ['広瀬', '廣瀬'], ['沢田', '澤田'], ['国分', '國分'],
];
const GIVEN = ['太郎', '花子', '一郎', '美咲', '健', '陽菜', '翔', '結衣', '大輔', '彩', '拓海', '葵', '蓮', 'さくら', '悠斗', '凛',
  '誠', '恵', '直樹', '真由美', '翼', '奈々', '亮', '由美', '優斗', '愛', '和也', '千尋', '隆', '舞', '剛', '瞳', '修', '香織', '聡', '遥'];
const READINGS: Record<string, string> = { '太郎': 'たろう', '一郎': 'いちろう', '健': 'けん', '翔': 'しょう', '誠': 'まこと', '翼': 'つばさ' };
const DEPARTMENTS = ['営業部', '開発部', '人事部', '経理部', '総務部', 'マーケティング部', '海外事業部', 'カスタマーサクセス部'];
const FOREIGN: [string, string][] = [['John', 'Smith'], ['Maria', 'Garcia'], ['Wei', 'Chen'], ['Anna', 'Müller'], ['David', 'Lee'],
  ['Sarah', 'Brown'], ['Minh', 'Nguyen'], ['Priya', 'Patel'], ['Lucas', 'Martin'], ['Emma', 'Wilson']];
const KATAKANA: Record<string, string> = { John: 'ジョン', Smith: 'スミス', Maria: 'マリア', Garcia: 'ガルシア', David: 'デイビッド', Lee: 'リー' };
const HALF_WIDTH: Record<string, string> = { 'ジョン': 'ｼﾞｮﾝ', 'スミス': 'ｽﾐｽ', 'マリア': 'ﾏﾘｱ', 'ガルシア': 'ｶﾞﾙｼｱ', 'デイビッド': 'ﾃﾞｲﾋﾞｯﾄﾞ', 'リー': 'ﾘｰ' };

export const OWN_ORGANIZATION = '株式会社サンプル商事';

export interface LabelledPeople {
  users: HiManagerUser[];
  contacts: Contact[];
  /** The truth: HiManager user id → the account id of the same person, where they are a contact. */
  truth: Map<string, number>;
}

/**
 * A labelled population with the mess real data has, reproducible from its seed:
 * spacing and width, variant kanji, romaji in either order, half-width kana,
 * decorations such as （営業）, namesakes in different departments, people who are
 * not contacts, outsiders who share an employee's name, and hiragana readings that
 * no rule can match.
 */
export function generateLabelledPeople(count: number, seed = 42): LabelledPeople {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const users: HiManagerUser[] = [];
  const contacts: Contact[] = [];
  const truth = new Map<string, number>();
  const used = new Set<string>();
  let nextAccount = 5_000_001;
  let nextRoom = 900_000_001;
  const contact = (name: string, department: string, organization = OWN_ORGANIZATION): Contact => ({
    account_id: nextAccount++, room_id: nextRoom++, name, chatwork_id: `cw_${nextAccount}`, organization_id: organization === OWN_ORGANIZATION ? 1 : 2,
    organization_name: organization, department,
  });

  for (let i = 0; i < count; i++) {
    const id = `U${String(i + 1).padStart(6, '0')}`;
    const department = pick(DEPARTMENTS);
    const foreign = i % 25 === 7;
    // Every 40th person shares a name with someone already in the directory: a namesake.
    const namesake = i % 40 === 39 && users.length > 0;
    let family: string[];
    let given: string;
    let name: string;
    if (foreign) {
      const [g, f] = FOREIGN[Math.floor(i / 25) % FOREIGN.length]!;
      family = [f];
      given = g;
      name = KATAKANA[f] && random() < 0.5 ? `${KATAKANA[f]} ${KATAKANA[g]}` : `${f} ${g}`;
    } else if (namesake) {
      const twin = users[Math.floor(random() * users.length)]!;
      name = twin.name;
      family = SURNAMES.find((s) => name.startsWith(s[0])) ?? [name.split(' ')[0]!];
      given = name.split(' ')[1] ?? '';
    } else {
      // Unique names while there are some left; past that, namesakes, as in any large company.
      let tries = 0;
      do {
        family = pick(SURNAMES);
        given = pick(GIVEN);
        name = `${family[0]} ${given}`;
      } while (used.has(name) && ++tries < 30);
    }
    used.add(name);
    users.push({ id, name, email: `${id.toLowerCase()}@sample.co.jp`, department });

    const roll = random();
    if (roll < 0.08) continue; // not a contact of the notification account
    let shown: string;
    if (foreign) {
      const [f, g] = [family[0]!, given];
      if (name.includes(' ') && KATAKANA[f] && name.startsWith(KATAKANA[f]!)) {
        shown = random() < 0.6 ? `${HALF_WIDTH[KATAKANA[f]!] ?? KATAKANA[f]} ${HALF_WIDTH[KATAKANA[g]!] ?? KATAKANA[g]}` : `${KATAKANA[f]}${KATAKANA[g]}`;
      } else {
        shown = random() < 0.5 ? `${g} ${f}` : `${f.toUpperCase()}　${g}`.normalize('NFKC').replace(/[A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
      }
    } else {
      const surname = family.length > 1 && random() < 0.6 ? pick(family.slice(1)) : family[0]!;
      const spacing = random();
      shown = spacing < 0.35 ? `${surname} ${given}` : spacing < 0.65 ? `${surname}${given}` : `${surname}　${given}`;
      if (roll > 0.95) shown = `${shown}（${department.replace(/部$/, '')}）`;
      if (roll > 0.9 && roll <= 0.93 && READINGS[given]) shown = `${surname} ${READINGS[given]}`;
    }
    const c = contact(shown, random() < 0.3 ? '' : department);
    contacts.push(c);
    truth.set(id, c.account_id);
  }
  // Outsiders: other companies' people, some with the very name of an employee.
  for (let i = 0; i < Math.ceil(count / 16); i++) {
    const name = i % 2 === 0 ? users[Math.floor(random() * users.length)]!.name : `${pick(SURNAMES)[0]} ${pick(GIVEN)}`;
    contacts.push(contact(name.replace(' ', random() < 0.5 ? '' : ' '), '', pick(['株式会社取引先', '外部パートナー合同会社', '協力会社株式会社'])));
  }
  // Chatwork lists contacts in its own order, not the directory's.
  for (let i = contacts.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [contacts[i], contacts[j]] = [contacts[j]!, contacts[i]!];
  }
  return { users, contacts, truth };
}
