import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { authorize } from '../helpers/oauth-browser.js';

// The live feed the page and the chaos test listen to: one event per message POST and per task POST.
let sandbox: Sandbox;
beforeAll(async () => { sandbox = await startSandbox({ seed: 'demo' }); });
afterAll(async () => { await sandbox.stop(); });

/** The next `count` events of the stream, parsed. */
async function nextEvents(reader: ReadableStreamDefaultReader<Uint8Array>, count: number): Promise<Record<string, unknown>[]> {
  const events: Record<string, unknown>[] = [];
  let text = '';
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) throw new Error('the stream ended');
    text += new TextDecoder().decode(value);
    const blocks = text.split('\n\n');
    text = blocks.pop()!;
    for (const block of blocks) if (block.startsWith('data: ')) events.push(JSON.parse(block.slice(6)) as Record<string, unknown>);
  }
  return events;
}

it('streams an event for a message POST and one, with its task ids, for a task POST', async () => {
  const token = (await authorize(sandbox)).access_token;
  const hr = sandbox.control.rooms().find((r) => r.name === '人事部 HiManager通知')!.room_id;
  const stream = await fetch(`${sandbox.url}/_sandbox/events`);
  const reader = stream.body!.getReader();
  const post = (path: string, form: Record<string, string>) => fetch(`${sandbox.apiUrl}/rooms/${hr}${path}`, {
    method: 'POST', headers: { authorization: `Bearer ${token}` }, body: new URLSearchParams(form),
  }).then((r) => r.json() as Promise<Record<string, unknown>>);
  const message = await post('/messages', { body: 'hello' });
  const task = await post('/tasks', { body: 'do it', to_ids: '2000001,2000002' });
  const events = await nextEvents(reader, 2);
  await reader.cancel();
  expect(events[0]).toEqual({ room_id: hr, message_id: message.message_id });
  expect(events[1]).toMatchObject({ room_id: hr, task_ids: task.task_ids });
  expect(typeof events[1]!.message_id).toBe('string');
});
