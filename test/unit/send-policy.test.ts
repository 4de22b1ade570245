import { describe, expect, it } from 'vitest';
import { sendDecision } from '../../src/delivery/send-policy.js';

const policy = { praise: 'send', survey: 'defer', 'update-survey': 'skip' } as const;
const closed = false;
const open = true;

describe('the send policy: one rule for planning and for sending', () => {
  it('inside the window everything goes', () => {
    for (const type of ['praise', 'survey', 'update-survey'] as const) expect(sendDecision({ type }, open, { policy, forced: false })).toBe('send');
  });

  it('outside it, each type as its policy says', () => {
    expect(sendDecision({ type: 'praise' }, closed, { policy, forced: false })).toBe('send');
    expect(sendDecision({ type: 'survey' }, closed, { policy, forced: false })).toBe('defer');
    expect(sendDecision({ type: 'update-survey' }, closed, { policy, forced: false })).toBe('skip');
  });

  it('--now sends whatever the policy; a body too long to send goes now to fail, never waits', () => {
    expect(sendDecision({ type: 'update-survey' }, closed, { policy, forced: true })).toBe('send');
    expect(sendDecision({ type: 'survey', tooLong: { length: 70_000 } }, closed, { policy, forced: false })).toBe('send');
  });

  it('what the outbox held waits again outside the window, even for a type now sent at any hour or skipped', () => {
    expect(sendDecision({ type: 'praise', fromOutbox: true }, closed, { policy, forced: false })).toBe('defer');
    expect(sendDecision({ type: 'update-survey', fromOutbox: true }, closed, { policy, forced: false })).toBe('defer');
    expect(sendDecision({ type: 'update-survey', fromOutbox: true }, open, { policy, forced: false })).toBe('send');
  });
});
