import type { Deps } from '../../deps/deps.js';
import { ExitCode } from '../../errors/index.js';
import type { MessageKey } from '../../i18n/catalog.js';
import { estimateMs, formatDuration } from '../../delivery/estimate.js';
import type { Delivery, Skip } from '../../delivery/plan.js';
import type { RateLimitSnapshot } from '../../chatwork/types.js';
import { MAX_BODY } from '../../delivery/notation.js';
import type { Reminder } from '../../delivery/reminders.js';
import { roundInWords, roundOfDelivery, waitingLine, type WaitingAnswer, type WaitingLine } from './dry-run-rounds.js';

import type { HoldReason } from '../../delivery/holds.js';
import type { Translate } from '../../i18n/translate.js';

/** `why` absent: held for the send window. `openEnded`: on leave with no end date (re-checked at every run). */
export interface Deferral { delivery: Delivery; until: number; why?: HoldReason; openEnded?: boolean }

/** Why a run holds a delivery, for the summary line. */
export function holdReasonText(t: Translate, d: Deferral): string {
  if (d.why === 'leave') return d.openEnded ? t('outcome.reason.leaveOpen') : t('outcome.reason.leave', { until: d.until });
  if (d.why === 'send-at') return t('outcome.reason.sendAt', { until: d.until });
  return t('outcome.reason.window', { until: d.until });
}

const PLAN_LINE = { leave: 'send.planHeldLeave', 'send-at': 'send.planHeldSendAt' } as const;

/**
 * What `send-reminders --dry-run` shows. A line per message is printed as the message is
 * planned and then forgotten (50,000 of them); `--json` is one document, so it keeps them.
 */
export function createDryRunReport(deps: Deps, json: boolean) {
  const { io, t } = deps;
  const kept: Delivery[] = [];
  const waiting: WaitingLine[] = [];
  let messages = 0;
  return {
    delivery(d: Delivery): void {
      // A body too long is never posted: not a message to count, a line that says so.
      if (!d.tooLong) messages += 1;
      if (json) { kept.push(d); return; }
      const params = { id: d.reminderId, type: t(`type.${d.type}` as MessageKey), room: d.roomId, to: d.recipients.map((r) => `${r.name} (${r.userId})`).join(', ') };
      if (d.tooLong) io.out(t('send.planTooLong', { ...params, length: d.tooLong.length, max: MAX_BODY }));
      // A group post split into several: each says which of how many it is.
      else if (d.part) io.out(t('send.planRoomPart', { ...params, part: d.part.index, parts: d.part.count }));
      else io.out(t(d.route === 'dm' ? 'send.planDm' : 'send.planRoom', params));
      const round = roundOfDelivery(d);
      if (round) io.out(t('send.planRound', { id: d.reminderId, to: params.to, round: roundInWords(round, t) }));
    },
    /** A person of a scheduled reminder with no round now: why, and the next round with its time. */
    waiting(reminder: Reminder, userId: string, answer: WaitingAnswer): void {
      if (json) { waiting.push(waitingLine(reminder.id, userId, answer, deps)); return; }
      io.out(answer.next
        ? t('send.planNextRound', { id: reminder.id, to: userId, round: roundInWords(answer.next.round, t), at: answer.next.at })
        : t('send.planNoMoreRounds', { id: reminder.id, to: userId, why: t(`round.why.${answer.why}` as MessageKey) }));
    },
    finish(deferrals: Deferral[], skips: Skip[], rateLimit: RateLimitSnapshot, now: number): number {
      const etaMs = estimateMs(messages, rateLimit, now);
      if (json) {
        io.json({
          dryRun: true,
          deliveries: kept.map((d) => ({
            reminderId: d.reminderId, round: roundOfDelivery(d), type: d.type, route: d.route, roomId: d.roomId, recipients: d.recipients.map((r) => r.userId), body: d.body,
            ...(d.part ? { part: d.part.index, parts: d.part.count } : {}), ...(d.tooLong ? { tooLong: true, length: d.tooLong.length } : {}),
          })),
          deferred: deferrals.map(({ delivery: d, until, why, openEnded }) => ({
            reminderId: d.reminderId, type: d.type, recipients: d.recipients.map((r) => r.userId), until: openEnded ? null : deps.time.iso(until), ...(why ? { heldFor: why } : {}),
          })),
          skipped: skips,
          waiting,
          estimatedSeconds: Math.round(etaMs / 1000),
        });
        return ExitCode.ok;
      }
      for (const { delivery: d, until, why, openEnded } of deferrals) {
        const key = openEnded ? 'send.planHeldLeaveOpen' : why ? PLAN_LINE[why] : d.fromOutbox ? 'send.planHeld' : 'send.planDeferred';
        io.out(t(key, { id: d.reminderId, to: d.recipients.map((r) => r.userId).join(', '), until }));
      }
      for (const skip of skips) io.out(t('send.planSkip', { id: skip.reminderId, to: skip.recipient, reason: t(`skip.${skip.reason}` as MessageKey) }));
      io.err(t('send.planSummary', { messages, skipped: skips.length, eta: formatDuration(etaMs, deps.env.lang) }));
      // A dry run defers nothing: it says what a real run would hold.
      if (deferrals.length) io.err(t('send.deferredPlan', { count: deferrals.length, until: deferrals[0]!.until }));
      return ExitCode.ok;
    },
  };
}
