import { inWindow, loadHolidays, nextWindowStart } from '../../calendar/calendar.js';
import type { Deps } from '../../deps.js';
import { ExitCode, UsageError } from '../../errors.js';
import { invalidFile } from '../../himanager-users/problems.js';
import { estimateMs, formatDuration } from '../../delivery/estimate.js';
import { parseRecords, readInput } from '../../delivery/input.js';
import { HARMLESS_SKIPS, outboxDeliveries, planDeliveries, type Delivery, type Skip } from '../../delivery/plan.js';
import { createProgress } from '../../delivery/progress.js';
import { referencesIn, validateReminders, type Reminder } from '../../delivery/reminders.js';
import { sendAll, type Outcome } from '../../delivery/send.js';
import type { MessageKey } from '../../i18n/catalog.js';
import type { Pair, Store } from '../../store/store.js';
import { calendarOf } from '../../calendar/calendar.js';
import type { HiManagerUser } from '../../domain.js';
import { membersOfRooms } from '../../delivery/room-members.js';

export interface SendRemindersOptions { input?: string; header?: string[]; dryRun?: boolean; json?: boolean; now?: boolean; allowEmpty?: boolean }

interface Deferral { delivery: Delivery; until: number }

/**
 * The job cron runs. Exit 0 when everything routable was delivered or deferred to the
 * send window; 3 when anything failed or was skipped for a reason other than the
 * destination being off, the pair being sent already, or the calendar.
 */
export async function run(options: SendRemindersOptions, deps: Deps): Promise<number> {
  const { io, t, clock } = deps;
  if (!options.input) throw new UsageError('send.needInput');
  const store = await deps.stores.state();
  const { reminders, referenced } = await loadReminders(options, deps, store);

  const lock = options.dryRun ? undefined : await store.locks.acquireRun();
  const startedAt = clock.now();
  try {
    const ledger = store.deliveries;
    const [settings, destinations] = await Promise.all([store.config.get(), store.destinations.all()]);
    const userIds = [...new Set(reminders.flatMap((r) => r.to))];
    const [links, pairStates, outbox] = await Promise.all([
      store.links.byUserIds(userIds),
      ledger.pairStates(reminders.flatMap((r) => r.to.map((userId): Pair => [r.id, userId]))),
      ledger.outbox(),
    ]);
    // A deferred task needs its assignees' account ids.
    const outboxLinks = outbox.some((entry) => entry.kind === 'task')
      ? await store.links.byUserIds([...new Set(outbox.flatMap((entry) => entry.pairs.map(([, userId]) => userId)))]) : new Map();
    const calendar = calendarOf(settings);
    const holidays = await loadHolidays();
    const open = inWindow(startedAt, calendar, holidays);
    const api = await deps.http.chatwork();
    const contacts = await io.spinner(t('contacts.loading'), () => api.contacts());
    const users = new Map(referenced.map((user) => [user.id, user]));
    const roomMembers = await membersOfRooms(deps, api, reminders, destinations);
    const planned = planDeliveries(reminders, {
      users, links, destinations, templates: settings.templates, pairStates, roomMembers,
      deliverAs: settings.deliverAs, nonMembers: settings.nonMembers, timeZone: calendar.timeZone,
    }, contacts, settings.messageLang);
    // A pair deferred by an earlier run comes back through the outbox: counted there, once.
    const skips = planned.skips.filter((s) => s.reason !== 'already-deferred');
    const toSend: Delivery[] = [];
    const deferrals: Deferral[] = [];
    const nextOpen = nextWindowStart(startedAt, calendar, holidays);
    for (const delivery of [...outboxDeliveries(outbox, outboxLinks), ...planned.deliveries]) {
      const policy = delivery.fromOutbox ? 'defer' : calendar.policy[delivery.type];
      if (open || options.now || policy === 'send') toSend.push(delivery);
      else if (policy === 'defer') deferrals.push({ delivery, until: nextOpen });
      else for (const r of delivery.recipients) skips.push({ reminderId: delivery.reminderId, recipient: r.userId, reason: 'outside-window' });
    }
    if (options.now && !open) io.err(t('send.nowOverride'));
    if (options.dryRun) return printPlan(deps, toSend, deferrals, skips, estimateMs(toSend.length, api.rateLimit(), clock.now()), options.json);

    for (const { delivery, until } of deferrals) {
      if (!delivery.fromOutbox) await ledger.defer(deferRecord(delivery, until, clock.now()));
    }
    const typeOf = new Map(reminders.map((r) => [r.id, r.type]));
    await ledger.skipped(skips.filter((s) => !ALREADY.includes(s.reason) && users.has(s.recipient)).map((s) => ({
      reminderId: s.reminderId, userId: s.recipient, type: typeOf.get(s.reminderId)!, reason: s.reason, at: clock.now(),
    })));
    const ownAccountId = settings.account?.accountId ?? (await api.me()).account_id;
    let stopping = false;
    // Only the POST on the wire finishes; a wait for the rate limit ends now (systemd and
    // Kubernetes kill 10-30 s after SIGTERM). A second Ctrl-C finds no handler and ends the process.
    const stopListening = io.onInterrupt(() => { stopping = true; api.stop(); io.err(t('send.stopping')); });
    const progress = createProgress(deps, toSend.length, () => api.rateLimit());
    api.onRateLimitWait((waitMs) => progress.waiting(waitMs));
    let done = 0;
    let failed = 0;
    let outcomes: Outcome[];
    try {
      outcomes = await sendAll(toSend, {
        api, ledger, clock, ownAccountId, log: io.verbose,
        // A run that lost its lock stops too: another host may be sending by now.
        shouldStop: () => stopping || lock?.signal?.aborted === true,
        // The window may close while a long run is sending: what waits for it stops there.
        hold: (delivery) => !options.now && (delivery.fromOutbox ? 'defer' : calendar.policy[delivery.type]) === 'defer'
          && !inWindow(clock.now(), calendar, holidays),
        onOutcome: (outcome) => {
          done += 1;
          if (outcome.kind === 'failed') failed += 1;
          progress.update(done, failed);
        },
      });
    } finally {
      progress.finish();
      stopListening();
    }
    for (const outcome of outcomes) {
      if (outcome.kind !== 'pending' || outcome.reason !== 'window-closed') continue;
      const until = nextWindowStart(clock.now(), calendar, holidays);
      const d = outcome.delivery;
      await ledger.defer(deferRecord(d, until, clock.now()));
      deferrals.push({ delivery: d, until });
    }
    const exitCode = summarize(deps, outcomes, deferrals, skips, options.json, clock.now() - startedAt, api.stats, users);
    const delivered = outcomes.filter((o) => o.kind === 'delivered').length;
    await ledger.runFinished({ delivered, failed, skipped: skips.length, deferred: deferrals.length, exitCode, startedAt, inWindow: open }, clock.now());
    return exitCode;
  } finally {
    await lock?.release();
  }
}

