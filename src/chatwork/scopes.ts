/** The four scopes HiManager's setup guide asks for, with the labels Chatwork's consent screen shows. */
export const REQUIRED_SCOPES = [
  { scope: 'offline_access', ja: '永続的なAPIアクセスの許可', en: 'Permanent API access' },
  { scope: 'users.all:read', ja: '自分のアカウントに紐づく情報の取得', en: "Read your own account's information" },
  { scope: 'rooms.all:read_write', ja: 'チャットルームに紐づくメッセージ・タスク・ファイル・概要・メンバー情報の操作/取得', en: 'Read and write messages, tasks, files, descriptions and members of rooms' },
  { scope: 'contacts.all:read_write', ja: '自分のコンタクト、及びコンタクト承認依頼情報の取得/操作', en: 'Read and manage your contacts and contact requests' },
] as const;

export const REQUIRED_SCOPE_NAMES: string[] = REQUIRED_SCOPES.map((s) => s.scope);
