import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY } from '../../src/delivery/notation.js';
import { ExitCode } from '../../src/errors/index.js';
import { addGroupRoom } from '../../sandbox/src/model/people.js';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { generatedContacts } from '../generators/people.js';
import { linkAllContacts, loggedInConfigDir } from '../helpers/logged-in.js';
import { runCli } from '../helpers/run-cli.js';

/**
 * A survey to a group chat of 3,500 linked members, through the real CLI and the sandbox: the
 * mentions do not fit one message, so it goes out as several, each whole, and each member is
 * recorded as delivered against the post that really mentions them.
 */
const MEMBERS = 3_500;
let sandbox: Sandbox;
beforeAll(async () => { sandbox = await startSandbox({ seed: 'empty', contacts: generatedContacts(MEMBERS + 100) }); });
afterAll(async () => { await sandbox.stop(); });

describe(`a group post to ${MEMBERS.toLocaleString('en')} members`, () => {
  it('is split into several posts with the title, URL and [/info] in each; every member mentioned once; history points at that post', async () => {
    const state = sandbox.control.state;
    // Some generated people share an account: take 3,500 distinct contacts.
    const contactIds = [...state.contacts.get(state.operatorId)!].toSorted().slice(0, MEMBERS);
    expect(contactIds).toHaveLength(MEMBERS);
    const room = addGroupRoom(state, '全社員', [[state.operatorId, 'admin'], ...contactIds.map((id): [number, 'member'] => [id, 'member'])]);
    const login = await loggedInConfigDir(sandbox);
    const cli = (args: string[]) => runCli([...login.args, ...args], { env: login.env });
    await linkAllContacts(sandbox, login.configDir, { survey: `room:${room.room_id}` });
    const userIds = contactIds.map((id) => `P${id}`);
    const file = join(login.configDir, 'all.json');
    const url = 'https://app.himanager.example/surveys/2026-12';
    writeFileSync(file, JSON.stringify([{ id: 'all-hands', type: 'survey', to: userIds, title: '2026年12月 エンゲージメントサーベイ', due: '2026-12-04', url }]));

    // The dry run says how many posts it becomes.
    const dry = await cli(['--lang', 'en', 'send-reminders', '--input', file, '--dry-run']);
    expect(dry.code).toBe(0);
    const planned = dry.stdout.split('\n').map((line) => /^all-hands \(.*\) → room \d+, post (\d+) of (\d+), mentioning/.exec(line)).filter((m) => m !== null);
    const posts = Number(planned[0]![2]);
    expect(posts).toBeGreaterThan(1);
    expect(planned.map((m) => Number(m[1]))).toEqual(Array.from({ length: posts }, (_, i) => i + 1));
    expect(sandbox.control.stats().posts).toBe(0);

    const result = await cli(['send-reminders', '--input', file, '--json']);
    expect(result.code).toBe(ExitCode.ok);
    expect(JSON.parse(result.stdout).messages).toEqual({ delivered: posts, failed: 0, pending: 0, deferred: 0 });
    const messages = room.messages;
    expect(messages).toHaveLength(posts);
    const mentionedBy = new Map<number, string>();
    for (const message of messages) {
      expect(message.body.length).toBeLessThanOrEqual(MAX_BODY);
      expect(message.body).toContain('[info][title]サーベイのお願い[/title]「2026年12月 エンゲージメントサーベイ」へのご回答をお願いいたします。');
      expect(message.body).toContain(url);
      expect(message.body.endsWith('[/info]')).toBe(true);
      for (const [, id] of message.body.matchAll(/\[To:(\d+)\]/g)) {
        expect(mentionedBy.has(Number(id)), `mentioned twice: ${id}`).toBe(false);
        mentionedBy.set(Number(id), message.message_id);
      }
    }
    expect([...mentionedBy.keys()].toSorted()).toEqual(contactIds.toSorted());

    // Each pair is delivered against the message that mentions that person.
    const history = (await cli(['history', '--reminder', 'all-hands', '--json'])).stdout.trim().split('\n').map((line) => JSON.parse(line) as { userId: string; status: string; messageId: string });
    expect(history).toHaveLength(MEMBERS);
    for (const row of history) {
      expect(row.status).toBe('delivered');
      expect(row.messageId).toBe(mentionedBy.get(Number(row.userId.slice(1))));
    }

    // Nothing twice.
    const again = await cli(['send-reminders', '--input', file, '--json']);
    expect(JSON.parse(again.stdout).messages.delivered).toBe(0);
    expect(room.messages).toHaveLength(posts);
  });
});
