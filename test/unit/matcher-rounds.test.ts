import { describe, expect, it } from 'vitest';
import type { Contact } from '../../src/chatwork/types.js';
import type { HiManagerUser } from '../../src/domain.js';
import { suggestLinks } from '../../src/linking/matcher.js';
import { seededRandom } from '../generators/random.js';

const ORG = 'Example株式会社';
const TRUST = { own: 1, trusted: [] };
/** The id each organisation name stands for: the own one, another, and none. */
const ORG_ID: Record<string, number> = { [ORG]: 1, 'Other Inc.': 2, '': 0 };
const NAMES = ['山田 太郎', '山田太郎', '髙田 太郎', '高田 太郎', 'Taro Yamada', 'Yamada Taro', '山田 花子', 'Hanako Yamada'];
const READINGS = [undefined, 'やまだ たろう', 'たかだ たろう', 'やまだ はなこ'];
const DEPARTMENTS = ['', '営業部', '開発部', '総務部', '人事部', '経理部'];
const ORGS = [ORG, ORG, ORG, 'Other Inc.', ''];

const organisation = (name: string) => ({ organization_id: ORG_ID[name]!, organization_name: name });

describe('matcher: how many rounds of namesake resolution matter', () => {
  // Why: a pair found after the first round is one-to-one (a department pair's blocker has a
  // department of its own, so it could not leave first), and what freed it was a department
  // pair of the first round: new pairs come from the first two rounds; the third only takes the
  // second's pairs out of the pool. So the loop's later rounds and the final filter change nothing.
  it('three rounds give what five give, and the third matters: 3,000 populations of namesakes, departments and readings', { timeout: 60_000 }, () => {
    const next = seededRandom(2026);
    const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)]!;
    let thirdRoundMattered = 0;
    for (let n = 0; n < 3_000; n++) {
      const users: HiManagerUser[] = Array.from({ length: 3 + Math.floor(next() * 8) }, (_, i) => ({
        id: `E${i}`, name: pick(NAMES), email: `e${i}@x.jp`, department: pick(DEPARTMENTS) || undefined, reading: pick(READINGS),
      }));
      const contacts: Contact[] = Array.from({ length: 3 + Math.floor(next() * 8) }, (_, i) => ({
        account_id: i + 1, room_id: i + 1001, name: pick(NAMES), chatwork_id: `c${i}`, ...organisation(pick(ORGS)), department: pick(DEPARTMENTS),
      }));
      const three = suggestLinks(users, contacts, {}, TRUST, 3);
      if (JSON.stringify(suggestLinks(users, contacts, {}, TRUST, 2)) !== JSON.stringify(three)) thirdRoundMattered += 1;
      expect(suggestLinks(users, contacts, {}, TRUST), `population ${n}`).toEqual(three);
    }
    expect(thirdRoundMattered).toBeGreaterThan(0);
  });
});
