import { warn, type Check } from './finding.js';

/** Answers held back by the 30 % rule (src/delivery/answered-share.ts): their tasks stay open until an admin confirms. */
export const ANSWERED_CHECKS: Check[] = [
  {
    id: 'answered-holds', area: 'delivery', async run(ctx) {
      const holds = (await ctx.settings()).answeredHolds ?? [];
      if (!holds.length) return [];
      return holds.map((hold) => warn('answered.held', {
        id: hold.reminderId, count: hold.answered, pending: hold.pendingBefore, percent: Math.round((100 * hold.answered) / Math.max(1, hold.pendingBefore)),
      }, 'answered.fixConfirm'));
    },
  },
];
