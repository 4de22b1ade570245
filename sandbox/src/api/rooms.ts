import type { Member, Message, Room } from '../chatwork/wire.js';
import type { SandboxRoom, SandboxState } from '../model/state.js';
import { errors, Reply, type ApiContext } from './context.js';

/**
 * One room (GET /rooms/{id}), its members, and its messages: read (what is new since the last
 * read, or the latest 100 with force=1) and posted (form body only, within the per-room limit).
 * `part` is what follows /rooms/{id}: nothing, /members or /messages.
 */
export function routeRoom(ctx: ApiContext, method: string, room: SandboxRoom, part: string | undefined, query: URLSearchParams, form: URLSearchParams,
  accountId: number, need: (scope: string) => boolean): Reply | undefined {
  const { state } = ctx;
  if (method === 'GET' && part === undefined) {
    if (!need('rooms.info:read')) return errors(403, 'Insufficient scope: rooms.info:read');
    return new Reply(200, { ...toRoom(state, room, accountId), description: room.description });
  }
  if (method === 'GET' && part === '/members') {
    if (!need('rooms.members:read')) return errors(403, 'Insufficient scope: rooms.members:read');
    const members: Member[] = [...room.members].map(([id, role]) => {
      const account = state.accounts.get(id)!;
      return {
        account_id: id, role, name: account.name, chatwork_id: account.chatwork_id, organization_id: account.organization_id,
        organization_name: account.organization_name, department: account.department,
      };
    });
    return new Reply(200, members);
  }
  if (method === 'GET' && part === '/messages') {
    if (!need('rooms.messages:read')) return errors(403, 'Insufficient scope: rooms.messages:read');
    const markKey = `${accountId}:${room.room_id}`;
    const from = query.get('force') === '1' ? Math.max(0, room.messages.length - 100) : (ctx.readMarks.get(markKey) ?? Math.max(0, room.messages.length - 100));
    ctx.readMarks.set(markKey, room.messages.length);
    const messages = room.messages.slice(from).slice(-100);
    return messages.length ? new Reply(200, messages) : new Reply(204);
  }
  if (method === 'POST' && part === '/messages') {
    if (!need('rooms.messages:write')) return errors(403, 'Insufficient scope: rooms.messages:write');
    // Parameters in the query string are ignored since 2025-07-03: only the form body counts.
    const text = form.get('body');
    if (text === null || text === '') return errors(400, "Parameter 'body' is required");
    if (text.length > 65_535) return errors(400, "Parameter 'body' must be at most 65535 characters");
    if (room.members.get(accountId) === 'readonly') return errors(403, "You don't have permission to send messages in this room");
    if (!ctx.roomPosts.take(room.room_id)) {
      ctx.stats.status429 += 1;
      ctx.stats.roomPost429 += 1;
      return errors(429, 'Rate limit for message posting per room exceeded.');
    }
    const me = state.accounts.get(accountId)!;
    const now = Math.floor(ctx.now() / 1000);
    const message: Message = {
      message_id: String(state.nextMessageId++),
      account: { account_id: me.account_id, name: me.name, avatar_image_url: `https://appdata.chatwork.com/avatar/${me.account_id}.png` },
      body: text, send_time: now, update_time: 0,
    };
    room.messages.push(message);
    ctx.stats.posts += 1;
    ctx.onMessage(room, message);
    return new Reply(200, { message_id: message.message_id });
  }
  return undefined;
}

export function toRoom(state: SandboxState, room: SandboxRoom, viewer: number): Room {
  let name = room.name;
  if (room.type === 'direct') {
    const other = [...room.members.keys()].find((id) => id !== viewer);
    name = state.accounts.get(other ?? viewer)?.name ?? '';
  }
  const last = room.messages.at(-1);
  return {
    room_id: room.room_id, name, type: room.type, role: room.members.get(viewer)!, sticky: false,
    last_update_time: last?.send_time ?? 0,
  };
}