/** Skips that restate what the ledger already holds: not news for the history. */
const ALREADY: Skip['reason'][] = ['already-sent', 'already-deferred'];

function deferRecord(d: Delivery, until: number, at: number) {
  return {
    key: d.key, roomId: d.roomId, pairs: d.pairs, bodyHash: d.bodyHash, type: d.type, body: d.body, until, at,
    ...(d.kind === 'task' ? { kind: 'task' as const, ...(d.taskLimit !== undefined ? { taskLimit: d.taskLimit } : {}) } : {}),
  };
}

/**
 * Read, parsed and validated record by record, in a function of its own so that the input
 * text and the raw records are garbage once the reminders exist (a million-record input).
 * Only the people the input names are read from the directory, in batches.
 */
async function loadReminders(options: SendRemindersOptions, deps: Deps, store: Store): Promise<{ reminders: Reminder[]; referenced: HiManagerUser[] }> {
  const { text, name } = await readInput({
    input: options.input!, headers: options.header, env: deps.env.processEnv, stdin: deps.io.stdin, registerSecret: deps.io.registerSecret,
  });
  // Two passes over the text, each record parsed and dropped: first who is named, then the
  // reminders against just those people, looked up in batches (the directory stays in the store).
  const referenced = await store.users.lookup(referencesIn(parseRecords(name, text)));
  const { reminders, problems, count } = validateReminders(parseRecords(name, text), referenced);
  if (problems.length) throw invalidFile(name, problems);
  // Cron's alert fires on a non-zero exit: an export that came back empty must not read as "Delivered 0".
  if (count === 0 && !options.allowEmpty) throw new UsageError('input.empty', { name });
  return { reminders, referenced };
}

function printPlan(deps: Deps, deliveries: Delivery[], deferrals: Deferral[], skips: Skip[], etaMs: number, json?: boolean): number {
  const { io, t, env } = deps;
  if (json) {
    io.json({
      dryRun: true,
      deliveries: deliveries.map((d) => ({ reminderId: d.reminderId, type: d.type, route: d.route, roomId: d.roomId, recipients: d.recipients.map((r) => r.userId), body: d.body })),
      deferred: deferrals.map(({ delivery: d, until }) => ({ reminderId: d.reminderId, type: d.type, recipients: d.recipients.map((r) => r.userId), until: deps.time.iso(until) })),
      skipped: skips,
      estimatedSeconds: Math.round(etaMs / 1000),
    });
    return ExitCode.ok;
  }
  for (const d of deliveries) {
    io.out(t(d.route === 'dm' ? 'send.planDm' : 'send.planRoom', { id: d.reminderId, type: t(`type.${d.type}` as MessageKey), room: d.roomId, to: d.recipients.map((r) => `${r.name} (${r.userId})`).join(', ') }));
  }
  for (const { delivery: d, until } of deferrals) {
    io.out(t('send.planDeferred', { id: d.reminderId, to: d.recipients.map((r) => r.userId).join(', '), until }));
  }
  for (const skip of skips) io.out(t('send.planSkip', { id: skip.reminderId, to: skip.recipient, reason: t(`skip.${skip.reason}` as MessageKey) }));
  io.err(t('send.planSummary', { messages: deliveries.length, skipped: skips.length, eta: formatDuration(etaMs, env.lang) }));
  // A dry run defers nothing: it says what a real run would hold.
  if (deferrals.length) io.err(t('send.deferredPlan', { count: deferrals.length, until: deferrals[0]!.until }));
  return ExitCode.ok;
}

