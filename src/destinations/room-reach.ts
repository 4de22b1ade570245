import { createTranslator } from '../i18n/translate.js';
import type { ChatworkApi } from '../chatwork/client/index.js';
import type { HiManagerUser, Link } from '../domain.js';

export interface Outsider { userId: string; name: string; accountId: number }

/**
 * The linked people a group chat does not reach: GET /rooms/{room_id}/members against the
 * links. Whether a [To:] to a non-member notifies anyone is not documented: they are treated
 * as unreachable.
 */
export async function outsidersOf(api: ChatworkApi, roomId: number, users: HiManagerUser[], links: Map<string, Link>): Promise<Outsider[]> {
  const members = new Set((await api.members(roomId)).map((m) => m.account_id));
  const names = new Map(users.map((u) => [u.id, u.name]));
  const outsiders: Outsider[] = [];
  for (const [userId, link] of links) {
    if (!names.has(userId) || members.has(link.accountId)) continue;
    outsiders.push({ userId, name: names.get(userId)!, accountId: link.accountId });
  }
  return outsiders.sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
}

/** "佐藤 花子 (E0001)、鈴木 翔 (E0012) ほか 3 人": the first few, for a line a person reads. */
export function sampleOf(outsiders: Outsider[], lang: 'ja' | 'en', max = 5): string {
  const t = createTranslator(lang);
  const shown = outsiders.slice(0, max).map((o) => `${o.name} (${o.userId})`).join(t('list.separator'));
  const more = outsiders.length - max;
  return more <= 0 ? shown : t('list.andMore', { shown, more });
}
