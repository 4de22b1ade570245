import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localTime } from '../../src/calendar/calendar.js';
import type { DumpRecord } from '../../src/store/dump-format.js';
import { pairKey } from '../../src/store/store.js';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { generatedContacts } from '../generators/people.js';
import { linkAllContacts, loggedInConfigDir } from '../helpers/logged-in.js';
import { BIN } from '../helpers/run-cli.js';
import { withStore } from '../helpers/state.js';
import { systemFile } from '../helpers/system.js';

/**
 * Follow-up planning at 50,000 pending people stays within the dry run's 200 MB: one reminder
 * listing 50,000 linked people whose first message went two days ago, its d1 round due now.
 * Measured as the built CLI's peak RSS under GNU time. (The built CLI runs at the real time:
 * the calendar is set around it, as in follow-up-crash.test.ts.)
 */
const PEOPLE = Number(process.env.FOLLOW_UP_SCALE_PEOPLE ?? 50_000);
const phase = (what: string, since: number) => process.stderr.write(`${what}: ${((Date.now() - since) / 1000).toFixed(1)} s\n`);
/** As bin/himanager-chatwork.js's shebang runs it (its own flags keep the heap tight). */
const SHEBANG_FLAGS = ['--max-semi-space-size=8', '--optimize-for-size'];
const gnuTime = systemFile('/usr/bin/time', 'GNU time (/usr/bin/time)', 'time');
let sandbox: Sandbox;
beforeAll(async () => { sandbox = await startSandbox({ seed: 'empty', contacts: generatedContacts(Math.ceil(PEOPLE * 1.03)) }); }, 120_000);
afterAll(async () => { await sandbox.stop(); });

function noonZone(now: number): string {
  const offset = Math.max(-12, Math.min(14, 12 - new Date(now).getUTCHours()));
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

describe.skipIf(!gnuTime.available)('follow-up planning at scale', () => {
  it(`a dry run planning the follow-up round of ${PEOPLE.toLocaleString('en')} pending people stays under 200 MB`, async () => {
    const t0 = Date.now();
    const login = await loggedInConfigDir(sandbox, 'sqlite');
    // Some generated people are not contacts: 3 % more, and the first 50,000 linked ones.
    const users = (await linkAllContacts(sandbox, login.configDir)).slice(0, PEOPLE);
    expect(users).toHaveLength(PEOPLE);
    const now = Date.now();
    const timeZone = noonZone(now);
    const due = addDays(localTime(now, timeZone).date, 1);
    const before = now - 2 * 86_400_000;
    await withStore(login.configDir, async (store) => {
      await store.config.update((s) => {
        s.calendar = { timeZone, window: { start: '00:00', end: '24:00' }, weekendsOff: false, holidays: false, closures: [], extraDates: [], policy: { survey: 'send', praise: 'send', 'update-survey': 'send' } };
        if (!process.env.FOLLOW_UP_SCALE_BASELINE) s.followUps = { survey: { daysBefore: [1, 0], gapHours: 20 } };
      });
      // The first message went to everyone two days ago (written as a dump: one transaction).
      const sent: DumpRecord[] = users.map((userId) => ({
        kind: 'delivery', key: pairKey('big', userId), reminderId: 'big', type: 'survey', roomId: 1, bodyHash: 'h', intentAt: before, status: 'sent',
        messageId: `m-${userId}`, how: 'posted', reason: null, at: before, body: null, deferUntil: null, outbox: false, pairs: [['big', userId]],
      }));
      await store.restore(sent);
      await store.reminders.observe([{ reminderId: 'big', type: 'survey', title: '全社サーベイ', due, to: users }], before);
    });
    phase('set-up', t0);
    const t1 = Date.now();
    const file = join(login.configDir, 'reminders.json');
    writeFileSync(file, JSON.stringify([{ id: 'big', type: 'survey', to: users, title: '全社サーベイ', due }]));
    const rssFile = join(login.configDir, 'rss');
    const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn('/usr/bin/time', ['-f', '%M', '-o', rssFile, process.execPath, ...SHEBANG_FLAGS, BIN, ...login.args, 'send-reminders', '--input', file, '--dry-run'], {
        env: { ...process.env, ...login.env, LANG: 'en_US.UTF-8' }, stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      let err = '';
      let lines = 0;
      let rest = '';
      // Count the planned follow-ups as they stream by (whole lines only); keep only a little of the text.
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (text: string) => {
        const parts = (rest + text).split('\n');
        rest = parts.pop()!;
        lines += parts.filter((l) => l.includes('follow-up 1 day')).length;
        if (out.length < 2_000) out += text;
      });
      child.stderr.on('data', (chunk) => { err += chunk; });
      child.on('error', reject);
      child.on('close', (exit) => resolve({ code: exit ?? -1, stdout: `${out}\n[follow-up lines: ${lines}]`, stderr: err }));
    });
    phase('dry run', t1);
    const maxRssMb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').at(-1)) / 1024;
    process.stderr.write(`follow-up dry run, ${PEOPLE} pending: peak RSS ${maxRssMb.toFixed(1)} MB\n`);
    expect(code, stderr).toBe(0);
    expect(stdout).toContain(`[follow-up lines: ${PEOPLE}]`);
    expect(maxRssMb).toBeLessThan(200);
  }, 600_000);
});
