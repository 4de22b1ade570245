import { DEMO_PEOPLE } from '../../sandbox/src/seed/demo-people.js';

/**
 * The demo HiManager user directory, as an HR admin exports it from a spreadsheet:
 * UTF-8 with a BOM, Japanese headers, CRLF. demo/users.csv is this text; a test
 * keeps the two the same.
 */
export function demoUsersCsv(): string {
  const lines = ['社員番号,氏名,フリガナ,メールアドレス,部署', ...DEMO_PEOPLE.map((p) => [p.id, p.name, p.reading, p.email, p.department].join(','))];
  return '\uFEFF' + lines.map((line) => `${line}\r\n`).join('');
}

/** A demo reminders file: one of each type, several recipients, an unlinked one. */
export function demoReminders(): unknown[] {
  return [
    { id: 'survey-2026-12', type: 'survey', to: ['E0001', 'E0002', 'E0003', 'E0004', 'E0010', 'E0011', 'E0027'],
      title: '2026年12月 エンゲージメントサーベイ', due: '2026-12-04', url: 'https://app.himanager.example/surveys/2026-12' },
    { id: 'update-2026-w49', type: 'update_survey', to: ['E0005', 'E0006', 'E0007', 'E0012', 'E0013'],
      title: '今週のアップデート（第49週）', due: '2026-12-04', url: 'https://app.himanager.example/updates/2026-w49' },
    { id: 'praise-1001', type: 'praise', to: 'E0008', from: 'E0002',
      message: '新規顧客への提案資料、とても分かりやすかったです！ありがとうございます。', url: 'https://app.himanager.example/praise/1001' },
  ];
}
