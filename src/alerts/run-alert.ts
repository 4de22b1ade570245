import type { ChatworkApi } from '../chatwork/client.js';
import type { Deps } from '../deps.js';
import type { Destinations, HiManagerUser, MessageLang, NotificationType } from '../domain.js';
import type { Skip } from '../delivery/plan.js';
import type { Outcome } from '../delivery/send.js';
import { createTranslator } from '../i18n/translate.js';
import type { Store } from '../store/store.js';
import { planAlert, type AffectedPerson, type AlertInput } from './alert-plan.js';

/**
 * What a finished run alerts about, from its outcomes: people not delivered to after retries,
 * and group chats that are gone (a post to a room answered 404: the room, or the account's
 * place in it, is no more). A gone room's people are told under the room, not again as failures.
 */
export function alertInputOf(outcomes: Outcome[], newlyUnreachable: AffectedPerson[], users: Map<string, HiManagerUser>, lang: MessageLang): AlertInput {
  const t = createTranslator(lang);
  const failures: AffectedPerson[] = [];
  const gone = new Map<number, NotificationType>();
  for (const outcome of outcomes) {
    if (outcome.kind !== 'failed') continue;
    const { delivery, message } = outcome;
    if (delivery.route === 'room' && message?.key === 'api.error' && Number(message.params?.status) === 404) {
      gone.set(delivery.roomId, delivery.type);
      continue;
    }
    const reason = message ? t(message.key, message.params) : outcome.reason;
    const unconfirmed = outcome.reason.startsWith('ambiguous');
    for (const r of delivery.recipients) {
      failures.push({ userId: r.userId, name: users.get(r.userId)?.name ?? r.name, reason, type: delivery.type, ...(unconfirmed ? { unconfirmed } : {}) });
    }
  }
  return { failures, newlyUnreachable, roomsGone: [...gone].map(([roomId, type]) => ({ roomId, type })) };
}

/** The skips that make someone unreachable (not the calendar, not a destination turned off). */
const UNREACHABLE = new Set(['unlinked', 'contact-gone', 'not-member']);

/**
 * People skipped now as unlinked, no longer a contact or not a member, who got a delivery in
 * the previous finished run (the latest row of `runs`: call this before the run is recorded).
 * One indexed query per such person. The exit policy's own "new skips" may replace this.
 */
export async function newlyUnreachableSinceLastRun(store: Store, skips: Skip[], users: Map<string, HiManagerUser>, typeOf: Map<string, NotificationType>): Promise<AffectedPerson[]> {
  const previous = (await store.deliveries.recentRuns(1)).at(-1);
  if (!previous) return [];
  const candidates = new Map<string, Skip>();
  for (const skip of skips) if (UNREACHABLE.has(skip.reason) && users.has(skip.recipient) && !candidates.has(skip.recipient)) candidates.set(skip.recipient, skip);
  const found: AffectedPerson[] = [];
  for (const [userId, skip] of candidates) {
    const rows = store.history.query({ userId, since: previous.startedAt, until: previous.at + 1, status: 'delivered', limit: 1 });
    for await (const row of rows) {
      void row;
      const type = typeOf.get(skip.reminderId);
      found.push({ userId, name: users.get(userId)!.name, reason: skip.reason, ...(type ? { type } : {}) });
      break;
    }
  }
  return found;
}

/**
 * After a run (not a dry run, not a locked or logged-out one): posts what is new to the alert
 * room, through the run's fenced client, and keeps what was alerted. A post that fails warns
 * and changes no exit code; its causes are tried again by the next run.
 */
export async function postRunAlert(deps: Deps, store: Store, api: ChatworkApi, input: AlertInput, destinations: Destinations): Promise<void> {
  const config = await store.config.get();
  if (!config.alerts) return;
  const { roomId } = config.alerts;
  const plan = planAlert(input, config.alertMemory, {
    roomId, lang: config.messageLang, destinations, run: { id: deps.run.id, host: deps.run.host }, now: deps.clock.now(),
  });
  let posted = true;
  for (const body of plan.messages) {
    try {
      await api.postMessage(roomId, body);
    } catch (error) {
      posted = false;
      deps.io.err(deps.t('alerts.postFailed', { roomId, detail: error instanceof Error ? error.message : String(error) }));
      break;
    }
  }
  if (plan.messages.length && posted) deps.io.err(deps.t('alerts.posted', { roomId }));
  const next = posted ? plan.memory : plan.memoryIfUnposted;
  // Nothing open: nothing to remember (a cleared cause is forgotten, so its return alerts again).
  const memory = Object.keys(next.open).length ? next : undefined;
  if (JSON.stringify(memory) === JSON.stringify(config.alertMemory)) return;
  await store.config.update((c) => {
    // `alerts off` or another room since the run began: that memory is not this one's to write.
    if (c.alerts?.roomId === roomId) c.alertMemory = memory;
  });
}
