import { randomBytes } from 'node:crypto';
import { NO_FAULTS, newStats, type ApiContext } from './api/context.js';
import { DEFAULT_SCOPES } from './chatwork/scopes.js';
import type { RoomEvents } from './events.js';
import type { Limit } from './limits.js';
import { removeContact, sendContactRequest } from './model/people.js';
import type { SandboxRoom, SandboxState } from './model/state.js';
import { registerClient } from './oauth/clients.js';
import type { OAuthSettings } from './oauth/settings.js';
import type { SandboxControl } from './types.js';

/** What the control changes: the running sandbox's API context (its state included) and clock. */
export interface ControlTarget {
  ctx: ApiContext;
  oauth: OAuthSettings;
  events: RoomEvents;
  /** The limits the sandbox started with, which reset() restores. */
  limits: { rateLimit: Limit; roomPostLimit: Limit };
  /** A freshly seeded state, as at start. */
  reseed(): SandboxState;
  setClockOffset(offsetMs: number): void;
}

/** The in-process control of a running sandbox, as tests hold it; /_sandbox/ wraps the same. */
export function createControl(target: ControlTarget): SandboxControl {
  const { ctx, oauth } = target;
  return {
    get state() { return ctx.state; },
    reset() {
      ctx.state = target.reseed();
      ctx.stats = newStats();
      ctx.windows.limit = target.limits.rateLimit;
      ctx.windows.reset();
      ctx.roomPosts.limit = target.limits.roomPostLimit;
      ctx.roomPosts.reset();
      ctx.readMarks.clear();
      target.setClockOffset(0);
      ctx.faults = { ...NO_FAULTS };
    },
    resetCounters() {
      ctx.stats = newStats();
      ctx.windows.reset();
      ctx.roomPosts.reset();
    },
    setFaults(faults) { ctx.faults = { ...ctx.faults, ...faults }; },
    setLimits({ rateLimit, roomPostLimit }) {
      if (rateLimit) { ctx.windows.limit = rateLimit; ctx.windows.reset(); }
      if (roomPostLimit) { ctx.roomPosts.limit = roomPostLimit; ctx.roomPosts.reset(); }
    },
    registerClient(input) { return registerClient(ctx.state, input); },
    revokeGrants(clientId) {
      for (const grant of ctx.state.grants.values()) if (!clientId || grant.clientId === clientId) grant.revoked = true;
      for (const [token, access] of ctx.state.accessTokens) if (!clientId || access.clientId === clientId) ctx.state.accessTokens.delete(token);
    },
    mintToken(scopes = DEFAULT_SCOPES) {
      const { state } = ctx;
      const token = randomBytes(32).toString('base64url');
      state.accessTokens.set(token, { token, accountId: state.operatorId, clientId: 'minted', scopes, expiresAt: ctx.now() + oauth.accessTokenSeconds * 1000 });
      return { accessToken: token, accountId: state.operatorId };
    },
    expireAccessTokens() {
      for (const access of ctx.state.accessTokens.values()) access.expiresAt = ctx.now() - 1;
    },
    removeContact(accountId) { removeContact(ctx.state, ctx.state.operatorId, accountId); },
    setRole(roomId, role) {
      const room = ctx.state.rooms.get(roomId);
      if (!room) throw new Error(`no room ${roomId}`);
      room.members.set(ctx.state.operatorId, role);
    },
    setMember(roomId, accountId, role) {
      const room = ctx.state.rooms.get(roomId);
      if (!room || room.type !== 'group') throw new Error(`no group room ${roomId}`);
      if (role) room.members.set(accountId, role);
      else room.members.delete(accountId);
    },
    setClockOffset(offsetMs) { target.setClockOffset(offsetMs); },
    sendRequest({ accountId, chatworkId, message }) {
      const { state } = ctx;
      const from = accountId ?? [...state.accounts.values()].find((a) => a.chatwork_id === chatworkId)?.account_id;
      if (from === undefined) throw new Error(`no account ${chatworkId ?? ''}`);
      const request = sendContactRequest(state, from, state.operatorId, message);
      return { requestId: request.requestId, accountId: from };
    },
    rooms() {
      const { state } = ctx;
      return [...state.rooms.values()].filter((room) => room.type !== 'my').map((room) => ({
        room_id: room.room_id,
        name: room.type === 'direct' ? directName(state, room) : room.name,
        type: room.type,
        members: [...room.members].map(([id, role]) => ({ account_id: id, name: state.accounts.get(id)?.name ?? '', role })),
        messages: room.messages,
        tasks: room.tasks ?? [],
      }));
    },
    stats() {
      const { byToken, ...rest } = ctx.stats;
      return { ...rest, tokens: byToken.size };
    },
    subscribe(res) { target.events.subscribe(res); },
  };
}

/** A direct room is named after the people in it other than the notification account. */
function directName(state: SandboxState, room: SandboxRoom): string {
  const others = [...room.members.keys()].filter((id) => id !== state.operatorId);
  return others.map((id) => state.accounts.get(id)?.name ?? '').join('、');
}
