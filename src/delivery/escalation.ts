import type { DirectChat } from '../chatwork/types.js';
import type { HiManagerUser, Link, NotificationType } from '../domain.js';
import { MANAGER_ROUND, pairKey, type DeliveryEntry, type Pair } from '../store/store.js';
import { hashBody } from './body-hash.js';
import { nameLine, partLabel, renderEscalation } from './escalation-template.js';
import { MAX_BODY, mention } from './notation.js';
import type { Delivery, Skip } from './plan.js';
import type { Reminder } from './reminders.js';
import { splitMentions } from './split-mentions.js';
import { userText, type MessageLang } from './templates.js';

export interface EscalationView {
  enabled: Partial<Record<NotificationType, boolean>>;
  today: string;
  /** The day managers hear of a reminder: its last round's day (its due day when it has no schedule). */
  escalationDay(reminder: Reminder): string | undefined;
  /** The people the input names, and their managers, from the directory. */
  users: Map<string, HiManagerUser>;
  links: Map<string, Link>;
  chats: Map<number, DirectChat>;
  /** Someone on leave today is not listed: nobody expects their answer. */
  onLeave(userId: string): boolean;
  /** What the ledger has under a key. */
  entryOf(key: string): Promise<DeliveryEntry | undefined>;
  /** Keys still in flight whose rooms could not be read this run. */
  unsettled: Set<string>;
  lang: MessageLang;
}

/** The escalation's key: the pair (reminder, manager, 'manager'); a list split in several messages adds the part from the second on. */
export const escalationKey = (reminderId: string, managerId: string, part: number) =>
  (part === 1 ? pairKey(reminderId, managerId, MANAGER_ROUND) : `${pairKey(reminderId, managerId, MANAGER_ROUND)}\u001fpart:${part}`);

/** The managers each reminder due for escalation today would tell, and whom: before any lookup. */
export function escalationTargets(reminders: Reminder[], view: Pick<EscalationView, 'enabled' | 'today' | 'escalationDay' | 'users' | 'onLeave'>): Map<Reminder, Map<string, string[]>> {
  const targets = new Map<Reminder, Map<string, string[]>>();
  for (const reminder of reminders) {
    const day = view.enabled[reminder.type] ? view.escalationDay(reminder) : undefined;
    if (!day || view.today < day) continue;
    const byManager = new Map<string, string[]>();
    for (const userId of reminder.to) {
      const user = view.users.get(userId);
      if (!user?.managerId || user.status === 'retired' || view.onLeave(userId)) continue;
      byManager.set(user.managerId, [...(byManager.get(user.managerId) ?? []), userId]);
    }
    if (byManager.size) targets.set(reminder, byManager);
  }
  return targets;
}

/**
 * One direct chat per (reminder, manager) listing their reports still pending (names and the
 * title only), once: its key is the pair (reminder, manager, 'manager') in the ledger, so it goes
 * through the same intent, POST and reconciliation as any delivery. A list that does not fit one
 * message is split between names, never cut; each part has a key of its own.
 */
export async function planEscalations(targets: Map<Reminder, Map<string, string[]>>, view: EscalationView): Promise<{ deliveries: Delivery[]; skips: Skip[] }> {
  const deliveries: Delivery[] = [];
  const skips: Skip[] = [];
  const { lang } = view;
  for (const [reminder, byManager] of targets) {
    for (const [managerId, reports] of byManager) {
      const skip = (reason: Skip['reason']) => skips.push({ reminderId: reminder.id, recipient: managerId, reason, round: MANAGER_ROUND });
      const first = await view.entryOf(escalationKey(reminder.id, managerId, 1));
      if (first?.recall) { skip('recalled'); continue; }
      const manager = view.users.get(managerId);
      const link = manager && manager.status !== 'retired' ? view.links.get(managerId) : undefined;
      if (!link) { skip('manager-unlinked'); continue; }
      const chat = view.chats.get(link.accountId);
      if (!chat) { skip('manager-contact-gone'); continue; }
      const to = mention(link.accountId, manager!.name, lang === 'ja' ? 'さん' : '');
      const names = reports.map((id) => nameLine(lang, userText(view.users.get(id)?.name ?? id))).sort();
      const values = { to, title: userText(reminder.title), count: reports.length, part: partLabel(lang, 99, 99) };
      const budget = MAX_BODY - renderEscalation(lang, { ...values, names: '' }).length;
      const parts = splitMentions(names, (line) => line.length, budget);
      let planned = 0;
      for (const [index, lines] of parts.entries()) {
        const key = escalationKey(reminder.id, managerId, index + 1);
        // Each part once: after a crash between parts, only those not sent go.
        const entry = index === 0 ? first : await view.entryOf(key);
        if (entry?.status === 'sent' || entry?.status === 'deferred' || (entry?.status === 'failed' && entry.reason === 'too-long')) continue;
        if (entry?.status === 'in-flight' && view.unsettled.has(key)) { skip('in-flight'); continue; }
        planned += 1;
        const body = renderEscalation(lang, { ...values, names: lines.join('\n'), part: partLabel(lang, index + 1, parts.length) });
        const pairs: Pair[] = index === 0 ? [[reminder.id, managerId, MANAGER_ROUND]] : [];
        deliveries.push({
          key, reminderId: reminder.id, type: reminder.type, route: 'dm', roomId: chat.roomId,
          recipients: [{ userId: managerId, accountId: link.accountId, name: manager!.name }], pairs, body, bodyHash: hashBody(body),
          ...(body.length > MAX_BODY ? { tooLong: { length: body.length } } : {}),
          ...(parts.length > 1 ? { part: { index: index + 1, count: parts.length } } : {}),
        });
      }
      if (!planned && first?.status === 'sent') skip('already-sent');
    }
  }
  return { deliveries, skips };
}
