import { describe, expect, it } from 'vitest';
import { nextHolds, planCloses } from '../../src/delivery/answered-share.js';

describe('the 30 % rule', () => {
  const observed = [
    { reminderId: 'few', answered: ['a', 'b', 'c'], pendingBefore: 10 },
    { reminderId: 'many', answered: ['a', 'b', 'c', 'd'], pendingBefore: 10 },
    { reminderId: 'none', answered: [], pendingBefore: 10 },
  ];

  it('closes up to 30 % at once and holds more, unless confirmed', () => {
    const plan = planCloses(observed, { confirmed: false, at: 5 });
    expect(plan.close).toEqual([{ reminderId: 'few', userIds: ['a', 'b', 'c'] }]);
    expect(plan.held).toEqual([{ reminderId: 'many', answered: 4, pendingBefore: 10, at: 5 }]);
    expect(planCloses(observed, { confirmed: true, at: 5 }).close.map((c) => c.reminderId)).toEqual(['few', 'many']);
  });

  it('keeps earlier holds until confirmed, the latest per reminder', () => {
    const earlier = [{ reminderId: 'old', answered: 9, pendingBefore: 10, at: 1 }, { reminderId: 'many', answered: 5, pendingBefore: 10, at: 1 }];
    const plan = planCloses(observed, { confirmed: false, at: 5 });
    expect(nextHolds(earlier, plan, false)).toEqual([earlier[0], { reminderId: 'many', answered: 4, pendingBefore: 10, at: 5 }]);
    expect(nextHolds(earlier, plan, true)).toEqual([]);
  });
});
