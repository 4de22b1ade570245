import type { Deps } from '../../deps/deps.js';
import type { HiManagerUser } from '../../domain.js';
import type { MessageKey } from '../../i18n/catalog.js';
import { holdReasonText, type Deferral } from './dry-run-report.js';
import type { Skip } from '../../delivery/plan.js';
import type { Verdict } from '../../delivery/exit-policy.js';
import type { Outcome } from '../../delivery/send.js';
import { countWithPeople } from './counts.js';

/** How many names an outcome line shows before "and N more". */
const SAMPLE = 3;

/** What one run did and decided: everything its summary tells. */
export interface RunSummary {
  outcomes: Outcome[];
  deferrals: Deferral[];
  skips: Skip[];
  json: boolean | undefined;
  elapsedMs: number;
  /** The client's request, 429, retry and refresh counts. */
  client: object;
  users: Map<string, HiManagerUser>;
  verdict: Verdict;
  /** Fields --json prints first (the run id, the input file). */
  meta: Record<string, unknown>;
}

/**
 * What a real run says at its end: counts, then who was held, skipped or failed, and why, then
 * who is newly unreachable. Returns the exit code the verdict (src/delivery/exit-policy.ts) gave.
 * `meta` (run id, times, host, version, backend, --fail-on) goes into --json as it is.
 */
export function summarize(deps: Deps, summary: RunSummary): number {
  const { outcomes, deferrals, skips, json, elapsedMs, client, users, verdict, meta } = summary;
  const { io, t } = deps;
  const delivered = outcomes.filter((o) => o.kind === 'delivered');
  const failed = outcomes.filter((o) => o.kind === 'failed');
  const stopped = outcomes.filter((o) => o.kind === 'pending' && o.reason === 'stopped');
  const { exitCode } = verdict;
  if (json) {
    const perRecipient = [
      // Per pair: a digest is one message for several reminders of one person.
      ...outcomes.filter((o) => !(o.kind === 'pending' && o.reason === 'window-closed')).flatMap((o) => o.delivery.pairs.map(([reminderId, recipient]) => ({
        reminderId, recipient, outcome: o.kind, roomId: o.delivery.roomId,
        messageId: o.kind === 'delivered' ? o.messageId : undefined, how: o.kind === 'delivered' ? o.how : undefined,
        reason: o.kind === 'delivered' ? undefined : o.reason,
      }))),
      ...deferrals.flatMap(({ delivery: d, until, why }) => d.pairs.map(([reminderId, recipient]) => ({
        reminderId, recipient, outcome: 'deferred', roomId: d.roomId, until: deps.time.iso(until), ...(why ? { heldFor: why } : {}),
      }))),
      ...skips.map((s) => ({ reminderId: s.reminderId, recipient: s.recipient, outcome: 'skipped', reason: s.reason })),
    ];
    io.json({
      exitCode, ...meta, elapsedSeconds: Math.round(elapsedMs / 1000),
      messages: { delivered: delivered.length, failed: failed.length, pending: stopped.length, deferred: deferrals.length },
      // Reminders (pairs) the delivered messages carried: more than the messages when digests combined them.
      reminders: { delivered: delivered.reduce((n, o) => n + o.delivery.pairs.length, 0) },
      // Requests made, 429s met, retries and token refreshes: what the rate budget cost.
      client,
      // Standing skips by reason (exit 0 unless --fail-on skipped), and who became unreachable since the last run.
      skipped: skipCounts(skips),
      newSkips: verdict.newSkips,
      recipients: perRecipient,
    });
    return exitCode;
  }
  // One vocabulary, each message or pair counted once: 送信済み / 保留 / スキップ / 失敗, then why.
  const people = (list: { delivery: { recipients: { userId: string }[] } }[]) => list.flatMap((o) => o.delivery.recipients.map((r) => r.userId));
  io.err(t('send.summary', {
    delivered: countWithPeople(t, delivered.length, people(delivered)),
    pending: countWithPeople(t, stopped.length + deferrals.length, [...people(stopped), ...people(deferrals)]),
    skipped: countWithPeople(t, skips.length, skips.map((s) => s.recipient)),
    failed: countWithPeople(t, failed.length, people(failed)),
  }));
  const nameOf = (userId: string) => { const user = users.get(userId); return user ? `${user.name} (${userId})` : userId; };
  const sample = (ids: string[]) => {
    const unique = [...new Set(ids)];
    const shown = unique.slice(0, SAMPLE).map(nameOf).join(t('send.nameSeparator'));
    return unique.length > SAMPLE ? t('send.namesMore', { names: shown, more: unique.length - SAMPLE }) : shown;
  };
  const byUntil = new Map<string, Deferral[]>();
  for (const d of deferrals) byUntil.set(`${d.until} ${d.why ?? ''}`, [...(byUntil.get(`${d.until} ${d.why ?? ''}`) ?? []), d]);
  for (const group of byUntil.values()) {
    io.err(t('send.outcomeLine', { outcome: t('outcome.held'), reason: holdReasonText(t, group[0]!), count: countWithPeople(t, group.length, people(group)), names: sample(group.flatMap((d) => d.delivery.recipients.map((r) => r.userId))) }));
  }
  if (stopped.length) {
    io.err(t('send.outcomeLine', { outcome: t('outcome.held'), reason: t('outcome.reason.stopped'), count: countWithPeople(t, stopped.length, people(stopped)), names: sample(stopped.flatMap((o) => o.delivery.recipients.map((r) => r.userId))) }));
  }
  const skipsByReason = new Map<string, Skip[]>();
  for (const s of skips) skipsByReason.set(s.reason, [...(skipsByReason.get(s.reason) ?? []), s]);
  for (const [reason, group] of skipsByReason) {
    io.err(t('send.outcomeLine', { outcome: t('outcome.skipped'), reason: t(`skip.${reason}` as MessageKey), count: countWithPeople(t, group.length, group.map((s) => s.recipient)), names: sample(group.map((s) => s.recipient)) }));
  }
  const failedByReason = new Map<string, typeof failed>();
  for (const o of failed) {
    const reason = o.message ? t(o.message.key, o.message.params) : o.reason;
    failedByReason.set(reason, [...(failedByReason.get(reason) ?? []), o]);
  }
  for (const [reason, group] of failedByReason) {
    io.err(t('send.outcomeLine', { outcome: t('outcome.failed'), reason, count: countWithPeople(t, group.length, people(group)), names: sample(group.flatMap((o) => o.delivery.recipients.map((r) => r.userId))) }));
  }
  if (verdict.newSkips.length) {
    io.err(t('send.newSkips', { count: verdict.newSkips.length, names: sample(verdict.newSkips.map((s) => s.recipient)) }));
  }
  if (stopped.length) io.err(t('send.pendingHint'));
  return exitCode;
}

/** Skips by reason: what --json, the run record and the ping's body say of them (never names). */
export function skipCounts(skips: Skip[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const skip of skips) counts[skip.reason] = (counts[skip.reason] ?? 0) + 1;
  return counts;
}
