import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/errors/index.js';
import { FENCE_TIMINGS_ENV } from '../../src/store/fence-timings.js';
import { addGroupRoom } from '../../sandbox/src/model/people.js';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { generatedContacts } from '../generators/people.js';
import { BACKENDS, linkAllContacts, loggedInConfigDir } from '../helpers/logged-in.js';
import { postgres } from '../helpers/postgres.js';
import { BIN, runCli } from '../helpers/run-cli.js';

/**
 * A group post (or group task) left in flight by a run killed before its outcome was recorded,
 * then the type's route changed to DM (`destinations set`, as a restored dump or an admin does):
 * the next run must look for the old post in its own room before anything goes out by DM. The
 * real CLI, the sandbox, both backends; the kill is driven by the sandbox's own fault counters.
 */
const PEOPLE = 7;
let sandbox: Sandbox;
beforeAll(async () => { sandbox = await startSandbox({ seed: 'empty', contacts: generatedContacts(PEOPLE + 3), randomSeed: 7302 }); });
afterAll(async () => { await sandbox.stop(); });
beforeEach(() => sandbox.control.reset());

const stats = () => sandbox.control.stats() as { posts: number; faults: { dropBefore: number; dropAfter: number } };

/** How many times each account was reached: mentioned in a group post, a DM from us, or a task assigned to it. */
function reachCounts(): Map<number, number> {
  const { state } = sandbox.control;
  const counts = new Map<number, number>();
  const add = (id: number) => counts.set(id, (counts.get(id) ?? 0) + 1);
  for (const room of state.rooms.values()) {
    for (const task of room.tasks ?? []) if (task.assigned_by_account.account_id === state.operatorId) add(task.account.account_id);
    for (const message of room.messages) {
      if (message.account.account_id !== state.operatorId) continue;
      if (room.type === 'direct') add([...room.members.keys()].find((id) => id !== state.operatorId)!);
      else for (const [, id] of message.body.matchAll(/\[To:(\d+)\]/g)) add(Number(id));
    }
  }
  return counts;
}

describe.each(BACKENDS)('on %s', (backend) => {
  if (backend === 'postgres' && !postgres.available) {
    it.skip(`PostgreSQL: ${postgres.reason}`, () => {});
    return;
  }
  describe.each(['message', 'task'] as const)('a group %s left in flight, then `destinations set survey dm`', (kind) => {
    for (const stored of [true, false]) {
      it(stored ? 'it was stored: found in the group chat, recorded as delivered; nobody gets a DM' : 'it was never stored: each person gets it once by DM', async () => {
        const { state } = sandbox.control;
        const contactIds = [...state.contacts.get(state.operatorId)!].toSorted().slice(0, PEOPLE);
        const room = addGroupRoom(state, '全社連絡', [[state.operatorId, 'admin'], ...contactIds.map((id): [number, 'member'] => [id, 'member'])]);
        const login = await loggedInConfigDir(sandbox, backend);
        await linkAllContacts(sandbox, login.configDir);
        const env = { ...login.env, LANG: 'C', [FENCE_TIMINGS_ENV]: 'postTimeoutMs=2000,marginMs=500' };
        const cli = (args: string[]) => runCli([...login.args, ...args], { env });
        expect((await cli(['destinations', 'set', 'survey', `room:${room.room_id}`, '--as', kind])).code).toBe(0);
        const file = join(login.configDir, 'reminders.json');
        writeFileSync(file, JSON.stringify([{ id: 'k7302c16r1', type: 'survey', to: contactIds.map((id) => `P${id}`), title: '在宅勤務アンケート', due: '2026-12-04' }]));

        // The POST is stored and its answer lost (or lost before it is stored), and the room
        // cannot be read to find it: the run cannot settle it. Killed once the sandbox saw it.
        sandbox.control.setFaults({
          ...(stored ? { dropAfterRate: 1 } : { dropBeforeRate: 1 }), postsOnly: true,
          failAfter: `GET /rooms/${room.room_id}/${kind === 'task' ? 'tasks' : 'messages'}`, failAfterCount: 1_000,
        });
        const child = spawn(process.execPath, [BIN, ...login.args, 'send-reminders', '--input', file], { env: { ...process.env, ...env }, stdio: 'ignore' });
        const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
        const watch = setInterval(() => { if (stats().faults.dropAfter + stats().faults.dropBefore >= 1) child.kill('SIGKILL'); }, 2);
        expect(await exited).toBe('SIGKILL');
        clearInterval(watch);
        sandbox.control.setFaults({ dropAfterRate: 0, dropBeforeRate: 0, failAfterCount: 0 });
        const groupItems = () => (kind === 'task' ? (room.tasks ?? []).length : room.messages.length);
        expect(groupItems()).toBe(stored ? (kind === 'task' ? PEOPLE : 1) : 0);

        // The route changes; the next run settles the old post in its own room first.
        expect((await cli(['destinations', 'set', 'survey', 'dm', '--as', kind])).code).toBe(0);
        const run = await cli(['send-reminders', '--input', file]);
        expect(run.code, run.stderr).toBe(ExitCode.ok);
        expect(run.stderr).toContain(stored ? '1 found in their chats' : '1 not there (planned again)');

        const counts = reachCounts();
        expect(contactIds.map((id) => counts.get(id) ?? 0)).toEqual(contactIds.map(() => 1));
        expect(groupItems()).toBe(stored ? (kind === 'task' ? PEOPLE : 1) : 0);
        // The history agrees: each pair delivered, against the post that reached them.
        const history = (await cli(['history', '--reminder', 'k7302c16r1', '--json'])).stdout.trim().split('\n')
          .map((line) => JSON.parse(line) as { status: string; roomId: number; userId: string });
        expect(history).toHaveLength(PEOPLE);
        const dmRoomOf = (userId: string) => [...state.rooms.values()].find((r) => r.type === 'direct' && r.members.has(Number(userId.slice(1))))!.room_id;
        for (const row of history) {
          expect(row.status).toBe('delivered');
          expect(row.roomId).toBe(stored ? room.room_id : dmRoomOf(row.userId));
        }
        // A further run sends nothing.
        const posts = stats().posts;
        expect((await cli(['send-reminders', '--input', file])).code).toBe(ExitCode.ok);
        expect(stats().posts).toBe(posts);
        expect([...reachCounts().values()].every((n) => n === 1)).toBe(true);
      }, 60_000);
    }
  });
});
