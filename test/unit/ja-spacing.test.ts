import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/i18n/catalog.js';
import { isCommandLineKey, spacingViolations } from './ja-spacing.js';

describe('the spacing rule (docs/ja-style.md)', () => {
  it('holds for every Japanese string of the catalog', () => {
    const found = Object.entries(catalog)
      .filter(([key]) => !isCommandLineKey(key))
      .flatMap(([key, text]) => spacingViolations(text.ja).map((where) => `${key}: …${where}…`));
    expect(found).toEqual([]);
  });

  it('finds a space between Japanese and Latin letters, digits, placeholders and options, and allows one after punctuation or a URL', () => {
    for (const bad of ['Chatwork と連携', '連携アカウント HiManager通知', '25 件', '{count} 件', '保留 {n}件', 'ISO 形式', '--json と', 'オプション \'{arg}\'']) {
      expect(spacingViolations(bad), bad).not.toEqual([]);
    }
    for (const good of ['Chatworkと連携しました', '25件を表示しました。', '称賛の送信先: ダイレクトチャット', 'アカウントID 1000001', '（https://example.com/ja 、または）', 'a, b']) {
      expect(spacingViolations(good), good).toEqual([]);
    }
  });
});
