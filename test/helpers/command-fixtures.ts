import { run as sendReminders } from '../../src/commands/send-reminders/run.js';
import { run as importUsers } from '../../src/commands/users/import/run.js';
import { DEMO_USERS } from './logged-in.js';
import type { CommandHarness } from './command-deps.js';

/** One survey for two linked contacts (the harness's linkAll ids), due a week after the fixed clock. */
export const SURVEY = {
  id: 'survey-2026-12', type: 'survey', to: ['P2000001', 'P2000002'],
  title: '2026年12月 エンゲージメントサーベイ', due: '2026-12-01', url: 'https://app.himanager.example/surveys/2026-12',
};

/** What a delivered survey leaves in the store: every contact linked, the survey sent to two of them by send-reminders' run(). */
export async function deliveredSurvey(h: CommandHarness): Promise<void> {
  await h.linkAll();
  const result = await h.invoke(sendReminders, { input: h.file('reminders.json', JSON.stringify([SURVEY])) }, { command: 'send-reminders' });
  if (result.code !== 0) throw new Error(`send-reminders failed: ${result.stderr}`);
}

/** The demo HiManager directory (demo/users.csv, E0001–E0030) imported through users import's run(). */
export async function demoDirectory(h: CommandHarness): Promise<void> {
  const result = await h.invoke(importUsers, { file: DEMO_USERS });
  if (result.code !== 0) throw new Error(`users import failed: ${result.stderr}`);
}
