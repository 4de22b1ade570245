/** Support's wording: finding a person in history, its table and CSV, options given twice. */
export const supportCatalog = {
  'usage.optionRepeated': { en: "option '{arg}' was given more than once: give it once", ja: "オプション'{arg}'が2回以上指定されています。1回だけ指定してください" },
  'help.repeatable': { en: 'repeatable', ja: '繰り返し指定できます' },
} as const;
