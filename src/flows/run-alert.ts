import type { ChatworkApi } from '../chatwork/client/index.js';
import type { Deps } from '../deps/deps.js';
import type { Destinations, HiManagerUser, MessageLang, NotificationType } from '../domain.js';
import type { Verdict } from '../delivery/exit-policy.js';
import type { Skip } from '../delivery/plan.js';
import type { Outcome } from '../delivery/send.js';
import { errorInWords } from '../errors/index.js';
import { createTranslator } from '../i18n/translate.js';
import type { Store } from '../store/store.js';
import type { AffectedPerson, AlertInput } from '../alerts/alert-input.js';
import { planAlert } from '../alerts/alert-plan.js';

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
    if (delivery.route === 'room' && (message?.key === 'api.notFound' || message?.key === 'api.error') && Number(message?.params?.status) === 404) {
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

/**
 * The exit policy's new skips (someone the last run reached who cannot be reached now), as the
 * people an alert names: one verdict decides both the exit code and the alert.
 */
export function newlyUnreachableOf(newSkips: Verdict['newSkips'], skips: Skip[], users: Map<string, HiManagerUser>, typeOf: Map<string, NotificationType>): AffectedPerson[] {
  const firstSkip = new Map<string, Skip>();
  for (const skip of skips) if (!firstSkip.has(skip.recipient)) firstSkip.set(skip.recipient, skip);
  return newSkips.filter(({ recipient }) => users.has(recipient)).map(({ recipient, reason }) => {
    const type = typeOf.get(firstSkip.get(recipient)?.reminderId ?? '');
    return { userId: recipient, name: users.get(recipient)!.name, reason, ...(type ? { type } : {}) };
  });
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
      deps.io.err(deps.t('alerts.postFailed', { roomId, detail: errorInWords(error, deps.t) }));
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
