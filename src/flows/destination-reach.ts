import type { Deps } from '../deps/deps.js';
import type { Config, DeliverAs, NonMemberFallback, NotificationType } from '../domain.js';
import { outsidersOf, sampleOf, type Outsider } from '../destinations/room-reach.js';
import { UsageError } from '../errors/index.js';
import type { MessageKey } from '../i18n/catalog.js';
import type { Store } from '../store/store.js';

export interface DeliveryChoice { as?: DeliverAs; nonMembers?: NonMemberFallback }
export interface RoomReach { roomId: number; name: string; outsiders: Outsider[] }

/** `--as message|task` and `--non-members skip|dm`, checked before anything is asked of Chatwork. */
export function deliveryOptions(options: { as?: string; nonMembers?: string }, destination: string): DeliveryChoice {
  const choice: DeliveryChoice = {};
  if (options.as !== undefined) {
    const as = options.as.trim().toLowerCase();
    if (as !== 'message' && as !== 'task') throw new UsageError('admin.destinations.badDeliverAs', { value: options.as });
    choice.as = as;
  }
  if (options.nonMembers !== undefined) {
    const fallback = options.nonMembers.trim().toLowerCase();
    if (fallback !== 'skip' && fallback !== 'dm') throw new UsageError('admin.destinations.badNonMembers', { value: options.nonMembers });
    if (!destination.trim().startsWith('room:')) throw new UsageError('admin.destinations.nonMembersNeedsRoom');
    choice.nonMembers = fallback;
  }
  return choice;
}

export async function roomReach(deps: Deps, store: Store, roomId: number, name: string): Promise<RoomReach> {
  const api = await deps.http.chatwork();
  const [users, links] = await Promise.all([store.users.all(), store.links.all()]);
  return { roomId, name, outsiders: await outsidersOf(api, roomId, users, links) };
}

export async function saveDeliveryOptions(store: Store, type: NotificationType, choice: DeliveryChoice): Promise<Config> {
  if (choice.as === undefined && choice.nonMembers === undefined) return store.config.get();
  return store.config.update((config) => {
    if (choice.as) config.deliverAs = { ...config.deliverAs, [type]: choice.as };
    if (choice.nonMembers) config.nonMembers = { ...config.nonMembers, [type]: choice.nonMembers };
  });
}

/** A destination as it was set: the room's reach when it is a group chat; `extra` goes into --json as it is. */
export interface DeliveryReport {
  type: NotificationType; destination: string; config: Config; reach: RoomReach | undefined; json?: boolean; extra?: Record<string, unknown>;
}

/** What the destination means for people: how it is delivered, and who a group chat does not reach. */
export function reportDelivery(deps: Deps, report: DeliveryReport): void {
  const { type, destination, config, reach, json, extra = {} } = report;
  const { io, t, env } = deps;
  const as = config.deliverAs?.[type] ?? 'message';
  const fallback = config.nonMembers?.[type] ?? 'skip';
  if (json) {
    io.json({
      type, destination, deliverAs: as,
      ...(reach ? { roomName: reach.name, nonMembers: fallback, outsiders: reach.outsiders } : {}), ...extra,
    });
    return;
  }
  const typeName = t(`type.${type}` as MessageKey);
  if (as === 'task') io.err(t('admin.destinations.asTask', { type: typeName }));
  if (!reach) return;
  const { roomId, name, outsiders } = reach;
  if (!outsiders.length) {
    io.err(t('admin.members.allIn', { roomId, name }));
    return;
  }
  io.err(t('admin.members.missing', { count: outsiders.length, roomId, name, sample: sampleOf(outsiders, env.lang) }));
  io.err(fallback === 'dm' ? t('admin.members.missingDm', { type: typeName })
    : t('admin.members.missingSkip', { type: typeName, typeArg: type, roomId, destination }));
}
