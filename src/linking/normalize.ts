/**
 * Variant kanji found in Japanese surnames and given names, mapped to the common
 * form. NFKC leaves these alone (髙 U+9AD9 and 﨑 U+FA11 are not compatibility
 * decompositions), so they need a table. Used only to build match keys: a person's
 * name is never rewritten.
 */
const VARIANTS: Record<string, string> = {
  '髙': '高', '﨑': '崎', '嵜': '崎', '碕': '崎', '邊': '辺', '邉': '辺', '齋': '斎', '齊': '斎', '斉': '斎',
  '澤': '沢', '濱': '浜', '濵': '浜', '廣': '広', '櫻': '桜', '國': '国', '嶋': '島', '嶌': '島', '德': '徳',
  '栁': '柳', '槗': '橋', '𠮷': '吉', '惠': '恵', '眞': '真', '冨': '富', '藏': '蔵', '條': '条', '瀨': '瀬',
  '龍': '竜', '籠': '篭', '壽': '寿', '實': '実', '兒': '児', '禮': '礼', '將': '将', '淸': '清', '戶': '戸', '舘': '館', '峯': '峰', '莊': '荘', '圓': '円', '萬': '万', '學': '学', '鄕': '郷', '亞': '亜', '惡': '悪', '曾': '曽', '絲': '糸', '靜': '静', '榮': '栄', '驛': '駅', '會': '会',
};
const VARIANT_PATTERN = new RegExp(`[${Object.keys(VARIANTS).join('')}]`, 'gu');

const SPACES = /[\s\u3000\u200b\u00a0・･.]+/gu;
/** Notes people put in display names: （営業部）, (東京), 【在宅】, [出張中], <HR>. */
const BRACKETED = /[（(［[【〔<＜「『][^）)］\]】〕>＞」』]*[）)］\]】〕>＞」』]/gu;
/** Emoji, their variation selectors and joiners: "山田 太郎 🌸". */
const EMOJI = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}\uFE0E\uFE0F\u200D\u20E3]/gu;
/** A location or status after @ or /: "田中 舞＠本社", "Mai Tanaka / Sales". */
const SUFFIX = /\s*[@/|｜].*$/u;
const HONORIFIC = /(さん|様|さま|くん|君|[\s-]san)$/iu;

/**
 * The name without what people add around it on Chatwork: bracketed notes, emoji, a
 * suffix after @ or /, an honorific. NFKC first, so ＠ and ／ are @ and /.
 */
export function stripDecorations(name: string): string {
  const bare = name.normalize('NFKC').replace(EMOJI, '').replace(BRACKETED, ' ').replace(SUFFIX, '').trim();
  const withoutHonorific = bare.replace(HONORIFIC, '').trim();
  // A name that is only an honorific ("様") or only a note stays as it was: never an empty key.
  return withoutHonorific || bare || name.normalize('NFKC').trim();
}

/** The key of the name as written: NFKC, decorations and every kind of space removed, case and kana folded. */
export function exactKey(name: string): string {
  const folded = stripDecorations(name).replace(SPACES, '').toLowerCase();
  // Katakana to hiragana: ジョン and じょん are the same reading.
  return folded.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

/** Also folds variant kanji: 髙橋 and 高橋 give the same key. */
export function variantKey(name: string): string {
  return exactKey(name).replace(VARIANT_PATTERN, (c) => VARIANTS[c] ?? c);
}

/** Latin names in either order: "Kenji Mori" and "Mori Kenji". Only for two-part romaji names. */
export function swappedKey(name: string): string | undefined {
  const parts = stripDecorations(name).split(/[\s\u3000,]+/).filter(Boolean);
  if (parts.length !== 2 || !parts.every((p) => /^[a-z'-]+$/i.test(p))) return undefined;
  return exactKey(`${parts[1]}${parts[0]}`);
}

export function departmentKey(department: string | undefined): string {
  return (department ?? '').normalize('NFKC').replace(SPACES, '').toLowerCase();
}