/** How many names an outcome line shows before "and N more". */
const SAMPLE = 3;

function summarize(deps: Deps, outcomes: Outcome[], deferrals: Deferral[], skips: Skip[], json: boolean | undefined, elapsedMs: number, client: object, users: Map<string, HiManagerUser>): number {
  const { io, t } = deps;
  const delivered = outcomes.filter((o) => o.kind === 'delivered');
  const failed = outcomes.filter((o) => o.kind === 'failed');
  const stopped = outcomes.filter((o) => o.kind === 'pending' && o.reason === 'stopped');
  const problemSkips = skips.filter((s) => !HARMLESS_SKIPS.includes(s.reason));
  const exitCode = failed.length || stopped.length || problemSkips.length ? ExitCode.partial : ExitCode.ok;
  if (json) {
    const perRecipient = [
      ...outcomes.filter((o) => !(o.kind === 'pending' && o.reason === 'window-closed')).flatMap((o) => o.delivery.recipients.map((r) => ({
        reminderId: o.delivery.reminderId, recipient: r.userId, outcome: o.kind, roomId: o.delivery.roomId,
        messageId: o.kind === 'delivered' ? o.messageId : undefined, how: o.kind === 'delivered' ? o.how : undefined,
        reason: o.kind === 'delivered' ? undefined : o.reason,
      }))),
      ...deferrals.flatMap(({ delivery: d, until }) => d.recipients.map((r) => ({
        reminderId: d.reminderId, recipient: r.userId, outcome: 'deferred', roomId: d.roomId, until: deps.time.iso(until),
      }))),
      ...skips.map((s) => ({ reminderId: s.reminderId, recipient: s.recipient, outcome: 'skipped', reason: s.reason })),
    ];
    io.json({
      exitCode, elapsedSeconds: Math.round(elapsedMs / 1000),
      messages: { delivered: delivered.length, failed: failed.length, pending: stopped.length, deferred: deferrals.length },
      // Requests made, 429s met, retries and token refreshes: what the rate budget cost.
      client,
      recipients: perRecipient,
    });
    return exitCode;
  }
  // One vocabulary, each message or pair counted once: 送信済み / 保留 / スキップ / 失敗, then why.
  io.err(t('send.summary', { delivered: delivered.length, pending: stopped.length + deferrals.length, skipped: skips.length, failed: failed.length }));
  const nameOf = (userId: string) => { const user = users.get(userId); return user ? `${user.name} (${userId})` : userId; };
  const sample = (ids: string[]) => {
    const unique = [...new Set(ids)];
    const shown = unique.slice(0, SAMPLE).map(nameOf).join(t('send.nameSeparator'));
    return unique.length > SAMPLE ? t('send.namesMore', { names: shown, more: unique.length - SAMPLE }) : shown;
  };
  const byUntil = new Map<number, Deferral[]>();
  for (const d of deferrals) byUntil.set(d.until, [...(byUntil.get(d.until) ?? []), d]);
  for (const [until, group] of byUntil) {
    io.err(t('send.outcomeLine', { outcome: t('outcome.held'), reason: t('outcome.reason.window', { until }), count: group.length, names: sample(group.flatMap((d) => d.delivery.recipients.map((r) => r.userId))) }));
  }
  if (stopped.length) {
    io.err(t('send.outcomeLine', { outcome: t('outcome.held'), reason: t('outcome.reason.stopped'), count: stopped.length, names: sample(stopped.flatMap((o) => o.delivery.recipients.map((r) => r.userId))) }));
  }
  const skipsByReason = new Map<string, Skip[]>();
  for (const s of skips) skipsByReason.set(s.reason, [...(skipsByReason.get(s.reason) ?? []), s]);
  for (const [reason, group] of skipsByReason) {
    io.err(t('send.outcomeLine', { outcome: t('outcome.skipped'), reason: t(`skip.${reason}` as MessageKey), count: group.length, names: sample(group.map((s) => s.recipient)) }));
  }
  const failedByReason = new Map<string, typeof failed>();
  for (const o of failed) {
    const reason = o.message ? t(o.message.key, o.message.params) : o.reason;
    failedByReason.set(reason, [...(failedByReason.get(reason) ?? []), o]);
  }
  for (const [reason, group] of failedByReason) {
    io.err(t('send.outcomeLine', { outcome: t('outcome.failed'), reason, count: group.length, names: sample(group.flatMap((o) => o.delivery.recipients.map((r) => r.userId))) }));
  }
  if (stopped.length) io.err(t('send.pendingHint'));
  return exitCode;
}
