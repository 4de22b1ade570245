import type { Deps } from '../deps.js';
import { ExitCode, UsageError } from '../errors.js';
import { invalidFile } from '../directory/problems.js';
import { estimateMs, formatDuration } from '../delivery/estimate.js';
import { parseRecords, readInput } from '../delivery/input.js';
import { Ledger } from '../delivery/ledger.js';
import { HARMLESS_SKIPS, planDeliveries, type Delivery, type Skip } from '../delivery/plan.js';
import { createProgress } from '../delivery/progress.js';
import { validateReminders } from '../delivery/reminders.js';
import { sendAll, type Outcome } from '../delivery/send.js';
import type { MessageKey } from '../i18n/catalog.js';
import { acquireLock } from '../store/lock.js';

export interface SendRemindersOptions { input?: string; header?: string[]; dryRun?: boolean; json?: boolean; now?: boolean }

/**
 * The job cron runs. Exit 0 when everything routable was delivered; 3 when anything
 * failed or was skipped for a reason other than `off` or already sent.
 */
export async function run(options: SendRemindersOptions, deps: Deps): Promise<number> {
  const { io, t, clock } = deps;
  if (!options.input) throw new UsageError('send.needInput');
  const { text, name } = await readInput({ input: options.input, headers: options.header, env: deps.env.processEnv, stdin: io.stdin });
  const settingsStore = await deps.stores.settings();
  const settings = settingsStore.read();
  const { reminders, problems } = validateReminders(parseRecords(name, text), settings.users);
  if (problems.length) throw invalidFile(name, problems);

  const lock = options.dryRun ? undefined : await acquireLock(deps.paths.runLock, { clock });
  const startedAt = clock.now();
  try {
    const ledger = options.dryRun ? await Ledger.read(deps.paths.ledger) : await Ledger.open(deps.paths.ledger);
    const api = await deps.http.chatwork();
    const contacts = await io.spinner(t('contacts.loading'), () => api.contacts());
    const { deliveries, skips } = planDeliveries(reminders, settings, contacts, ledger, settings.messageLang);
    if (options.dryRun) return printPlan(deps, deliveries, skips, estimateMs(deliveries.length, api.rateLimit(), clock.now()), options.json);

    const ownAccountId = settings.account?.accountId ?? (await api.me()).account_id;
    let stopping = false;
    const stopListening = io.onInterrupt(() => { stopping = true; io.err(t('send.stopping')); });
    const progress = createProgress(deps, deliveries.length, () => api.rateLimit());
    let done = 0;
    let failed = 0;
    let outcomes: Outcome[];
    try {
      outcomes = await sendAll(deliveries, {
        api, ledger, clock, ownAccountId, log: io.verbose,
        shouldStop: () => stopping,
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
    const exitCode = summarize(deps, outcomes, skips, options.json, clock.now() - startedAt);
    const delivered = outcomes.filter((o) => o.kind === 'delivered').length;
    await ledger.runFinished({ delivered, failed, skipped: skips.length, exitCode, startedAt }, clock.now());
    await ledger.close();
    return exitCode;
  } finally {
    await lock?.release();
  }
}

function printPlan(deps: Deps, deliveries: Delivery[], skips: Skip[], etaMs: number, json?: boolean): number {
  const { io, t, env } = deps;
  if (json) {
    io.json({
      dryRun: true,
      deliveries: deliveries.map((d) => ({ reminderId: d.reminderId, type: d.type, route: d.route, roomId: d.roomId, recipients: d.recipients.map((r) => r.userId), body: d.body })),
      skipped: skips,
      estimatedSeconds: Math.round(etaMs / 1000),
    });
    return ExitCode.ok;
  }
  for (const d of deliveries) {
    io.out(t(d.route === 'dm' ? 'send.planDm' : 'send.planRoom', { id: d.reminderId, type: d.type, room: d.roomId, to: d.recipients.map((r) => `${r.name} (${r.userId})`).join(', ') }));
  }
  for (const skip of skips) io.out(t('send.planSkip', { id: skip.reminderId, to: skip.recipient, reason: t(`skip.${skip.reason}` as MessageKey) }));
  io.err(t('send.planSummary', { messages: deliveries.length, skipped: skips.length, eta: formatDuration(etaMs, env.lang) }));
  return ExitCode.ok;
}

function summarize(deps: Deps, outcomes: Outcome[], skips: Skip[], json: boolean | undefined, elapsedMs: number): number {
  const { io, t } = deps;
  const delivered = outcomes.filter((o) => o.kind === 'delivered');
  const failed = outcomes.filter((o) => o.kind === 'failed');
  const pending = outcomes.filter((o) => o.kind === 'pending');
  const problemSkips = skips.filter((s) => !HARMLESS_SKIPS.includes(s.reason));
  const exitCode = failed.length || pending.length || problemSkips.length ? ExitCode.partial : ExitCode.ok;
  if (json) {
    const perRecipient = [
      ...outcomes.flatMap((o) => o.delivery.recipients.map((r) => ({
        reminderId: o.delivery.reminderId, recipient: r.userId, outcome: o.kind, roomId: o.delivery.roomId,
        messageId: o.kind === 'delivered' ? o.messageId : undefined, how: o.kind === 'delivered' ? o.how : undefined,
        reason: o.kind === 'delivered' ? undefined : o.reason,
      }))),
      ...skips.map((s) => ({ reminderId: s.reminderId, recipient: s.recipient, outcome: 'skipped', reason: s.reason })),
    ];
    io.json({
      exitCode, elapsedSeconds: Math.round(elapsedMs / 1000),
      messages: { delivered: delivered.length, failed: failed.length, pending: pending.length },
      recipients: perRecipient,
    });
    return exitCode;
  }
  io.err(t('send.summary', { delivered: delivered.length, failed: failed.length, pending: pending.length, skipped: skips.length }));
  for (const o of failed) io.err(t('send.failedLine', { id: o.delivery.reminderId, to: o.delivery.recipients.map((r) => r.userId).join(', '), reason: o.reason }));
  const byReason = new Map<string, number>();
  for (const s of skips) byReason.set(s.reason, (byReason.get(s.reason) ?? 0) + 1);
  for (const [reason, count] of byReason) io.err(t('send.skipLine', { reason: t(`skip.${reason}` as MessageKey), count }));
  for (const s of problemSkips.slice(0, 50)) io.err(t('send.skipDetail', { id: s.reminderId, to: s.recipient, reason: t(`skip.${s.reason}` as MessageKey) }));
  if (pending.length) io.err(t('send.pendingHint'));
  return exitCode;
}
