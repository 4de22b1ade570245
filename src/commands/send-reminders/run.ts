import { calendarOf, inWindow, loadHolidays, nextWindowStart } from '../../calendar/calendar.js';
import type { Deps } from '../../deps/deps.js';
import { UsageError } from '../../errors/index.js';
import { createDryRunReport, type Deferral } from './dry-run-report.js';
import { outboxDeliveries } from '../../delivery/outbox.js';
import type { Delivery, Skip } from '../../delivery/plan.js';
import { heldView, sortHeld, withdrawHeld } from '../../delivery/held.js';
import { planInSlices } from '../../delivery/plan-in-slices.js';
import { membersOfRooms } from '../../flows/room-members.js';
import { skipCounts, summarize } from './run-summary.js';
import { judgeRun, parseFailOn } from '../../delivery/exit-policy.js';
import { sendDecision } from '../../delivery/send-policy.js';
import { unsettledKeys } from '../../delivery/settle-in-flight.js';
import { settleEarlierRuns, settledOutcomes } from './settle.js';
import { alertInputOf, newlyUnreachableOf, postRunAlert } from '../../flows/run-alert.js';
import { splitHolds } from '../../delivery/holds.js';
import { sortOutboxHolds } from '../../delivery/outbox-holds.js';
import { holdContext, newOnLeaveSkips, planHeld, waitingDeferrals } from './hold-step.js';
import { escalations } from './escalate-step.js';
import { digestRouterFor } from './digest-router.js';
import { answeredPairs, observeInput } from './observe-input.js';
import { planningTime } from './planning-time.js';
import { loadReminders } from './load-reminders.js';
import { deferRecord, skipRecords } from './plan-records.js';
import { sendPlanned } from './send-step.js';
import { closeOnAnswer } from './close-on-answer.js';

export interface SendRemindersOptions {
  input?: string; header?: string[]; dryRun?: boolean; json?: boolean; now?: boolean; allowEmpty?: boolean; maxInputSize?: string;
  failOn?: string; ping?: string;
  /** `--no-digest`: false. */
  digest?: boolean;
  /** Closes the tasks of answers held back because too many people dropped out of one input at once. */
  confirmAnswered?: boolean;
  /** A dry run only: plan as at this instant (ISO 8601 with an offset), to see which rounds would go then. */
  at?: string;
}

/**
 * The job cron runs. Exit 0 when everything routable was delivered or deferred to the send
 * window, standing skips (not linked, not a member) reported; 3 by --fail-on (default: a
 * failure, or someone the last run reached who cannot be reached now). See exit-policy.ts.
 */
