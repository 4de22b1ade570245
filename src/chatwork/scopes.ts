/** The four scopes HiManager's setup guide asks for, with the labels Chatwork's consent screen shows. */
export const REQUIRED_SCOPES = [
  { scope: 'offline_access', ja: '永続的なAPIアクセスの許可', en: 'Permanent API access' },
  { scope: 'users.all:read', ja: '自分のアカウントに紐づく情報の取得', en: "Read your own account's information" },
  { scope: 'rooms.all:read_write', ja: 'チャットルームに紐づくメッセージ・タスク・ファイル・概要・メンバー情報の操作/取得', en: 'Read and write messages, tasks, files, descriptions and members of rooms' },
  { scope: 'contacts.all:read_write', ja: '自分のコンタクト、及びコンタクト承認依頼情報の取得/操作', en: 'Read and manage your contacts and contact requests' },
] as const;

export const REQUIRED_SCOPE_NAMES: string[] = REQUIRED_SCOPES.map((s) => s.scope);

/** What each umbrella scope includes, so a grant can be checked against what an endpoint needs. */
export const SCOPE_IMPLIES: Record<string, string[]> = {
  'users.all:read': ['users.profile.me:read', 'users.status.me:read', 'users.tasks.me:read'],
  'rooms.all:read_write': ['rooms.all:read', 'rooms.all:write'],
  'rooms.all:read': ['rooms.info:read', 'rooms.members:read', 'rooms.messages:read', 'rooms.tasks:read', 'rooms.files:read'],
  'rooms.all:write': ['rooms:write', 'rooms.info:write', 'rooms.members:write', 'rooms.messages:write', 'rooms.tasks:write'],
  'contacts.all:read_write': ['contacts.all:read', 'contacts.all:write'],
};

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

export const KNOWN_SCOPES = new Set(expandScopes([...REQUIRED_SCOPE_NAMES, 'users.all:read', 'rooms.all:read_write']));
