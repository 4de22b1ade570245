import { toKatakana, toRomaji } from 'wanakana';

/** Surnames with the variant forms people really use on Chatwork, and their reading. */
export const SURNAMES: { forms: [string, ...string[]]; reading: string }[] = ([
  [['佐藤'], 'さとう'], [['鈴木'], 'すずき'], [['高橋', '髙橋'], 'たかはし'], [['田中'], 'たなか'], [['伊藤'], 'いとう'],
  [['渡辺', '渡邊', '渡邉'], 'わたなべ'], [['山本'], 'やまもと'], [['中村'], 'なかむら'], [['小林'], 'こばやし'], [['加藤'], 'かとう'],
  [['吉田', '𠮷田'], 'よしだ'], [['山田'], 'やまだ'], [['佐々木'], 'ささき'], [['山口'], 'やまぐち'], [['松本'], 'まつもと'],
  [['井上'], 'いのうえ'], [['木村'], 'きむら'], [['林'], 'はやし'], [['斎藤', '齋藤', '齊藤'], 'さいとう'], [['清水'], 'しみず'],
  [['山崎', '山﨑', '山嵜'], 'やまざき'], [['森'], 'もり'], [['池田'], 'いけだ'], [['橋本'], 'はしもと'], [['阿部'], 'あべ'],
  [['石川'], 'いしかわ'], [['山下'], 'やました'], [['中島', '中嶋'], 'なかじま'], [['石井'], 'いしい'], [['小川'], 'おがわ'],
  [['前田'], 'まえだ'], [['岡田'], 'おかだ'], [['長谷川'], 'はせがわ'], [['藤田'], 'ふじた'], [['後藤'], 'ごとう'], [['近藤'], 'こんどう'],
  [['村上'], 'むらかみ'], [['遠藤'], 'えんどう'], [['青木'], 'あおき'], [['坂本'], 'さかもと'], [['福田'], 'ふくだ'], [['太田'], 'おおた'],
  [['西村'], 'にしむら'], [['藤井'], 'ふじい'], [['金子'], 'かねこ'], [['岡本'], 'おかもと'], [['藤原'], 'ふじわら'], [['中野'], 'なかの'],
  [['三浦'], 'みうら'], [['原田'], 'はらだ'], [['宮崎', '宮﨑'], 'みやざき'], [['高木', '髙木'], 'たかぎ'], [['島田', '嶋田'], 'しまだ'],
  [['高田', '髙田'], 'たかだ'], [['岩崎', '岩﨑'], 'いわさき'], [['桜井', '櫻井'], 'さくらい'], [['浜田', '濱田'], 'はまだ'],
  [['広瀬', '廣瀬'], 'ひろせ'], [['沢田', '澤田'], 'さわだ'], [['国分', '國分'], 'こくぶん'],
  // Read alike, written differently: only the written name tells them apart.
  [['佐東'], 'さとう'], [['伊東'], 'いとう'], [['大野'], 'おおの'], [['小野'], 'おの'], [['本間'], 'ほんま'], [['難波'], 'なんば'], [['大島'], 'おおしま'],
] as [[string, ...string[]], string][]).map(([forms, reading]) => ({ forms, reading }));

export const GIVEN: [string, string][] = [
  ['太郎', 'たろう'], ['花子', 'はなこ'], ['一郎', 'いちろう'], ['美咲', 'みさき'], ['健', 'けん'], ['陽菜', 'ひな'], ['翔', 'しょう'],
  ['結衣', 'ゆい'], ['大輔', 'だいすけ'], ['彩', 'あや'], ['拓海', 'たくみ'], ['葵', 'あおい'], ['蓮', 'れん'], ['さくら', 'さくら'],
  ['悠斗', 'ゆうと'], ['凛', 'りん'], ['誠', 'まこと'], ['恵', 'めぐみ'], ['直樹', 'なおき'], ['真由美', 'まゆみ'], ['翼', 'つばさ'],
  ['奈々', 'なな'], ['亮', 'りょう'], ['由美', 'ゆみ'], ['優斗', 'ゆうと'], ['愛', 'あい'], ['和也', 'かずや'], ['千尋', 'ちひろ'],
  ['隆', 'たかし'], ['舞', 'まい'], ['剛', 'つよし'], ['瞳', 'ひとみ'], ['修', 'おさむ'], ['香織', 'かおり'], ['聡', 'さとし'], ['遥', 'はるか'],
  ['大輝', 'だいき'], ['伸一', 'しんいち'], ['純一', 'じゅんいち'], ['俊介', 'しゅんすけ'], ['雄太', 'ゆうた'], ['祐介', 'ゆうすけ'],
];

export type RomajiStyle = 'ime' | 'hepburn' | 'passport' | 'macron' | 'kunrei';
export const ROMAJI_STYLES: RomajiStyle[] = ['ime', 'hepburn', 'passport', 'macron', 'kunrei'];

/** A reading as people type it in Latin letters, in each common convention. */
export function romanize(kana: string, style: RomajiStyle): string {
  const ime = toRomaji(kana).replace(/'/g, '');
  const word = style === 'ime' ? ime
    : style === 'hepburn' ? ime.replace(/ou|oo/g, 'o').replace(/uu/g, 'u').replace(/n(?=[bmp])/g, 'm')
      : style === 'passport' ? ime.replace(/o[ou](?![aeiou])/g, 'oh').replace(/uu/g, 'u').replace(/n(?=[bmp])/g, 'm')
        : style === 'macron' ? ime.replace(/ou|oo/g, 'ō').replace(/uu/g, 'ū')
          : ime.replace(/shi/g, 'si').replace(/sh/g, 'sy').replace(/chi/g, 'ti').replace(/ch/g, 'ty').replace(/tsu/g, 'tu').replace(/fu/g, 'hu').replace(/ji/g, 'zi').replace(/j/g, 'zy');
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export function katakana(kana: string): string {
  return toKatakana(kana);
}

/** Half-width katakana, as old systems and some phones still write it. */
export function halfWidth(kana: string): string {
  const table: Record<string, string> = {};
  const full = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンァィゥェォャュョッー';
  const half = 'ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝｧｨｩｪｫｬｭｮｯｰ';
  [...full].forEach((c, i) => { table[c] = half[i]!; });
  return [...toKatakana(kana).normalize('NFD')].map((c) => c === '\u3099' ? 'ﾞ' : c === '\u309a' ? 'ﾟ' : table[c] ?? c).join('');
}
