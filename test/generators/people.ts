// Imports of this folder name their .ts file: `npm run bench` runs these generators under Node directly.
import type { Contact } from '../../src/chatwork/types.js';
import type { HiManagerUser } from '../../src/domain.js';
import { GIVEN, halfWidth, katakana, ROMAJI_STYLES, romanize, SURNAMES } from './name-readings.ts';
import { seededRandom } from './random.ts';

const DEPARTMENTS = ['営業部', '開発部', '人事部', '経理部', '総務部', 'マーケティング部', '海外事業部', 'カスタマーサクセス部'];
const FOREIGN: [string, string][] = [['John', 'Smith'], ['Maria', 'Garcia'], ['Wei', 'Chen'], ['Anna', 'Müller'], ['David', 'Lee'],
  ['Sarah', 'Brown'], ['Minh', 'Nguyen'], ['Priya', 'Patel'], ['Lucas', 'Martin'], ['Emma', 'Wilson']];
const KATAKANA: Record<string, string> = { John: 'ジョン', Smith: 'スミス', Maria: 'マリア', Garcia: 'ガルシア', David: 'デイビッド', Lee: 'リー' };
const HALF_WIDTH: Record<string, string> = { 'ジョン': 'ｼﾞｮﾝ', 'スミス': 'ｽﾐｽ', 'マリア': 'ﾏﾘｱ', 'ガルシア': 'ｶﾞﾙｼｱ', 'デイビッド': 'ﾃﾞｲﾋﾞｯﾄﾞ', 'リー': 'ﾘｰ' };
const DECORATIONS = ['（{dept}）', '【在宅】', '[出張中]', '＠本社', '@大阪', ' 🌸', ' / {dept}', 'さん', ' 様', '(東京)'];

export const OWN_ORGANIZATION = '株式会社サンプル商事';
/** The trust of the notification account of this set: its own organisation is id 1 (outsiders are 2). */
export const OWN_TRUST = { own: 1, trusted: [] as number[] };

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
  const people: { family: (typeof SURNAMES)[number]; given: [string, string] }[] = [];
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
    let family = SURNAMES[0]!;
    let given = GIVEN[0]!;
    let name: string;
    let foreignName: [string, string] | undefined;
    if (foreign) {
      // Given and family names combined so that foreign names do not repeat every ten people.
      const k = Math.floor(i / 25);
      const [g, f] = [FOREIGN[k % FOREIGN.length]![0], FOREIGN[(k + Math.floor(k / FOREIGN.length)) % FOREIGN.length]![1]];
      foreignName = [f, g];
      name = KATAKANA[f] && random() < 0.5 ? `${KATAKANA[f]} ${KATAKANA[g]}` : `${f} ${g}`;
    } else if (namesake) {
      const twin = people[Math.floor(random() * people.length)]!;
      [family, given] = [twin.family, twin.given];
      name = `${family.forms[0]} ${given[0]}`;
    } else {
      // Unique names while there are some left; past that, namesakes, as in any large company.
      let tries = 0;
      do {
        family = pick(SURNAMES);
        given = pick(GIVEN);
        name = `${family.forms[0]} ${given[0]}`;
      } while (used.has(name) && ++tries < 30);
    }
    used.add(name);
    if (!foreign) people.push({ family, given });
    const user: HiManagerUser = { id, name, email: `${id.toLowerCase()}@sample.co.jp`, department };
    // HR directories carry a フリガナ column, in katakana; a few rows leave it blank.
    if (!foreign && random() < 0.99) user.reading = `${katakana(family.reading)} ${katakana(given[1])}`;
    users.push(user);

    const roll = random();
    if (roll < 0.08) continue; // not a contact of the notification account
    const shown = foreignName ? foreignShown(foreignName, name, random) : japaneseShown(family, given, department, random, pick);
    const c = contact(shown, random() < 0.3 ? '' : department);
    contacts.push(c);
    truth.set(id, c.account_id);
  }
  // Outsiders: other companies' people, some with the very name of an employee.
  for (let i = 0; i < Math.ceil(count / 16); i++) {
    const name = i % 2 === 0 ? users[Math.floor(random() * users.length)]!.name : `${pick(SURNAMES).forms[0]} ${pick(GIVEN)[0]}`;
    contacts.push(contact(name.replace(' ', random() < 0.5 ? '' : ' '), '', pick(['株式会社取引先', '外部パートナー合同会社', '協力会社株式会社'])));
  }
  // Chatwork lists contacts in its own order, not the directory's.
  for (let i = contacts.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [contacts[i], contacts[j]] = [contacts[j]!, contacts[i]!];
  }
  return { users, contacts, truth };
}

/**
 * `count` contacts of the notification account, with the mess real names have, for a sandbox
 * started with `contacts:` (scale, fault and concurrency tests, the bench). Always seed 7: the
 * same people on every run.
 */
export function generatedContacts(count: number): Contact[] {
  return generateLabelledPeople(count, 7).contacts;
}

type Random = () => number;

function foreignShown([f, g]: [string, string], name: string, random: Random): string {
  if (name.includes(' ') && KATAKANA[f] && name.startsWith(KATAKANA[f]!)) {
    return random() < 0.6 ? `${HALF_WIDTH[KATAKANA[f]!] ?? KATAKANA[f]} ${HALF_WIDTH[KATAKANA[g]!] ?? KATAKANA[g]}` : `${KATAKANA[f]}${KATAKANA[g]}`;
  }
  return random() < 0.5 ? `${g} ${f}` : `${f.toUpperCase()}　${g}`.replace(/[A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

/**
 * A Japanese employee's Chatwork display name: mostly kanji with spacing and variant
 * kanji, else romaji in any order and convention, kana, kanji surname with a kana given
 * name, decorations; and a few that no rule can match (a nickname, the given name only).
 */
function japaneseShown(family: (typeof SURNAMES)[number], given: [string, string], department: string, random: Random, pick: <T>(items: readonly T[]) => T): string {
  const surname = family.forms.length > 1 && random() < 0.6 ? pick(family.forms.slice(1)) : family.forms[0];
  const space = () => pick([' ', '', '　']);
  const decorate = (text: string) => `${text}${pick(DECORATIONS).replace('{dept}', department)}`;
  const style = random();
  if (style < 0.5) return `${surname}${space()}${given[0]}`;
  if (style < 0.58) return decorate(`${surname}${space()}${given[0]}`);
  if (style < 0.74) {
    const r = pick(ROMAJI_STYLES);
    const [fam, giv] = [romanize(family.reading, r), romanize(given[1], r)];
    const order = random();
    const text = order < 0.4 ? `${giv} ${fam}` : order < 0.7 ? `${fam.toUpperCase()} ${giv}` : order < 0.85 ? `${fam}, ${giv}` : `${fam} ${giv}`;
    return random() < 0.15 ? decorate(text) : text;
  }
  if (style < 0.84) {
    const form = random();
    const write = form < 0.4 ? (k: string) => k : form < 0.8 ? katakana : halfWidth;
    return `${write(family.reading)}${form < 0.6 ? ' ' : ''}${write(given[1])}`;
  }
  if (style < 0.89) return `${surname}${space()}${given[1]}`;
  if (style < 0.895) return random() < 0.5 ? given[1] : romanize(given[1], 'ime');
  return `${surname}${space()}${given[0]}`;
}
