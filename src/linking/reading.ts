import { isKana, isKanji, toRomaji, tokenize } from 'wanakana';
import { stripDecorations, variantKey } from './normalize.js';

/**
 * The ways one Japanese name is spelled in Latin letters, folded to one spelling so
 * that Satō, Satou, Satoh and Sato, or Shin-ichi and Shinichi, give the same key.
 * Applied to both sides, so what it loses (大野/小野 both become "ono") it loses
 * evenly: those show up as namesakes, never as a wrong link.
 */
export function foldRomaji(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '')
    .replace(/tch/g, 'cch') // Hepburn matcha, IME maccha
    .replace(/m(?=[bmp])/g, 'n') // Homma / Honma, Namba / Nanba
    .replace(/shi/g, 'si').replace(/sh/g, 'sy').replace(/chi/g, 'ti').replace(/ch/g, 'ty')
    .replace(/tsu/g, 'tu').replace(/fu/g, 'hu').replace(/ji/g, 'zi').replace(/j/g, 'zy').replace(/wo/g, 'o')
    .replace(/oh(?![aeiouy])/g, 'o') // Satoh, Ohno; not the h of "ohe"
    .replace(/o[ou]+/g, 'o').replace(/uu+/g, 'u');
}

const phoneticCache = new Map<string, string | undefined>();

/** A part written in kana or Latin letters, as a folded romaji key; undefined for kanji. */
export function phoneticKey(part: string): string | undefined {
  // Names repeat (surnames, given names, readings): converting each spelling once keeps 10,000 people fast.
  if (phoneticCache.has(part)) return phoneticCache.get(part);
  const key = computePhoneticKey(part);
  phoneticCache.set(part, key);
  return key;
}

function computePhoneticKey(part: string): string | undefined {
  const compact = part.normalize('NFKC').replace(/[\s・･.'’-]/g, '');
  if (!compact) return undefined;
  if (isKana(compact)) return foldRomaji(toRomaji(compact)) || undefined;
  // Latin letters (accents, apostrophes and hyphens too): a romanised name.
  if (/^[a-z\u00c0-\u024f'’-]+$/i.test(compact)) return foldRomaji(compact) || undefined;
  return undefined;
}

/**
 * Family and given name, as written: split on spaces, commas and middle dots, or where
 * the script changes ("山口だいき"). One part when there is no telling.
 */
export function nameParts(name: string): string[] {
  const parts = stripDecorations(name).split(/[\s,、・･]+/u).filter(Boolean);
  if (parts.length !== 1) return parts;
  const tokens = tokenize(parts[0]!) as string[];
  if (tokens.length === 2 && tokens.some((t) => isKanji(t.replace(/々/g, ''))) && tokens.some((t) => isKana(t))) return tokens;
  return parts;
}

/** Only kanji (and 々): the written form carries meaning a reading cannot stand in for. */
export function isKanjiName(name: string): boolean {
  const compact = stripDecorations(name).replace(/[\s\u3000]+/g, '').replace(/々/g, '');
  return compact.length > 0 && isKanji(compact);
}

export type KeyKind = 'written' | 'reading';

/**
 * Every key a person can be found under: each name part as written (variant kanji
 * folded) or as read, combined in order; all-reading keys also in the other order,
 * for romaji written given name first. A key built only of written parts is "written"
 * evidence; one with any reading in it is the weaker "reading" evidence.
 */
export function phoneticKeys(name: string, reading?: string): Map<string, KeyKind> {
  const keys = new Map<string, KeyKind>();
  const written = nameParts(name);
  const read = reading ? nameParts(reading) : [];
  const positions: [string, string | undefined][] = read.length === written.length || read.length === 0
    ? written.map((part, i) => [part, read[i]])
    : [[written.join(' '), read.join(' ')]];
  const alternatives = positions.map(([part, readPart]) => {
    const forms: { key: string; kind: KeyKind }[] = [{ key: variantKey(part), kind: 'written' }];
    for (const source of [part, readPart]) {
      const key = source ? phoneticKey(source) : undefined;
      if (key && !forms.some((f) => f.key === key && f.kind === 'reading')) forms.push({ key, kind: 'reading' });
    }
    return forms;
  });
  if (read.length > 1 && read.length !== written.length) alternatives[0]!.push(...readingOrders(read));
  const combine = (list: typeof alternatives, reverse: boolean) => {
    let acc: { key: string; kind: KeyKind; phoneticOnly: boolean }[] = [{ key: '', kind: 'written', phoneticOnly: true }];
    for (const forms of reverse ? [...list].reverse() : list) {
      acc = acc.flatMap((a) => forms.map((f) => ({
        key: a.key + f.key, kind: a.kind === 'reading' || f.kind === 'reading' ? 'reading' as const : 'written' as const,
        phoneticOnly: a.phoneticOnly && f.kind === 'reading',
      })));
    }
    return reverse ? acc.filter((a) => a.phoneticOnly) : acc;
  };
  for (const { key, kind } of [...combine(alternatives, false), ...(alternatives.length === 2 ? combine(alternatives, true) : [])]) {
    if (!key) continue;
    // Written evidence wins over reading evidence for the same key.
    if (keys.get(key) !== 'written') keys.set(key, kind);
  }
  return keys;
}

/** A reading in more parts than the written name: the whole reading, in either order. */
function readingOrders(read: string[]): { key: string; kind: KeyKind }[] {
  const joined = read.map((part) => phoneticKey(part) ?? '');
  if (joined.some((part) => !part)) return [];
  return [{ key: joined.join(''), kind: 'reading' }, { key: [...joined].reverse().join(''), kind: 'reading' }];
}
