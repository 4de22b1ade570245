/**
 * OAuth scopes as Chatwork documents them, the emulator's own copy (the product keeps its own in
 * src/chatwork/scopes.ts): which scopes the authorization endpoint knows, what an umbrella scope
 * grants, and the labels Chatwork's consent screen shows.
 */

/** What each umbrella scope includes: a token is checked against the scope an endpoint needs. */
const SCOPE_IMPLIES: Record<string, string[]> = {
  'users.all:read': ['users.profile.me:read', 'users.status.me:read', 'users.tasks.me:read'],
  'rooms.all:read_write': ['rooms.all:read', 'rooms.all:write'],
  'rooms.all:read': ['rooms.info:read', 'rooms.members:read', 'rooms.messages:read', 'rooms.tasks:read', 'rooms.files:read'],
  'rooms.all:write': ['rooms:write', 'rooms.info:write', 'rooms.members:write', 'rooms.messages:write', 'rooms.tasks:write'],
  'contacts.all:read_write': ['contacts.all:read', 'contacts.all:write'],
};

/** The consent screen's wording of the scopes an integration such as HiManager asks for. */
export const CONSENT_LABELS: ReadonlyMap<string, string> = new Map([
  ['offline_access', '永続的なAPIアクセスの許可'],
  ['users.all:read', '自分のアカウントに紐づく情報の取得'],
  ['rooms.all:read_write', 'チャットルームに紐づくメッセージ・タスク・ファイル・概要・メンバー情報の操作/取得'],
  ['contacts.all:read_write', '自分のコンタクト、及びコンタクト承認依頼情報の取得/操作'],
]);

/** The scopes the demo client is registered with, and a minted token's default: the four of HiManager's guide. */
export const DEFAULT_SCOPES: string[] = ['offline_access', 'users.all:read', 'rooms.all:read_write', 'contacts.all:read_write'];

export function expandScopes(granted: Iterable<string>): Set<string> {
  const result = new Set<string>();
  const add = (scope: string) => {
    if (result.has(scope)) return;
    result.add(scope);
    for (const implied of SCOPE_IMPLIES[scope] ?? []) add(implied);
  };
  for (const scope of granted) add(scope);
  return result;
}

/** Any other scope is refused at the authorization endpoint (error 5002). */
export const KNOWN_SCOPES: ReadonlySet<string> = expandScopes(['offline_access', ...Object.keys(SCOPE_IMPLIES)]);
