import { NOTIFICATION_TYPES } from '../../domain.js';
import { AuthError, errorInWords } from '../../errors/index.js';
import { outsidersOf, sampleOf } from '../../destinations/room-reach.js';
import type { MessageKey } from '../../i18n/catalog.js';
import type { Check, Finding } from './finding.js';

/**
 * Who a group chat destination does not reach: one GET /rooms/{id}/members per room in use.
 * A room that is gone or read-only is the `destinations` check's finding, not this one's.
 */
export const ADMIN_CHECKS: Check[] = [
  {
    id: 'room-members', area: 'destinations', async run(ctx) {
      const settings = await ctx.settings();
      const typed = NOTIFICATION_TYPES.filter((type) => settings.destinations[type]?.startsWith('room:'));
      if (!typed.length || !Object.keys(settings.links).length) return [];
      const rooms = await ctx.rooms();
      const api = await ctx.api();
      const links = new Map(Object.entries(settings.links));
      const found: Finding[] = [];
      for (const type of typed) {
        const roomId = Number(settings.destinations[type]!.slice('room:'.length));
        const room = rooms.find((r) => r.room_id === roomId);
        if (!room) continue;
        const typeName = ctx.deps.t(`type.${type}` as MessageKey);
        const params = { type: typeName, roomId, name: room.name };
        let outsiders;
        try {
          outsiders = await outsidersOf(api, roomId, settings.users, links);
        } catch (error) {
          if (error instanceof AuthError) throw error;
          found.push({ status: 'warn', finding: { key: 'doctor.members.unreadable', params: { type: typeName, roomId, detail: errorInWords(error, ctx.deps.t) } },
            remedy: { key: 'doctor.fix.membersUnreadable' } });
          continue;
        }
        if (!outsiders.length) { found.push({ status: 'ok', finding: { key: 'doctor.members.ok', params } }); continue; }
        const sample = sampleOf(outsiders, ctx.deps.env.lang);
        if (settings.nonMembers?.[type] === 'dm') {
          found.push({ status: 'ok', finding: { key: 'doctor.members.missingDm', params: { ...params, count: outsiders.length, sample } } });
        } else {
          found.push({ status: 'warn', finding: { key: 'doctor.members.missing', params: { ...params, count: outsiders.length, sample } },
            remedy: { key: 'doctor.fix.members', params: { typeArg: type, roomId } } });
        }
      }
      return found;
    },
  },
];
