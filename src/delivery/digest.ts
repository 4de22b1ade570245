import { hash } from 'node:crypto';
import { MANAGER_ROUND } from '../store/repos/round-labels.js';
import { hashBody } from './body-hash.js';
import { renderDigest, renderItem, type DigestItem } from './digest-template.js';
import { MAX_BODY, mention } from './notation.js';
import type { Delivery } from './plan.js';
import type { MessageLang } from './templates.js';

/**
 * One message per person per run: a pure transform on the planned deliveries. Several
 * reminders planned for the same direct chat as messages become one delivery whose pairs are
 * all of theirs, keyed by those pairs, so that the ledger's one-delivery-many-pairs rules
 * (intent before the POST, reconciliation by body after a crash or a lost answer) hold for
 * the digest as for a group post. Never combined: praise, tasks (each closes on its own),
 * group chat posts (one post already), a manager's escalation (a list about others, not a
 * reminder of theirs), a body too long, and what the outbox holds (a deferred delivery, digest
 * or not, goes out as it was kept).
 */
export interface DigestOptions {
  lang: MessageLang;
  template: string;
  /** What each reminder id lists in a digest item. */
  itemOf(reminderId: string): DigestItem | undefined;
  /** False in a dry run that shows no text: the body is left empty, as the planner does. */
  bodies: boolean;
  /** Deliveries that differ here are never combined (their send-window policies differ). */
  batchOf?(delivery: Delivery): string;
}

/** Every key of a digest in this direct chat starts so; routeOf (outbox.ts) reads it as a direct chat. */
const digestKeyPrefix = (reminderId: string, roomId: number) => `${reminderId}\u001fdigest:${roomId}\u001f`;

/** The digest's key: its first reminder, its room, and every pair it covers (in any order). */
function digestKey(first: Delivery, pairs: Delivery['pairs']): string {
  const who = hash('sha256', pairs.map((pair) => pair.join('\u001f')).sort().join('\n'), 'hex').slice(0, 16);
  return `${digestKeyPrefix(first.reminderId, first.roomId)}${who}`;
}

function combinable(delivery: Delivery): boolean {
  return delivery.route === 'dm' && (delivery.kind ?? 'message') === 'message' && delivery.type !== 'praise'
    && !delivery.fromOutbox && !delivery.tooLong && !delivery.part && delivery.pairs.length === 1 && delivery.recipients.length === 1
    && delivery.pairs[0]![2] !== MANAGER_ROUND;
}

/** The deliveries with every direct chat's combinable ones merged into one; the others as they were, in order. */
export function combineDigests(deliveries: Delivery[], options: DigestOptions): Delivery[] {
  const groups = new Map<string, Delivery[]>();
  for (const delivery of deliveries) {
    if (!combinable(delivery)) continue;
    const group = `${delivery.roomId}\u001f${options.batchOf?.(delivery) ?? ''}`;
    groups.set(group, [...(groups.get(group) ?? []), delivery]);
  }
  const merged = new Map<Delivery, Delivery | null>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const digest = digestOf(group, options);
    if (!digest) continue;
    group.forEach((delivery, index) => merged.set(delivery, index === 0 ? digest : null));
  }
  return deliveries.flatMap((delivery) => {
    const instead = merged.get(delivery);
    return instead === undefined ? [delivery] : instead === null ? [] : [instead];
  });
}

/** One message for these deliveries to one person, earliest due date first; none when it would be too long. */
function digestOf(group: Delivery[], options: DigestOptions): Delivery | undefined {
  const ordered = group.toSorted((a, b) => dueOf(a, options).localeCompare(dueOf(b, options)));
  const first = ordered[0]!;
  const recipient = first.recipients[0]!;
  const items = ordered.map((d) => renderItem(options.itemOf(d.reminderId) ?? { type: d.type }, options.lang));
  const to = mention(recipient.accountId, recipient.name, options.lang === 'ja' ? 'さん' : '');
  const body = renderDigest(options.template, { to, count: ordered.length, items }).trim();
  if (body.length > MAX_BODY) return undefined;
  const pairs = ordered.flatMap((d) => d.pairs);
  return {
    key: digestKey(first, pairs), reminderId: first.reminderId, type: first.type, route: 'dm', roomId: first.roomId,
    recipients: [recipient], pairs, body: options.bodies ? body : '', bodyHash: options.bodies ? hashBody(body) : '',
    digest: ordered.map((d) => d.reminderId),
  };
}

/** Sorts undated reminders last, then by id, so the same reminders always read in the same order. */
const dueOf = (delivery: Delivery, options: DigestOptions) => `${options.itemOf(delivery.reminderId)?.due ?? '9999'}\u001f${delivery.reminderId}`;

/**
 * Sits between the planner and the run's router: combinable deliveries wait until planning is
 * over (they may come from different slices), then go on merged; the rest go on at once.
 */
export function digestingRouter(route: (delivery: Delivery) => void, options: DigestOptions): { route(delivery: Delivery): void; finish(): void } {
  const waiting: Delivery[] = [];
  return {
    route(delivery) {
      if (combinable(delivery)) waiting.push(delivery);
      else route(delivery);
    },
    finish() {
      combineDigests(waiting, options).forEach(route);
      waiting.length = 0;
    },
  };
}
