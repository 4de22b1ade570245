import { createHash } from 'node:crypto';
import type { AlertKind, AlertMemory } from '../domain.js';
import type { AlertContext, AlertInput } from './alert-input.js';
import { renderAlert } from './alert-text.js';

export interface AlertPlan {
  /** What to post, in order: usually one message, never a cut one. Empty: nothing new. */
  messages: string[];
  /** The causes raised now (new, or changed since they were alerted). */
  raised: AlertKind[];
  /** The memory to keep once the messages are posted. */
  memory: AlertMemory;
  /** The memory to keep when they could not be posted: the raised causes are tried again next run. */
  memoryIfUnposted: AlertMemory;
}

/**
 * Once per cause until the cause changes or clears. A cause is a kind and the set it affects
 * (its fingerprint); a kind absent from this run is forgotten, so its return alerts again.
 */
export function planAlert(input: AlertInput, remembered: AlertMemory | undefined, context: AlertContext): AlertPlan {
  const before = remembered?.roomId === context.roomId ? remembered.open : {};
  const current = causesOf(input);
  const open: AlertMemory['open'] = {};
  const unposted: AlertMemory['open'] = {};
  const raised: AlertKind[] = [];
  for (const [kind, fingerprint] of current) {
    const known = before[kind];
    if (known?.fingerprint === fingerprint) {
      open[kind] = known;
      unposted[kind] = known;
    } else {
      raised.push(kind);
      open[kind] = { fingerprint, since: context.now };
      if (known) unposted[kind] = known;
    }
  }
  const memory = { roomId: context.roomId, open };
  const memoryIfUnposted = { roomId: context.roomId, open: unposted };
  return { messages: raised.length ? renderAlert(input, raised, context) : [], raised, memory, memoryIfUnposted };
}

/** The causes present in this run, in the order they are told, each with its fingerprint. */
function causesOf(input: AlertInput): [AlertKind, string][] {
  const causes: [AlertKind, string][] = [];
  if (input.roomsGone.length) causes.push(['room-gone', fingerprint(input.roomsGone.map((r) => `${r.roomId}:${r.type}`))]);
  if (input.failures.length) causes.push(['failed', fingerprint(input.failures.map((p) => p.userId))]);
  if (input.newlyUnreachable.length) causes.push(['newly-unreachable', fingerprint(input.newlyUnreachable.map((p) => p.userId))]);
  return causes;
}

/** The same set in any order, with any repeats, gives the same fingerprint; no name goes into the store. */
function fingerprint(ids: string[]): string {
  const unique = [...new Set(ids)].sort();
  return createHash('sha256').update(unique.join('\u001f')).digest('hex').slice(0, 32);
}
