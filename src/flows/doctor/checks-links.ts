import { NOTIFICATION_TYPES } from '../../domain.js';
import type { MessageKey } from '../../i18n/catalog.js';
import { linkReport } from '../../linking/link-state.js';
import { fail, ok, warn, type Check, type Finding } from './finding.js';
import { contactName, named, peopleSample } from './names.js';

/** Who is linked to a current contact, and whether each notification type has somewhere to go. */
export const LINK_CHECKS: Check[] = [
  {
    id: 'links', area: 'links', async run(ctx) {
      const [settings, contacts] = await Promise.all([ctx.settings(), ctx.contacts()]);
      if (settings.users.length === 0) return warn('doctor.links.noUsers', {}, 'doctor.fix.usersImport');
      const report = linkReport(settings, contacts);
      const sample = (ids: string[]) => peopleSample(named(ids, settings.users), ctx.deps.t);
      const found: Finding[] = [];
      const ok_ = report.links.filter((l) => l.state === 'ok').length;
      found.push(ok('doctor.links.ok', { ok: ok_, users: settings.users.length }));
      if (report.unlinked.length) found.push(warn('doctor.links.unlinked', { count: report.unlinked.length, sample: sample(report.unlinked.map((u) => u.id)) }, 'doctor.fix.unlinked'));
      const gone = report.links.filter((l) => l.state === 'contact-gone').map((l) => l.userId);
      if (gone.length) found.push(warn('doctor.links.contactGone', { count: gone.length, sample: sample(gone) }, 'doctor.fix.contactGone', { user: gone[0]! }));
      const left = report.links.filter((l) => l.state === 'user-gone').map((l) => l.userId);
      if (left.length) found.push(warn('doctor.links.userGone', { count: left.length, sample: sample(left) }, 'doctor.fix.unlink', { user: left[0]! }));
      for (const twice of report.linkedTwice) found.push(fail('doctor.links.twice', { accountId: contactName(twice.accountId, contacts), users: sample(twice.userIds) }, 'doctor.fix.unlink', { user: twice.userIds[1]! }));
      return found;
    },
  },
  {
    id: 'destinations', area: 'destinations', async run(ctx) {
      const settings = await ctx.settings();
      const found: Finding[] = [];
      const needsRooms = NOTIFICATION_TYPES.some((type) => settings.destinations[type]?.startsWith('room:'));
      const rooms = needsRooms ? await ctx.rooms() : [];
      // Only live links: a link whose contact was removed reaches nobody, so it is not 紐付け済み.
      const linked = linkReport(settings, await ctx.contacts()).links.filter((l) => l.state === 'ok').length;
      for (const type of NOTIFICATION_TYPES) {
        const destination = settings.destinations[type];
        // The type as the admin reads it (称賛), not its id (praise); the fix keeps the id to type.
        const name = ctx.deps.t(`type.${type}` as MessageKey);
        const params = { type: name };
        if (!destination) found.push(warn('doctor.dest.unset', params, 'doctor.fix.destination', { type }));
        else if (destination === 'off') found.push(ok('doctor.dest.off', params));
        else if (destination === 'dm') {
          found.push(linked ? ok('doctor.dest.dm', { type: name, linked }) : warn('doctor.dest.dmNobody', params, 'doctor.fix.linkAuto'));
        } else {
          const roomId = Number(destination.slice('room:'.length));
          const room = rooms.find((r) => r.room_id === roomId);
          if (!room) found.push(fail('doctor.dest.roomGone', { type: name, roomId }, 'doctor.fix.destination', { type }));
          else if (room.role === 'readonly') found.push(fail('doctor.dest.readonly', { type: name, roomId, name: room.name }, 'doctor.fix.readonly', { type, name: room.name }));
          else found.push(ok('doctor.dest.room', { type: name, roomId, name: room.name }));
        }
      }
      return found;
    },
  },
];
