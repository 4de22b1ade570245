import { loadSettings } from '../store/snapshot.js';
import type { Deps } from '../deps/deps.js';
import { ExitCode, UsageError } from '../errors/index.js';
import { isLang, type Lang } from '../i18n/translate.js';
import { audience } from '../invite/audience.js';
import { buildInvitation, invitationCsv, invitationText } from '../invite/invitation.js';
import { postRoomInvitation } from '../invite/room-invite.js';
import { trustOf } from '../linking/trust.js';
import { writeFileAtomic } from '../store/atomic-file.js';
import { NOTIFICATION_TYPES, type Settings } from '../domain.js';

export interface InviteRequest { users?: string; lang?: string; format?: string; output?: string; room?: string; json?: boolean }

const FORMATS = ['text', 'csv', 'json'] as const;

/**
 * The invitation for the people the account cannot reach: add it as a contact, and why.
 * Text for an announcement, CSV for a mail merge, JSON for scripts, or one post in a
 * group chat mentioning the members it concerns. What `invite` does, and setup's offer.
 */
export async function invite(deps: Deps, options: InviteRequest): Promise<number> {
  const { io, t } = deps;
  const format = options.json ? 'json' : options.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError('invite.badFormat', { value: format });
  if (options.lang !== undefined && !isLang(options.lang)) throw new UsageError('invite.badLang', { value: options.lang });
  const settings = await loadSettings(await deps.stores.state());
  const lang: Lang = (options.lang as Lang | undefined) ?? settings.messageLang;
  const api = await deps.http.chatwork();
  const [me, contacts] = await io.spinner(t('contacts.loading'), () => Promise.all([api.me(), api.contacts()]));
  // The Chatwork ID is what people search for: without one there are no steps to give.
  if (!me.chatwork_id) throw new UsageError('invite.noChatworkId', { account: me.name }, { hint: { key: 'invite.hint.setChatworkId' } });
  const trust = trustOf(me, settings.trustedOrganizations);
  const { people, leftOut } = await audience(settings, contacts, trust, options.users);
  if (leftOut.length) io.err(t('invite.linkedLeftOut', { count: leftOut.length, ids: leftOut.map((u) => u.id).join(', ') }));
  if (people.length === 0) {
    if (format === 'json') io.json({ lang, people: [] });
    else io.err(t('invite.nobody'));
    return ExitCode.ok;
  }
  const invitation = buildInvitation({ lang, account: { name: me.name, chatworkId: me.chatwork_id }, types: typesFor(settings), people });

  if (options.room) {
    const result = await postRoomInvitation(api, {
      roomId: options.room, people, invitation, lang, selfId: me.account_id, contacts, trust,
    });
    if (options.json) io.json({ roomId: Number(options.room), posted: result.posted, mentioned: result.mentioned, notInRoom: result.others.map((u) => u.id) });
    else {
      if (result.posted) io.err(t('invite.roomPosted', { room: result.roomName, roomId: options.room, count: result.mentioned.length }));
      else if (result.code === ExitCode.ok) io.err(t('invite.roomNobody', { room: result.roomName }));
      else io.err(t('invite.roomUnknown', { room: result.roomName }));
      if (result.others.length) io.err(t('invite.roomOthers', { count: result.others.length, names: result.others.map((u) => `${u.name} (${u.id})`).join(', ') }));
    }
    return result.code;
  }

  const text = format === 'csv' ? await invitationCsv(invitation, lang)
    : format === 'json' ? `${JSON.stringify({
      lang, account: { name: me.name, chatworkId: me.chatwork_id, profileUrl: invitation.profileUrl },
      subject: invitation.subject, body: invitation.body,
      people: invitation.perPerson.map((p) => ({ id: p.user.id, name: p.user.name, email: p.user.email, subject: p.subject, body: p.body })),
    }, null, 2)}\n`
      : invitationText(invitation, lang);
  if (options.output) {
    await writeFileAtomic(options.output, text, 0o644);
    io.err(t('invite.written', { count: people.length, file: options.output }));
  } else {
    io.out(text.replace(/\r?\n$/, ''));
  }
  io.err(t('invite.next'));
  return ExitCode.ok;
}

/** What the people will receive by direct chat: the types sent as DMs, or all when none is set yet. */
export function typesFor(settings: Pick<Settings, 'destinations'>) {
  const dm = NOTIFICATION_TYPES.filter((type) => settings.destinations[type] === 'dm');
  return dm.length ? dm : [...NOTIFICATION_TYPES];
}
