import type { Deps } from '../../deps/deps.js';
import { ExitCode } from '../../errors/index.js';
import type { MessageKey } from '../../i18n/catalog.js';
import { estimateMs, formatDuration } from '../../delivery/estimate.js';
import type { Delivery, Skip } from '../../delivery/plan.js';
import type { RateLimitSnapshot } from '../../chatwork/types.js';
import { MAX_BODY } from '../../delivery/notation.js';

export interface Deferral { delivery: Delivery; until: number }

/**
 * What `send-reminders --dry-run` shows. A line per message is printed as the message is
 * planned and then forgotten (50,000 of them); `--json` is one document, so it keeps them.
 */
export function createDryRunReport(deps: Deps, json: boolean) {
  const { io, t } = deps;
  const kept: Delivery[] = [];
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
    },
    finish(deferrals: Deferral[], skips: Skip[], rateLimit: RateLimitSnapshot, now: number): number {
      const etaMs = estimateMs(messages, rateLimit, now);
      if (json) {
        io.json({
          dryRun: true,
          deliveries: kept.map((d) => ({
            reminderId: d.reminderId, type: d.type, route: d.route, roomId: d.roomId, recipients: d.recipients.map((r) => r.userId), body: d.body,
            ...(d.part ? { part: d.part.index, parts: d.part.count } : {}), ...(d.tooLong ? { tooLong: true, length: d.tooLong.length } : {}),
          })),
          deferred: deferrals.map(({ delivery: d, until }) => ({ reminderId: d.reminderId, type: d.type, recipients: d.recipients.map((r) => r.userId), until: deps.time.iso(until) })),
          skipped: skips,
          estimatedSeconds: Math.round(etaMs / 1000),
        });
        return ExitCode.ok;
      }
      for (const { delivery: d, until } of deferrals) {
        io.out(t('send.planDeferred', { id: d.reminderId, to: d.recipients.map((r) => r.userId).join(', '), until }));
      }
      for (const skip of skips) io.out(t('send.planSkip', { id: skip.reminderId, to: skip.recipient, reason: t(`skip.${skip.reason}` as MessageKey) }));
      io.err(t('send.planSummary', { messages, skipped: skips.length, eta: formatDuration(etaMs, deps.env.lang) }));
      // A dry run defers nothing: it says what a real run would hold.
      if (deferrals.length) io.err(t('send.deferredPlan', { count: deferrals.length, until: deferrals[0]!.until }));
      return ExitCode.ok;
    },
  };
}
