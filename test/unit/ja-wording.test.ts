import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/i18n/catalog.js';
import { isCommandLineKey } from './ja-spacing.js';
import { createTranslator } from '../../src/i18n/translate.js';
import { destinationInWords } from '../../src/flows/destination-words.js';

/** The wording rules of docs/ja-style.md that a test can check over the whole catalog. */
const entries = Object.entries(catalog).filter(([key]) => !isCommandLineKey(key));

/** A Japanese question mark is full-width: a Japanese character (or a closing bracket) followed by ASCII "?". */
const ASCII_QUESTION = /[\u3040-\u30ff\u4e00-\u9fff）」』]\?/u;

describe('questions in Japanese', () => {
  it('end with a full-width ？, never an ASCII ?', () => {
    expect(entries.filter(([, text]) => ASCII_QUESTION.test(text.ja) || /[^\x20-\x7e]\?$/u.test(text.ja)).map(([key]) => key)).toEqual([]);
  });

  it('every English question (a prompt ending in "?") is a Japanese question with ？', () => {
    // A guess about a cause is a question in English and a statement in Japanese (「…可能性があります。」).
    const statements = new Set(['input.notRecords']);
    const prompts = entries.filter(([key, text]) => /\?$/.test(text.en.trim()) && !/Did you mean/.test(text.en) && !statements.has(key));
    expect(prompts.length).toBeGreaterThan(5);
    expect(prompts.filter(([, text]) => !text.ja.includes('？')).map(([key]) => key)).toEqual([]);
  });

  it('the check catches an ASCII question mark', () => {
    expect(ASCII_QUESTION.test('保存しますか?')).toBe(true);
    expect(ASCII_QUESTION.test('保存しますか？')).toBe(false);
  });
});

describe('one term for dry runs: 確認のみ（送信していません）/ 確認のみ（変更していません）', () => {
  const DRY_TERMS = /確認のみ（(送信|変更)していません）/;

  it('no other name for a dry run is used in Japanese', () => {
    expect(entries.filter(([, text]) => /ドライラン|ドライ・ラン|試行のみ|テスト実行|シミュレーション/.test(text.ja)).map(([key]) => key)).toEqual([]);
  });

  it('every message that reports a dry run (English "Dry run" or "Would …") says 確認のみ with what was not done', () => {
    const reports = entries.filter(([, text]) => /^(Dry run\b|Would )/.test(text.en));
    expect(reports.map(([key]) => key)).toEqual(expect.arrayContaining(['send.planSummary', 'approve.dryRunSummary', 'autolink.dryRunSummary', 'admin.recall.dryRunSummary', 'link.wouldLink', 'history.pruneDry']));
    expect(reports.filter(([, text]) => !DRY_TERMS.test(text.ja)).map(([key]) => key)).toEqual([]);
  });

  it('a dry run of sending says it sent nothing', () => {
    expect(catalog['send.planSummary'].ja).toMatch(/^確認のみ（送信していません）/);
  });
});

describe('destinations in words, never the stored form', () => {
  const ja = createTranslator('ja');
  const en = createTranslator('en');
  const names = new Map([[500000061, '人事部 HiManager通知']]);

  it('says ダイレクトチャット, 送信しない and the room by name when known', () => {
    expect(ja('destinations.saved', { type: ja('type.praise'), destination: destinationInWords('dm', ja) })).toBe('称賛の送信先: ダイレクトチャット');
    expect(destinationInWords('off', ja)).toBe('送信しない');
    expect(destinationInWords(undefined, ja)).toBe('未設定');
    expect(destinationInWords('room:500000061', ja, names)).toBe('グループチャット「人事部 HiManager通知」（ルームID 500000061）');
    expect(destinationInWords('room:42', ja, names)).toBe('グループチャット（ルームID 42）');
    expect(destinationInWords('dm', en)).toBe('DM to each recipient');
    expect(destinationInWords('room:500000061', en, names)).toBe('group chat 人事部 HiManager通知 (room ID 500000061)');
  });

  it('no Japanese destination wording shows dm, off or room:<id> as a value to read', () => {
    const shown = ['destinations.dm', 'destinations.off', 'destinations.room', 'destinations.roomNamed', 'doctor.dest.off', 'doctor.dest.dm', 'send.planDm', 'send.planRoom', 'send.planRoomPart'] as const;
    expect(shown.filter((key) => /\bdm\b|\boff\b|オフ|room:/.test(catalog[key].ja))).toEqual([]);
  });
});

describe('the tool is このツール to HR staff', () => {
  it('no Japanese text calls it "CLI"', () => {
    expect(entries.filter(([, text]) => /\bCLI\b|CLIが|CLIを|CLIの/.test(text.ja)).map(([key]) => key)).toEqual([]);
    expect(catalog['login.certificateWarning'].ja).toContain('このツールが自動作成した自己署名証明書です');
    expect(catalog['login.connected'].ja).toBe('Chatworkと連携しました（連携アカウント: {name}、アカウントID {accountId}）。通知はこのアカウントから送信されます。');
  });
});
