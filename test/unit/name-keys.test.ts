import { describe, expect, it } from 'vitest';
import { departmentKey, exactKey, stripDecorations, swappedKey, variantKey } from '../../src/linking/normalize.js';
import { foldRomaji, isKanjiName, nameParts, phoneticKey, phoneticKeys } from '../../src/linking/reading.js';

describe('decorations', () => {
  it('keeps a name that is only an honorific or only a note, never an empty key', () => {
    expect(stripDecorations('様')).toBe('様');
    expect(stripDecorations('（営業）')).toBe('（営業）'.normalize('NFKC'));
    expect(stripDecorations('  さん ')).toBe('さん');
    expect(exactKey('様')).toBe('様');
  });

  it('drops emoji with their selectors and joiners, flags and skin tones', () => {
    expect(stripDecorations('山田 太郎 👨‍👩‍👧')).toBe('山田 太郎');
    expect(stripDecorations('Taro 🇯🇵')).toBe('Taro');
    expect(stripDecorations('花子👍🏽')).toBe('花子');
    expect(stripDecorations('雪☃️')).toBe('雪');
  });

  it('drops a suffix after @, /, | or ｜, and an honorific after a space or hyphen', () => {
    expect(stripDecorations('田中 舞 | 本社')).toBe('田中 舞');
    expect(stripDecorations('田中 舞｜本社')).toBe('田中 舞');
    expect(stripDecorations('Mai/Sales')).toBe('Mai');
    expect(stripDecorations('Yamada san')).toBe('Yamada');
    expect(stripDecorations('Kusan')).toBe('Kusan');
    for (const h of ['さん', '様', 'さま', 'くん', '君']) expect(stripDecorations(`鈴木${h}`)).toBe('鈴木');
    expect(stripDecorations('<HR> 佐藤')).toBe('佐藤');
    expect(stripDecorations('「旧姓」佐藤『メモ』')).toBe('佐藤');
    expect(stripDecorations('〔在宅〕佐藤')).toBe('佐藤');
  });

  it('folds spaces of every kind, middle dots and periods, case and katakana', () => {
    expect(exactKey('J. Smith')).toBe('jsmith');
    expect(exactKey('ジョン・スミス')).toBe('じょんすみす');
    expect(exactKey('ヴァ')).toBe('ゔぁ');
    expect(exactKey('ヵヶ')).toBe('ゕゖ');
    expect(exactKey('a\u200bb\u00a0c')).toBe('abc');
    expect(variantKey('髙橋')).toBe('高橋');
    expect(variantKey('渡邉 萬')).toBe('渡辺万');
  });

  it('swaps only two-part romaji names, apostrophes and hyphens allowed', () => {
    expect(swappedKey("O'Brien Ken")).toBe(exactKey("KenO'Brien"));
    expect(swappedKey('Anne-Marie, Sato')).toBe(exactKey('SatoAnne-Marie'));
    expect(swappedKey('Kenji')).toBeUndefined();
    expect(swappedKey('Kenji Mori Jr')).toBeUndefined();
    expect(swappedKey('Kenji 森')).toBeUndefined();
  });

  it('folds a department to compare: width, spaces and case', () => {
    expect(departmentKey('Ｓａｌｅｓ　Dept')).toBe('salesdept');
    expect(departmentKey(undefined)).toBe('');
  });
});

describe('readings', () => {
  it('folds romaji spellings', () => {
    const pairs: [string, string][] = [
      ['matcha', 'maccha'], ['Homma', 'Honma'], ['Namba', 'Nanba'], ['Shinichi', 'Sinití'], ['chiaki', 'tiaki'], ['Tsutomu', 'tutomu'],
      ['Fujita', 'huzita'], ['Jun', 'zyun'], ['Shun', 'syun'], ['Chou', 'tyo'], ['Ohno', 'Ono'], ['Satoh', 'Sato'], ['Yuuki', 'Yuki'], ['wo', 'o'],
    ];
    for (const [a, b] of pairs) expect(foldRomaji(a), `${a} / ${b}`).toBe(foldRomaji(b));
    expect(foldRomaji('ohe')).not.toBe(foldRomaji('oe'));
    expect(foldRomaji('Kōno-San 2')).toBe('konosan');
  });

  it('gives a key for kana and Latin parts, none for kanji or nothing', () => {
    expect(phoneticKey('やまだ')).toBe('yamada');
    expect(phoneticKey('ヤマダ')).toBe('yamada');
    expect(phoneticKey('Yamada')).toBe('yamada');
    expect(phoneticKey("O'Brien")).toBe('obrien');
    expect(phoneticKey('山田')).toBeUndefined();
    expect(phoneticKey(' ・ ')).toBeUndefined();
    expect(phoneticKey('やまだ')).toBe('yamada'); // from the cache
  });

  it('splits a name into family and given name, or where the script changes', () => {
    expect(nameParts('山田 太郎')).toEqual(['山田', '太郎']);
    expect(nameParts('山田、太郎')).toEqual(['山田', '太郎']);
    expect(nameParts('ジョン・スミス')).toEqual(['ジョン', 'スミス']);
    expect(nameParts('山口だいき')).toEqual(['山口', 'だいき']);
    expect(nameParts('佐々木だいき')).toEqual(['佐々木', 'だいき']);
    expect(nameParts('山田太郎')).toEqual(['山田太郎']);
    expect(nameParts('やまだたろう')).toEqual(['やまだたろう']);
  });

  it('a kanji name is kanji only (々 allowed)', () => {
    expect(isKanjiName('佐々木 一郎')).toBe(true);
    expect(isKanjiName('山口 だいき')).toBe(false);
    expect(isKanjiName('様')).toBe(true);
    expect(isKanjiName('  ')).toBe(false);
  });

  it('keys a name by each part written or read, written evidence winning', () => {
    const keys = phoneticKeys('山田 太郎', 'やまだ たろう');
    expect(keys.get('山田太郎')).toBe('written');
    expect(keys.get('yamadataro')).toBe('reading');
    expect(keys.get('山田taro')).toBe('reading');
    expect(keys.get('taroyamada')).toBe('reading'); // all-reading keys in the other order too
    expect(keys.has('太郎山田')).toBe(false);
    expect(keys.has('taro山田')).toBe(false);
    // A reading in more parts than the written name: the whole reading, both orders.
    const joined = phoneticKeys('山田太郎', 'やまだ たろう');
    expect(joined.get('yamadataro')).toBe('reading');
    expect(joined.get('taroyamada')).toBe('reading');
    expect(phoneticKeys('Kenji Mori').get('kenjimori')).toBe('written');
    expect(phoneticKeys('Kenji Mori').get('morikenzi')).toBe('reading');
    expect(phoneticKeys('Kenji Mori').get('kenzimori')).toBe('reading');
  });
});
