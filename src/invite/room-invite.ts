import type { ChatworkApi } from '../chatwork/client/index.js';
import type { Contact } from '../chatwork/types.js';
import { mention } from '../delivery/notation.js';
import { AmbiguousRequestError, ApiError, ExitCode, UsageError } from '../errors/index.js';
import { createTranslator, type Lang } from '../i18n/translate.js';
import { suggestLinks } from '../linking/matcher.js';
import type { OrganizationTrust } from '../linking/trust.js';
import type { HiManagerUser } from '../domain.js';
import type { Invitation } from './invitation.js';

export interface RoomInviteResult {
  code: number;
  roomName: string;
  posted: boolean;
  mentioned: { userId: string; accountId: number }[];
  others: HiManagerUser[];
}

/**
 * One message in a group chat the account belongs to, with a [To:] for each person to
 * invite who is a member (matched by name like link --auto, unambiguous only). Posted
 * through the client, so it is paced like every other post; never repeated blindly.
 */
export async function postRoomInvitation(api: ChatworkApi, input: {
  roomId: string; people: HiManagerUser[]; invitation: Invitation; lang: Lang; selfId?: number; contacts: Contact[]; trust: OrganizationTrust;
}): Promise<RoomInviteResult> {
  if (!/^[1-9]\d*$/.test(input.roomId)) throw new UsageError('invite.roomNotGroup', { roomId: input.roomId });
  const roomId = Number(input.roomId);
  const room = await api.room(roomId).catch((error: unknown) => {
    if (error instanceof ApiError && error.status === 404) throw new UsageError('invite.roomNotGroup', { roomId });
    throw error;
  });
  if (room.type !== 'group' || room.role === 'readonly') throw new UsageError('invite.roomNotGroup', { roomId });
  const contactIds = new Set(input.contacts.map((c) => c.account_id));
  const members = (await api.members(roomId)).filter((m) => m.account_id !== input.selfId && !contactIds.has(m.account_id));
  const asContacts: Contact[] = members.map((m) => ({ ...m, room_id: 0 }));
  const found = suggestLinks(input.people, asContacts, {}, input.trust).suggestions.filter((s) => s.unambiguous);
  const mentioned = found.map((s) => ({ userId: s.user.id, accountId: s.contact.account_id, name: s.contact.name }));
  const others = input.people.filter((u) => !found.some((s) => s.user.id === u.id));
  const base = { roomName: room.name, mentioned: mentioned.map(({ userId, accountId }) => ({ userId, accountId })), others };
  if (mentioned.length === 0) return { ...base, code: ExitCode.ok, posted: false };
  const t = createTranslator(input.lang);
  // mention() neutralises the name; the honorific is the catalog's, as in every other message.
  const honorific = t('invite.person', { name: '' });
  const body = [
    ...mentioned.map((m) => mention(m.accountId, m.name, honorific)),
    t('invite.roomIntro'),
    `[info][title]${input.invitation.subject}[/title]${input.invitation.body}[/info]`,
  ].join('\n');
  try {
    await api.postMessage(roomId, body);
    return { ...base, code: ExitCode.ok, posted: true };
  } catch (error) {
    if (error instanceof AmbiguousRequestError) return { ...base, code: ExitCode.partial, posted: false };
    throw error;
  }
}

