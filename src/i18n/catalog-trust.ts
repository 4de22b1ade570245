/** Messages of one area; catalog.ts spreads them into the one catalog. Trust by organisation id: `contacts trust-org`, and why a candidate is left for a person. */
export const trustCatalog = {
  // contacts trust-org
  'help.contacts.trustOrg': { en: 'list, add or remove the Chatwork organisations whose people may be approved and linked automatically', ja: '自動で承認・紐付けしてよいChatworkの組織を一覧表示・追加・削除する' },
  'help.arg.organizationId': { en: 'a Chatwork organisation id (organization_id: a positive integer)', ja: 'Chatworkの組織ID（正の整数）' },
  'help.opt.trustOrgRemove': { en: 'remove this organisation from the trusted list', ja: '指定した組織を信頼する組織から削除する' },
  'help.examples.contacts.trust-org': { en: 'contacts trust-org\ncontacts trust-org 12345\ncontacts trust-org --remove 12345', ja: 'contacts trust-org\ncontacts trust-org 12345\ncontacts trust-org --remove 12345' },
  'trustOrg.badId': { en: 'organization_id "{value}" is not a Chatwork organisation id: give a positive integer (see `organizationId` in: himanager-chatwork contacts requests --json)', ja: '組織ID「{value}」は正しくありません。正の整数を指定してください（`contacts requests --json`の`organizationId`で確認できます）' },
  'trustOrg.needId': { en: '--remove needs the organisation id to remove: himanager-chatwork contacts trust-org --remove <organization_id>', ja: '--removeには削除する組織IDを指定してください: himanager-chatwork contacts trust-org --remove <organization_id>' },
  'trustOrg.notListed': { en: 'organisation {id} is not in the trusted list; nothing was changed (see the list with: himanager-chatwork contacts trust-org)', ja: '組織ID {id}は信頼する組織に含まれていないため、何も変更していません（一覧は次のコマンドで確認できます: himanager-chatwork contacts trust-org）' },
  'trustOrg.added': { en: 'Organisation {id} is now trusted: its people are approved and linked automatically when their name matches one user unambiguously.', ja: '組織ID {id}を信頼する組織に追加しました。この組織の人は、氏名がユーザー1人に確実に一致すれば自動で承認・紐付けされます。' },
  'trustOrg.already': { en: 'Organisation {id} is already trusted; nothing was changed.', ja: '組織ID {id}はすでに信頼する組織に含まれています。何も変更していません。' },
  'trustOrg.removed': { en: 'Organisation {id} is no longer trusted.', ja: '組織ID {id}を信頼する組織から削除しました。' },
  'trustOrg.none': { en: "No organisation is trusted besides the notification account's own. Add one (for a company spread over several Chatwork organisations) with: himanager-chatwork contacts trust-org <organization_id>", ja: '連携アカウント自身の組織のほかに、信頼する組織はありません。会社が複数のChatwork組織に分かれている場合は、次のコマンドで追加してください: himanager-chatwork contacts trust-org <organization_id>' },
  'trustOrg.listTitle': { en: "Trusted besides the notification account's own organisation ({count}):", ja: '連携アカウント自身の組織のほかに信頼する組織（{count}件）:' },

  // Why a request or a link candidate is left for a person
  'requests.why.otherOrganization': { en: 'another organisation ({org}, organisation id {id}): never approved automatically', ja: '別の組織（{org}、組織ID {id}）のため自動では承認しません' },
  'requests.why.noOrganization': { en: 'no organisation on Chatwork: never approved automatically, whatever the name', ja: 'Chatworkの組織が未設定のため、氏名にかかわらず自動では承認しません' },
  'requests.why.ownOrganizationUnknown': { en: "Chatwork gives no organisation id for the notification account, so nobody can be told from an outsider: approve by hand", ja: '連携アカウントの組織IDをChatworkから取得できず、組織外の人と区別できないため、手動で承認してください' },
  'trust.noName': { en: 'no name', ja: '組織名なし' },
  'trust.whyColumn': { en: 'NOT AUTOMATIC BECAUSE', ja: '自動にしない理由' },
  'trust.link.otherOrganization': { en: 'another organisation ({org}, organisation id {id})', ja: '別の組織（{org}、組織ID {id}）' },
  'trust.link.noOrganization': { en: 'no organisation on Chatwork', ja: 'Chatworkの組織が未設定' },
  'trust.link.ownOrganizationUnknown': { en: "the notification account's organisation is unknown", ja: '連携アカウントの組織が不明' },
  'trust.link.ambiguous': { en: 'more than one candidate', ja: '候補が複数' },
  'trust.link.none': { en: 'no matching user', ja: '該当ユーザーなし' },
  'trust.ownUnknown': { en: 'Chatwork gives no organisation id for the notification account: nothing is approved or linked automatically. Approve and link by hand, or log in with an account of the company\'s Chatwork organisation.', ja: '連携アカウントの組織IDをChatworkから取得できないため、自動では何も承認・紐付けしません。手動で承認・紐付けするか、会社のChatwork組織に所属するアカウントで連携し直してください。' },

  // doctor
  'doctor.trust.ok': { en: "automatic approval and linking trust organisation {own} (the notification account's, as Chatwork gives it now) and the trusted list: {trusted}", ja: '自動で承認・紐付けする対象は、連携アカウントの組織（組織ID {own}、Chatworkから取得）と信頼する組織（{trusted}）の人です' },
  'doctor.trust.noOthers': { en: 'none', ja: 'なし' },
  'doctor.trust.ownUnknown': { en: 'Chatwork gives no organisation id for the notification account: nothing is approved or linked automatically (trusted list: {trusted})', ja: '連携アカウントの組織IDをChatworkから取得できないため、自動では何も承認・紐付けしません（信頼する組織: {trusted}）' },
  'doctor.fix.ownUnknown': { en: "approve and link by hand (contacts approve <id> --user <user>), or log in with an account of the company's Chatwork organisation: himanager-chatwork auth login", ja: '手動で承認・紐付けするか（contacts approve <id> --user <user>）、次のコマンドで会社のChatwork組織に所属するアカウントと連携し直してください: himanager-chatwork auth login' },
  'doctor.trust.requestsLeft': { en: '{count} waiting contact request(s) are not approved automatically: {reasons}', ja: '承認待ちのコンタクト追加リクエストのうち{count}件は自動では承認しません: {reasons}' },
  'doctor.trust.linksLeft': { en: '{count} possible link(s) for unlinked users are not made automatically: {reasons}', ja: '未紐付けのユーザーの紐付け候補のうち{count}件は自動では紐付けません: {reasons}' },
  'doctor.fix.review': { en: 'review them: himanager-chatwork contacts requests, himanager-chatwork link --auto --dry-run', ja: '次のコマンドで内容を確認してください: himanager-chatwork contacts requests、himanager-chatwork link --auto --dry-run' },
  'doctor.trust.reason.otherOrganization': { en: 'another organisation {count}', ja: '別の組織{count}件' },
  'doctor.trust.reason.noOrganization': { en: 'no organisation {count}', ja: '組織が未設定{count}件' },
  'doctor.trust.reason.ownOrganizationUnknown': { en: "notification account's organisation unknown {count}", ja: '連携アカウントの組織が不明{count}件' },
  'doctor.trust.reason.ambiguous': { en: 'ambiguous {count}', ja: '候補が複数{count}件' },
  'doctor.trust.reason.none': { en: 'no matching user {count}', ja: '該当ユーザーなし{count}件' },
} as const satisfies Record<string, { en: string; ja: string }>;
