import type { DirectChat } from '../chatwork/types.js';
import { zonedInstant } from '../calendar/calendar.js';
import type { DeliverAs, Destinations, FollowUpTemplates, HiManagerUser, Link, NonMemberFallback, Templates } from '../domain.js';
import { pairKey, pairOf, type Pair, type PairState } from '../store/store.js';
import { hashBody } from './body-hash.js';
import { MAX_BODY, mention } from './notation.js';
import { roomKeyPrefix, roomPosts } from './plan-room.js';
import { checkTemplateFits } from './template-limit.js';
import type { Reminder } from './reminders.js';
import { formatDue, render, userText, type MessageLang } from './templates.js';
import { templateForRound } from './round-templates.js';

interface Recipient { userId: string; accountId: number; name: string }

export interface Delivery {
  key: string;
  /** From the ledger's outbox: deferred by an earlier run. */
  fromOutbox?: boolean;
  reminderId: string;
  type: Reminder['type'];
  route: 'dm' | 'room';
  /** A message (default) or a Chatwork task assigned to each recipient. */
  kind?: DeliverAs;
  /** A task's deadline, Unix seconds (limit_type=date). */
  taskLimit?: number;
  roomId: number;
  recipients: Recipient[];
  pairs: Pair[];
  body: string;
  bodyHash: string;
  /** Set when the body is over Chatwork's 65,535 characters: never posted, recorded as failed (too-long). */
  tooLong?: { length: number };
  /** One of the posts a group post whose mentions do not fit one was split into. */
  part?: { index: number; count: number };
  /** A digest (digest.ts): the reminder ids its one message lists, in its order. */
  digest?: string[];
}

export type SkipReason = 'off' | 'no-destination' | 'unlinked' | 'contact-gone' | 'unknown-user' | 'already-sent' | 'already-deferred' | 'outside-window'
  | 'recalled' | 'not-member' | 'too-long' | 'retired' | 'in-flight' | 'on-leave'
  | 'manager-unlinked' | 'manager-contact-gone';

/** `round`: absent for the first message; `manager` for an escalation, whose recipient is the manager. */
export interface Skip { reminderId: string; recipient: string; reason: SkipReason; round?: string }

/** Skips that are expected and are not a problem: exit 0 stays possible with them. */
export const HARMLESS_SKIPS: SkipReason[] = ['off', 'already-sent', 'already-deferred', 'outside-window', 'recalled', 'too-long', 'retired', 'on-leave'];

/**
 * Turns reminders into deliveries: `dm` is one message per linked recipient in their
 * DM room; `room:<id>` is one message per reminder mentioning every linked recipient;
 * `off` is nothing. Pairs the ledger has as sent are never planned again.
 */
export interface PlanView {
  users: Map<string, HiManagerUser>;
  links: Map<string, Link>;
  destinations: Destinations;
  templates: Templates;
  /** Custom 「再送」「本日締切」 templates (round-templates.ts). */
  followUpTemplates?: FollowUpTemplates;
  /** What the ledger knows of each pair of these reminders. */
  pairStates: Map<string, PairState>;
  deliverAs?: Partial<Record<Reminder['type'], DeliverAs>>;
  /** Members of each room destination, where they could be read; a room absent here is not checked. */
  roomMembers?: Map<number, Set<number>>;
  nonMembers?: Partial<Record<Reminder['type'], NonMemberFallback>>;
  /** The calendar's time zone: a task's due date ends at 23:59 there. */
  timeZone?: string;
  /** Keys of deliveries still in flight whose rooms could not be read this run: their pairs are planned under no key. */
  unsettled?: Set<string>;
}

/**
 * `chats` are the contacts' direct chats by account id. Without `bodies` (a dry run that
 * shows no text) nothing is rendered: 50,000 bodies are tens of megabytes.
 */
