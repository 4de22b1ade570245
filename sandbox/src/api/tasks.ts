import type { Task } from '../chatwork/wire.js';
import type { SandboxRoom } from '../model/state.js';
import { errors, Reply, type ApiContext } from './context.js';

/**
 * Message delete and read-one, and room tasks, as Chatwork documents them (chatwork/api RAML):
 * DELETE and GET /rooms/{id}/messages/{message_id}, POST and GET /rooms/{id}/tasks,
 * PUT /rooms/{id}/tasks/{task_id}/status. A task POST counts toward the per-room post limit.
 */
export function routeRoomItems(ctx: ApiContext, method: string, room: SandboxRoom, rest: string, query: URLSearchParams, form: URLSearchParams,
  accountId: number, need: (scope: string) => boolean): Reply | undefined {
  const { state } = ctx;
  const message = /^\/messages\/(\d+)$/.exec(rest);
  if (message && method === 'GET') {
    if (!need('rooms.messages:read')) return errors(403, 'Insufficient scope: rooms.messages:read');
    const found = room.messages.find((m) => m.message_id === message[1]);
    return found ? new Reply(200, found) : errors(404, 'Message not found');
  }
  if (message && method === 'DELETE') {
    if (!need('rooms.messages:write')) return errors(403, 'Insufficient scope: rooms.messages:write');
    const index = room.messages.findIndex((m) => m.message_id === message[1]);
    if (index < 0) {
      state.deleteLog.push({ roomId: room.room_id, messageId: message[1]!, result: 'gone' });
      return errors(404, 'Message not found');
    }
    if (room.messages[index]!.account.account_id !== accountId) return errors(403, "You don't have permission to delete this message");
    room.messages.splice(index, 1);
    state.deleteLog.push({ roomId: room.room_id, messageId: message[1]!, result: 'deleted' });
    ctx.stats.deletes += 1;
    return new Reply(200, { message_id: message[1] });
  }
  if (rest === '/tasks' && method === 'GET') {
    if (!need('rooms.tasks:read')) return errors(403, 'Insufficient scope: rooms.tasks:read');
    const filters: [string, (task: Task, value: string) => boolean][] = [
      ['account_id', (task, value) => String(task.account.account_id) === value],
      ['assigned_by_account_id', (task, value) => String(task.assigned_by_account.account_id) === value],
      ['status', (task, value) => task.status === value],
    ];
    let tasks = room.tasks ?? [];
    for (const [name, keep] of filters) {
      const value = query.get(name);
      if (value !== null) tasks = tasks.filter((task) => keep(task, value));
    }
    tasks = tasks.slice(-100);
    return tasks.length ? new Reply(200, tasks) : new Reply(204);
  }
  if (rest === '/tasks' && method === 'POST') {
    if (!need('rooms.tasks:write')) return errors(403, 'Insufficient scope: rooms.tasks:write');
    const body = form.get('body');
    const toIds = (form.get('to_ids') ?? '').split(',').map((id) => id.trim()).filter(Boolean).map(Number);
    if (!body) return errors(400, "Parameter 'body' is required");
    if (body.length > 65_535) return errors(400, "Parameter 'body' must be at most 65535 characters");
    if (!toIds.length || toIds.some((id) => !Number.isInteger(id))) return errors(400, "Parameter 'to_ids' is required");
    if (room.members.get(accountId) === 'readonly') return errors(403, "You don't have permission to add tasks in this room");
    const outsider = toIds.find((id) => !room.members.has(id));
    if (outsider !== undefined) return errors(400, `Account ${outsider} is not a member of this room`);
    const limitType = (form.get('limit_type') ?? 'none') as Task['limit_type'];
    if (!['none', 'date', 'time'].includes(limitType)) return errors(400, "Parameter 'limit_type' must be none, date or time");
    if (!ctx.roomPosts.take(room.room_id)) {
      ctx.stats.status429 += 1;
      ctx.stats.roomPost429 += 1;
      return errors(429, 'Rate limit for message posting per room exceeded.');
    }
    const me = state.accounts.get(accountId)!;
    const messageId = String(state.nextMessageId++);
    const created = toIds.map((id): Task => {
      const account = state.accounts.get(id)!;
      return {
        task_id: state.nextTaskId++, account: { account_id: id, name: account.name }, assigned_by_account: { account_id: me.account_id, name: me.name },
        message_id: messageId, body, limit_time: limitType === 'none' ? 0 : Number(form.get('limit') ?? 0), status: 'open', limit_type: limitType,
      };
    });
    (room.tasks ??= []).push(...created);
    ctx.stats.tasksCreated += created.length;
    ctx.stats.taskPosts += 1;
    ctx.onTasks(room, messageId, created.map((task) => task.task_id));
    return new Reply(200, { task_ids: created.map((task) => task.task_id) });
  }
  const status = /^\/tasks\/(\d+)\/status$/.exec(rest);
  if (status && method === 'PUT') {
    if (!need('rooms.tasks:write')) return errors(403, 'Insufficient scope: rooms.tasks:write');
    const task = room.tasks?.find((t) => String(t.task_id) === status[1]);
    if (!task) return errors(404, 'Task not found');
    const body = form.get('body');
    if (body !== 'done' && body !== 'open') return errors(400, "Parameter 'body' must be done or open");
    if (body === 'done' && ctx.faults.refuseOwnTaskClose && task.assigned_by_account.account_id === accountId && task.account.account_id !== accountId) {
      ctx.stats.taskCloseRefused = (ctx.stats.taskCloseRefused ?? 0) + 1;
      return errors(403, "You don't have permission to change the status of this task");
    }
    ctx.stats.taskStatusChanges = (ctx.stats.taskStatusChanges ?? 0) + 1;
    task.status = body;
    return new Reply(200, { task_id: task.task_id });
  }
  return undefined;
}
