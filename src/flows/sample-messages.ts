import { visible } from '../text/terminal-safe.js';
import { loadHolidays } from '../calendar/calendar.js';
import { sampleDueDate } from '../calendar/sample-due.js';
import type { Deps } from '../deps/deps.js';
import { createTranslator } from '../i18n/translate.js';
import { ApiError, UsageError } from '../errors/index.js';
import type { MessageKey } from '../i18n/catalog.js';
import { findContact } from '../linking/link-state.js';
import { mention } from '../delivery/notation.js';
import { formatDue, render, templateFor, userText } from '../delivery/templates.js';
import type { NotificationType } from '../domain.js';

/** Where the samples go: a linked user's DM, a group room, or (neither) the account's My Chat. */
export interface SampleTarget { types: NotificationType[]; user?: string; room?: string; json?: boolean }

/**
 * Sends a sample of each template given, as `send-test` and setup's last step do: to a linked
 * user's DM, to a group room, or by default to the account's own My Chat, where only it can
 * see them. This is also the preview of custom templates: the bodies are printed on stdout.
 */
export async function sendSamples(deps: Deps, options: SampleTarget): Promise<void> {
  const { io, t, clock } = deps;
  const { types } = options;
  const store = await deps.stores.state();
  const settings = await store.config.get();
  const lang = settings.messageLang;
  const api = await deps.http.chatwork();
  let roomId: number;
  let where: string;
  let to = '';
  let name = settings.account?.name ?? 'HiManager';
  if (options.user) {
    const user = await store.users.find(options.user);
    if (!user) throw new UsageError('link.noSuchUser', { user: options.user });
    const link = (await store.links.byUserIds([user.id])).get(user.id);
    if (!link) throw new UsageError('sendTest.notLinked', { user: user.id });
    const contact = findContact(await api.contacts(), String(link.accountId));
    roomId = contact.room_id;
    to = mention(contact.account_id, user.name, lang === 'ja' ? 'さん' : '');
    name = user.name;
    where = t('sendTest.toUser', { name: user.name, room: roomId });
  } else if (options.room) {
    if (!/^[1-9]\d*$/.test(options.room)) throw new UsageError('sendTest.badRoom', { value: options.room });
    const room = await api.room(Number(options.room)).catch((error: unknown) => {
      if (error instanceof ApiError && (error.status === 404 || error.status === 403)) throw new UsageError('destinations.noRoom', { roomId: options.room! });
      throw error;
    });
    if (room.role === 'readonly') throw new UsageError('destinations.readonly', { roomId: options.room, name: room.name });
    roomId = room.room_id;
    where = t('sendTest.toRoom', { name: room.name, room: roomId });
  } else {
    const me = await api.me();
    roomId = me.room_id;
    where = t('sendTest.toMyChat', { room: roomId });
  }
  // A week ahead in the recipients' calendar, on a business day (never a weekend or holiday).
  const due = sampleDueDate(clock.now(), settings, await loadHolidays());
  // The sample reads in the language of the messages, which may not be the CLI's.
  const inMessageLang = createTranslator(lang);
  const sent: { type: NotificationType; messageId: string; body: string }[] = [];
  for (const type of types) {
    const body = render(templateFor(settings, type, lang), {
      to, title: userText(inMessageLang('sendTest.sampleTitle')), due: formatDue(due, lang), url: 'https://app.himanager.example/',
      from: userText(name), message: userText(inMessageLang('sendTest.sampleMessage')),
    }).replace(/^\n/, '');
    const { message_id } = await api.postMessage(roomId, body);
    sent.push({ type, messageId: message_id, body });
    if (!options.json) {
      io.out(`── ${t(`type.${type}` as MessageKey)} ──`);
      io.out(visible(body, { keepNewlines: true }));
    }
  }
  if (options.json) io.json({ roomId, sent });
  else io.err(t('sendTest.done', { count: sent.length, where }));
}