export function planDeliveries(reminders: Reminder[], view: PlanView, chats: Map<number, DirectChat>, lang: MessageLang, { bodies = true } = {}):
  { deliveries: Delivery[]; skips: Skip[] } {
  const { users } = view;
  const deliveries: Delivery[] = [];
  const skips: Skip[] = [];
  for (const reminder of reminders) {
    for (const ref of reminder.unknownRecipients) skips.push({ reminderId: reminder.id, recipient: ref, reason: 'unknown-user' });
    const destination = view.destinations[reminder.type];
    // A follow-up round is a delivery of its own: its own key, pairs and template (plan-rounds.ts).
    const round = reminder.round ?? '';
    const recipients: Recipient[] = [];
    /** Room non-members who get a ダイレクトチャット instead (the type's fallback). */
    const dmOnly: Recipient[] = [];
    for (const userId of reminder.to) {
      const skip = (reason: SkipReason) => skips.push({ reminderId: reminder.id, recipient: userId, reason });
      const state = view.pairStates.get(pairKey(reminder.id, userId, round));
      // Recalled (or withdrawn): never again under this reminder id; a correction goes out under a new one.
      if (state?.recalled) { skip('recalled'); continue; }
      if (state?.status === 'sent') { skip('already-sent'); continue; }
      // Too long once, too long for good: the run that found it said so (exit 3), and doctor does.
      if (state?.status === 'failed' && state.reason === 'too-long') { skip('too-long'); continue; }
      // A deferred pair goes out from the ledger's own copy, once: never planned twice.
      if (state?.outbox) { skip('already-deferred'); continue; }
      // Left the company (users sync): gets nothing, and that is no one's problem to fix.
      if (users.get(userId)?.status === 'retired') { skip('retired'); continue; }
      if (!destination) { skip('no-destination'); continue; }
      if (destination === 'off') { skip('off'); continue; }
      const link = view.links.get(userId);
      if (!link) { skip('unlinked'); continue; }
      const chat = chats.get(link.accountId);
      if (!chat) { skip('contact-gone'); continue; }
      const recipient = { userId, accountId: link.accountId, name: users.get(userId)?.name ?? chat.name };
      const members = destination.startsWith('room:') ? view.roomMembers?.get(Number(destination.slice('room:'.length))) : undefined;
      const outside = members !== undefined && !members.has(link.accountId);
      if (outside && view.nonMembers?.[reminder.type] !== 'dm') { skip('not-member'); continue; }
      if (inFlightElsewhere(state, reminder.id, userId, destination === 'dm' || outside ? 'dm' : Number(destination.slice('room:'.length)), view.unsettled, round)) {
        skip('in-flight');
        continue;
      }
      // A [To:] to someone outside the room reaches no one: a ダイレクトチャット instead.
      if (outside) dmOnly.push(recipient);
      else recipients.push(recipient);
    }
    if (recipients.length === 0 && dmOnly.length === 0) continue;
    const kind: DeliverAs = view.deliverAs?.[reminder.type] ?? 'message';
    const template = templateForRound(view, reminder.type, lang, round);
    checkTemplateFits(template, reminder.type, lang);
    const honorific = lang === 'ja' ? 'さん' : '';
    const values = {
      title: userText(reminder.title), due: formatDue(reminder.due, lang), url: userText(reminder.url),
      from: userText(reminder.from?.name), message: userText(reminder.message),
    };
    // A task is assigned to its people: its body mentions nobody.
    const toOf = (to: Recipient[]) => (kind === 'task' ? '' : to.map((r) => mention(r.accountId, r.name, honorific)).join('\n'));
    // What Chatwork will show: it trims the ends (a task's body starts with its empty {to} line).
    // Rendered even when not kept, to know whether it fits.
    const made = (to: Recipient[]) => {
      const body = render(template, { ...values, to: toOf(to) }).trim();
      return { body: bodies ? body : '', bodyHash: bodies ? hashBody(body) : '', ...(body.length > MAX_BODY ? { tooLong: { length: body.length } } : {}) };
    };
    const task = kind === 'task'
      ? { kind, ...(reminder.due ? { taskLimit: Math.floor(zonedInstant(reminder.due, 23 * 60 + 59, view.timeZone ?? 'Asia/Tokyo') / 1000) } : {}) }
      : {};
    const direct = destination === 'dm' ? recipients : dmOnly;
    for (const recipient of direct) {
      deliveries.push({
        key: pairKey(reminder.id, recipient.userId, round), reminderId: reminder.id, type: reminder.type, route: 'dm', ...task,
        roomId: chats.get(recipient.accountId)!.roomId, recipients: [recipient], pairs: [pairOf(reminder.id, recipient.userId, round)], ...made([recipient]),
      });
    }
    if (destination !== 'dm' && recipients.length) {
      const roomId = Number(destination!.slice('room:'.length));
      // A message mentions everyone: split into posts that each fit. A task is one, assigned to all.
      const shape = { fixedLength: render(template, { ...values, to: '' }).length, toCount: kind === 'task' ? 0 : template.split('{to}').length - 1 };
      const { posts, held } = roomPosts(reminder.id, roomId, recipients, shape, (r) => mention(r.accountId, r.name, honorific).length, view.pairStates, round);
      for (const r of held) skips.push({ reminderId: reminder.id, recipient: r.userId, reason: 'in-flight' });
      posts.forEach((post, index) => deliveries.push({
        key: post.key, reminderId: reminder.id, type: reminder.type, route: 'room', roomId, ...task,
        recipients: post.recipients, pairs: post.recipients.map((r) => pairOf(reminder.id, r.userId, round)), ...made(post.recipients),
        ...(posts.length > 1 ? { part: { index: index + 1, count: posts.length } } : {}),
      }));
    }
  }
  return { deliveries, skips };
}

/**
 * A pair whose delivery is in flight under a key other than the one this route plans (its route
 * changed since: `destinations set`, a restored dump) may be in that room already, so it is
 * planned under no new key; under the same key the send looks in the room first. A delivery whose
 * room could not be read this run (`unsettled`) is planned under no key at all.
 */
function inFlightElsewhere(state: PairState | undefined, reminderId: string, userId: string, route: 'dm' | number, unsettled?: Set<string>, round = ''): boolean {
  if (state?.status !== 'in-flight' || state.outbox) return false;
  if (unsettled?.has(state.key)) return true;
  return route === 'dm' ? state.key !== pairKey(reminderId, userId, round) : !state.key.startsWith(roomKeyPrefix(reminderId, route, round));
}
