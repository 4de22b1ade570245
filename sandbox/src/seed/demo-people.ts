// The demo seed's people: the HiManager directory of demo/users.csv as Chatwork shows them, and who else is there.

/**
 * One person as each system knows them. HiManager's directory has the official name;
 * Chatwork shows whatever the person typed: with or without the space, full-width,
 * half-width kana, a variant kanji, romaji in either order.
 */
export interface DemoPerson {
  id: string;
  email: string;
  department: string;
  /** Name in the HiManager directory. */
  name: string;
  /** フリガナ in the directory. */
  reading: string;
  /** Chatwork display name; absent: this person is not a Chatwork contact. */
  chatworkName?: string;
  chatworkDepartment?: string;
  organization?: string;
  /** Has a Chatwork account, under this name, but is not a contact yet: can send a contact request. */
  accountName?: string;
}

/** The company of the demo: its employees' and the notification account's organisation on Chatwork. */
export const DEMO_ORGANIZATION = '株式会社サンプル商事';

export const DEMO_PEOPLE: DemoPerson[] = [
  { id: 'E0001', reading: 'ヤマダ タロウ', email: 'taro.yamada@sample.co.jp', department: '営業部', name: '山田 太郎', chatworkName: '山田太郎', chatworkDepartment: '営業部' },
  { id: 'E0002', reading: 'サトウ ハナコ', email: 'hanako.sato@sample.co.jp', department: '人事部', name: '佐藤 花子', chatworkName: '佐藤　花子', chatworkDepartment: '人事部' },
  { id: 'E0003', reading: 'タカハシ イチロウ', email: 'ichiro.takahashi@sample.co.jp', department: '開発部', name: '高橋 一郎', chatworkName: '髙橋 一郎', chatworkDepartment: '開発部' },
  { id: 'E0004', reading: 'ヤマザキ ジロウ', email: 'jiro.yamazaki@sample.co.jp', department: '開発部', name: '山崎 次郎', chatworkName: '山﨑次郎', chatworkDepartment: '開発部' },
  { id: 'E0005', reading: 'サトウ ミサキ', email: 'misaki.sato.sales@sample.co.jp', department: '営業部', name: '佐藤 美咲', chatworkName: '佐藤 美咲', chatworkDepartment: '営業部' },
  { id: 'E0006', reading: 'サトウ ミサキ', email: 'misaki.sato.dev@sample.co.jp', department: '開発部', name: '佐藤 美咲', chatworkName: '佐藤美咲', chatworkDepartment: '開発部' },
  { id: 'E0007', reading: 'モリ ケンジ', email: 'kenji.mori@sample.co.jp', department: '経理部', name: '森 健二', chatworkName: 'Kenji Mori', chatworkDepartment: '経理部' },
  { id: 'E0008', reading: 'イトウ ユキ', email: 'yuki.ito@sample.co.jp', department: '営業部', name: 'Ito Yuki', chatworkName: 'ＩＴＯ　Ｙｕｋｉ', chatworkDepartment: '営業部' },
  { id: 'E0009', reading: 'スミス ジョン', email: 'john.smith@sample.co.jp', department: '海外事業部', name: 'ジョン スミス', chatworkName: 'ｼﾞｮﾝ ｽﾐｽ', chatworkDepartment: '海外事業部' },
  { id: 'E0010', reading: 'ワタナベ マコト', email: 'makoto.watanabe@sample.co.jp', department: '総務部', name: '渡辺 誠', chatworkName: '渡邊 誠', chatworkDepartment: '総務部' },
  { id: 'E0011', reading: 'サイトウ アユミ', email: 'ayumi.saito@sample.co.jp', department: '人事部', name: '斎藤 あゆみ', chatworkName: '齋藤あゆみ', chatworkDepartment: '人事部' },
  { id: 'E0012', reading: 'スズキ ショウ', email: 'sho.suzuki@sample.co.jp', department: '開発部', name: '鈴木 翔', chatworkName: '鈴木 翔', chatworkDepartment: '開発部' },
  { id: 'E0013', reading: 'タナカ マイ', email: 'mai.tanaka@sample.co.jp', department: '営業部', name: '田中 舞', chatworkName: '田中 舞（営業）', chatworkDepartment: '営業部' },
  { id: 'E0014', reading: 'コバヤシ ダイスケ', email: 'daisuke.kobayashi@sample.co.jp', department: '経理部', name: '小林 大輔', chatworkName: '小林大輔', chatworkDepartment: '経理部' },
  { id: 'E0015', reading: 'カトウ ナナ', email: 'nana.kato@sample.co.jp', department: '総務部', name: '加藤 奈々', chatworkName: '加藤 奈々', chatworkDepartment: '総務部' },
  { id: 'E0016', reading: 'ヨシダ タクミ', email: 'takumi.yoshida@sample.co.jp', department: '開発部', name: '吉田 拓海', chatworkName: '吉田　拓海【在宅】', chatworkDepartment: '開発部' },
  { id: 'E0017', reading: 'ヤマグチ リン', email: 'rin.yamaguchi@sample.co.jp', department: 'マーケティング部', name: '山口 凛', chatworkName: '山口凛', chatworkDepartment: 'マーケティング部' },
  { id: 'E0018', reading: 'マツモト カズキ', email: 'kazuki.matsumoto@sample.co.jp', department: '営業部', name: '松本 一樹', chatworkName: 'Kazuki Matsumoto @本社', chatworkDepartment: '営業部' },
  { id: 'E0019', reading: 'イノウエ ユイ', email: 'yui.inoue@sample.co.jp', department: '人事部', name: '井上 結衣', chatworkName: '井上 結衣', chatworkDepartment: '人事部' },
  { id: 'E0020', reading: 'キムラ ハルト', email: 'haruto.kimura@sample.co.jp', department: '開発部', name: '木村 陽翔', chatworkName: 'きむら はると', chatworkDepartment: '開発部' },
  { id: 'E0021', reading: 'ハヤシ サクラ', email: 'sakura.hayashi@sample.co.jp', department: 'マーケティング部', name: '林 さくら', chatworkName: '林 さくら', chatworkDepartment: 'マーケティング部' },
  { id: 'E0022', reading: 'シミズ レン', email: 'ren.shimizu@sample.co.jp', department: '経理部', name: '清水 蓮', chatworkName: '清水蓮', chatworkDepartment: '経理部' },
  { id: 'E0023', reading: 'ヤマモト アオイ', email: 'aoi.yamamoto@sample.co.jp', department: '総務部', name: '山本 葵', chatworkName: '山本 葵', chatworkDepartment: '総務部' },
  { id: 'E0024', reading: 'ナカムラ ソウタ', email: 'sota.nakamura@sample.co.jp', department: '営業部', name: '中村 蒼太', chatworkName: 'NAKAMURA Souta', chatworkDepartment: '営業部' },
  { id: 'E0025', reading: 'オガワ ミオ', email: 'mio.ogawa@sample.co.jp', department: '開発部', name: '小川 澪', chatworkName: '小川 澪', chatworkDepartment: '開発部' },
  { id: 'E0026', reading: 'フジタ リク', email: 'riku.fujita@sample.co.jp', department: '海外事業部', name: '藤田 陸', chatworkName: 'Riku Fujita', chatworkDepartment: '海外事業部' },
  { id: 'E0027', reading: 'オカダ カナ', email: 'kana.okada@sample.co.jp', department: '人事部', name: '岡田 佳奈', accountName: 'Kana Okada' },
  { id: 'E0028', reading: 'ゴトウ シュン', email: 'shun.goto@sample.co.jp', department: '営業部', name: '後藤 駿', accountName: 'ごとう しゅん' },
  { id: 'E0029', reading: 'ハセガワ エミ', email: 'emi.hasegawa@sample.co.jp', department: '総務部', name: '長谷川 恵美', chatworkName: '長谷川 恵美', chatworkDepartment: '総務部' },
  { id: 'E0030', reading: 'イシイ ツバサ', email: 'tsubasa.ishii@sample.co.jp', department: '開発部', name: '石井 翼', chatworkName: '石井 翼', chatworkDepartment: '開発部' },
];