export async function run(options: SendRemindersOptions, deps: Deps): Promise<number> {
  const { io, t, clock } = deps;
  if (!options.input) throw new UsageError('send.needInput');
  const failOn = parseFailOn(options.failOn === undefined ? undefined : [options.failOn]);
  const at = planningTime(options);
  const store = await deps.stores.state();
  const { reminders, referenced } = await loadReminders(options, deps, store);

  const lock = options.dryRun ? undefined : await store.locks.acquireRun({
    onWait: (ms) => io.err(t('state.waitingInFlight', { seconds: Math.ceil(ms / 1000) })),
  });
  const startedAt = clock.now();
  try {
    // Holding the lock, the run is under way: the start ping leaves now (a locked-out run pings nothing).
    if (lock) await deps.lifecycle.began();
    const ledger = store.deliveries;
    const [settings, destinations] = await Promise.all([store.config.get(), store.destinations.all()]);
    const calendar = calendarOf(settings);
    const holidays = await loadHolidays();
    // A dry run --at plans as at that instant; anything else, now.
    const planAt = at ?? startedAt;
    const open = inWindow(planAt, calendar, holidays);
    const api = await deps.http.chatwork();
    // Fencing: every write of this run is preceded by proof that it still holds the lock.
    if (lock) api.guardWrites(lock.check);
    // Who this run posts as is Chatwork's answer now, never a setting or a dump's: reconciliation
    // looks for this account's messages. What earlier runs left in flight is settled before planning.
    const ownAccountId = lock ? (await api.me()).account_id : 0;
    const settled = lock ? await settleEarlierRuns(deps, store, api, ownAccountId, lock.generation) : undefined;
    // Who dropped out of this input answered (a dry run compares and writes nothing): what was held for them is withdrawn.
    const observed = await observeInput(store, reminders, planAt, options.dryRun === true);
    const outbox = await ledger.outbox();
    const chats = await io.spinner(t('contacts.loading'), () => api.directChats());
    // What was held for the send window goes out only if its link, destination and person still hold.
    const heldNow = await heldView(store, outbox, chats, answeredPairs(observed));
    const held = sortHeld(outbox, heldNow);
    const nextOpen = nextWindowStart(planAt, calendar, holidays);
    // Leave and send_at: what waits in the outbox for a later time or someone's return stays there.
    const holds = await holdContext(store, planAt, calendar, holidays);
    const outboxHolds = sortOutboxHolds(held.keep, {
      ...holds, releaseBy: options.now ? Math.max(planAt, nextOpen) : planAt, reminders: new Map(reminders.map((r) => [r.id, r])),
    });
    // Withdrawn before planning: a pair relinked to the right account is planned for it in this same run.
    const withdrawn = options.dryRun ? 0 : await withdrawHeld(ledger, [...held.withdraw, ...outboxHolds.withdraw], clock.now());
    if (withdrawn) io.err(t('inputs.withdrawn', { count: withdrawn }));
    if (held.stuck.length) io.err(t('inputs.heldInFlight', { count: held.stuck.length }));
    const users = new Map(referenced.map((user) => [user.id, user]));
    const roomMembers = await membersOfRooms(deps, api, reminders, destinations);
    // A human dry run prints each message as it is planned and keeps none; anything else keeps them.
    const report = options.dryRun ? createDryRunReport(deps, options.json === true) : undefined;
    const toSend: Delivery[] = [];
    const deferrals: Deferral[] = waitingDeferrals(outboxHolds.wait, heldNow.links, nextOpen);
    const split = splitHolds(reminders, holds);
    const planSkips: Skip[] = await newOnLeaveSkips(store, split.onLeave);
    const windowSkips: Skip[] = [];
    const policyInput = { policy: calendar.policy, forced: options.now === true };
    const route = (delivery: Delivery) => {
      const decision = sendDecision(delivery, open, policyInput);
      if (decision === 'send') {
        if (report) report.delivery(delivery);
        else toSend.push(delivery);
      } else if (decision === 'defer') deferrals.push({ delivery, until: nextOpen });
      else for (const r of delivery.recipients) windowSkips.push({ reminderId: delivery.reminderId, recipient: r.userId, reason: 'outside-window' });
    };
    if (options.now && !open) io.err(t('send.nowOverride'));
    outboxDeliveries(outboxHolds.go, heldNow.links).forEach(route);
    // Stop when answered: the tasks of those who dropped out of this input are marked done (or held by the 30 % rule).
    const answered = await closeOnAnswer(deps, store, api, observed, { confirmed: options.confirmAnswered === true, dryRun: !lock, ownAccountId });
    // One message per person per run: a person's reminders for their direct chat wait for the end of planning.
    const digest = digestRouterFor(options, settings, reminders, route, (d) => sendDecision(d, open, policyInput));
    const sliceContext = {
      store, chats, lang: settings.messageLang, bodies: !options.dryRun || options.json === true,
      view: {
        users, destinations, templates: settings.templates, followUpTemplates: settings.followUpTemplates, roomMembers,
        deliverAs: settings.deliverAs, nonMembers: settings.nonMembers, timeZone: calendar.timeZone, unsettled: unsettledKeys(settled),
      },
      rounds: { followUps: settings.followUps, calendar, holidays, now: planAt, ...(report ? { onWaiting: report.waiting } : {}) },
    };
    const onSkip = (skip: Skip) => {
      // A pair deferred by an earlier run comes back through the outbox: counted there, once.
      if (skip.reason !== 'already-deferred') planSkips.push(skip);
    };
    await planInSlices(split.now, sliceContext, digest.route, onSkip);
    digest.finish();
    // Held for someone's return: deferred one by one, never combined.
    await planHeld(split.held, sliceContext, nextOpen, route, deferrals, onSkip);
    // Managers hear of their reports still pending, after the reminders themselves: inside the send
    // window (or with --now, or for a type sent at any hour); never held in the outbox, never in a digest.
    {
      const escalated = await escalations(reminders.filter((r) => sendDecision(r, open, policyInput) === 'send'), {
        store, settings, users, chats, holds, calendar, holidays, unsettled: unsettledKeys(settled), lang: settings.messageLang,
      });
      escalated.deliveries.forEach(route);
      escalated.skips.forEach(onSkip);
    }
    const skips = [...planSkips, ...windowSkips];
    if (report) return report.finish(deferrals, skips, api.rateLimit(), clock.now());

    for (const { delivery, until } of deferrals) {
      if (!delivery.fromOutbox) await ledger.defer(deferRecord(delivery, until, clock.now(), lock?.generation));
    }
    const typeOf = new Map(reminders.map((r) => [r.id, r.type]));
    await ledger.skipped(skipRecords(skips, users, typeOf, clock.now()));
    const sent = await sendPlanned(deps, toSend, {
      api, ledger, ownAccountId, lock,
      // The window may close while a long run is sending: what waits for it stops there.
      hold: (delivery) => sendDecision(delivery, inWindow(clock.now(), calendar, holidays), policyInput) === 'defer',
    });
    const failed = sent.failed;
    let outcomes = sent.outcomes;
    // What an earlier run left in flight and this run found in its room was delivered: count it.
    outcomes = [...settledOutcomes(settled), ...outcomes];
    // Stopped because the lock was lost: exit 5, naming who has it now.
    if (lock?.signal?.aborted) await lock.check();
    for (const outcome of outcomes) {
      if (outcome.kind !== 'pending' || outcome.reason !== 'window-closed') continue;
      const until = nextWindowStart(clock.now(), calendar, holidays);
      const d = outcome.delivery;
      await ledger.defer(deferRecord(d, until, clock.now(), lock?.generation));
      deferrals.push({ delivery: d, until });
    }
    const delivered = outcomes.filter((o) => o.kind === 'delivered');
    const pending = outcomes.filter((o) => o.kind === 'pending' && o.reason === 'stopped').length;
    const verdict = judgeRun({
      // A pair held back because an earlier delivery could not be checked was not delivered: pending.
      failOn, failed, pending: pending + skips.filter((s) => s.reason === 'in-flight').length, skips, reachedBefore: await store.runs.reachedAtLastRun(),
      reachedNow: [...delivered, ...deferrals].flatMap((d) => d.delivery.recipients.map((r) => r.userId)),
    });
    const endedAt = clock.now();
    const meta = {
      runId: deps.run.id, startedAt: deps.time.iso(deps.run.startedAt), endedAt: deps.time.iso(endedAt),
      host: deps.run.host, version: deps.run.version, backend: store.info.backend, failOn, answered,
    };
    const exitCode = summarize(deps, { outcomes, deferrals, skips, json: options.json, elapsedMs: endedAt - startedAt, client: api.stats, users, verdict, meta });
    io.runCounts = { delivered: delivered.length, failed, skipped: skips.length, deferred: deferrals.length };
    deps.lifecycle.report({
      delivered: delivered.length, failed, pending, deferred: deferrals.length, skipped: skips.length,
      newSkips: verdict.newSkips.length, skipReasons: skipCounts(skips),
    }, { reached: verdict.reached, inWindow: open });
    // Under the lock, through the fenced client: an alert is a write like any other of this run.
    const newlyUnreachable = newlyUnreachableOf(verdict.newSkips, skips, users, typeOf);
    await postRunAlert(deps, store, api, alertInputOf(outcomes, newlyUnreachable, users, settings.messageLang), destinations);
    return exitCode;
  } finally {
    await lock?.release();
  }
}