/** Contacts who are not employees: they must never be linked to anyone. */
export const DEMO_OUTSIDERS = [
  { name: '山田 太一', organization: '株式会社取引先', department: '購買部' },
  { name: '佐藤 健', organization: '外部パートナー合同会社', department: '' },
];

/**
 * Accounts that are nobody's contact, each able to send a contact request, to show that none is
 * ever approved or linked automatically: an outsider who shares an employee's name, and two
 * impostors named like the employees who are not contacts yet (E0027, E0028) — one with no
 * organisation at all, one who typed the company's name as their organisation under another
 * organisation id. Only the numeric organisation id tells them apart; names and typed
 * organisation names are whatever their owner chose.
 */
export const DEMO_STRANGERS = [
  { name: '後藤 駿', organization: '株式会社取引先', organizationId: 9_200, department: '営業部', chatworkId: 'partner_goto' },
  { name: '岡田 佳奈', organization: '', organizationId: 0, department: '人事部', chatworkId: 'impostor_okada' },
  { name: '後藤 駿', organization: DEMO_ORGANIZATION, organizationId: 9_666, department: '営業部', chatworkId: 'impostor_goto' },
];

export const DEMO_OPERATOR = {
  account_id: 1_000_001, name: 'HiManager通知', chatwork_id: 'himanager_notify',
  organization_id: 9_001, organization_name: DEMO_ORGANIZATION, department: '人事部',
};

/** The OAuth client the demo seed registers, as an admin would on Chatwork's screen. */
export const DEMO_CLIENT = {
  clientId: 'sandbox-demo-client',
  name: 'HiManager',
  redirectUris: ['https://127.0.0.1:8976/oauth2/chatwork/'],
};
