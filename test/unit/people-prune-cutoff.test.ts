import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseWhen } from '../../src/commands/history/shared/dates.js';
import type { Store } from '../../src/store/store.js';
import { openDeliveryFixture, type DeliveryFixture } from '../helpers/delivery-fixture.js';

/**
 * `history prune --before 30d` as the command computes its cut-off (parseWhen) and the store
 * applies it: strictly older than the cut-off goes, the cut-off itself stays (docs/commands.md:
 * "before"). A date is midnight in the calendar's zone.
 */
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 5, 3, 0, 0);

describe('the cut-off a person types', () => {
  it('"Nd" is exactly N days of milliseconds before now, spaces around it ignored', () => {
    expect(parseWhen('30d', '--before', NOW, 'Asia/Tokyo')).toBe(NOW - 30 * DAY);
    expect(parseWhen(' 1d ', '--before', NOW, 'Asia/Tokyo')).toBe(NOW - DAY);
    expect(parseWhen('0d', '--before', NOW, 'Asia/Tokyo')).toBe(NOW);
    expect(parseWhen('99999d', '--before', NOW, 'Asia/Tokyo')).toBe(NOW - 99_999 * DAY);
  });

  it.each(['100000d', '-1d', '1.5d', 'd', '30 d', '30days', '30D'])('%j is refused, naming the flag and the value', (value) => {
    expect(() => parseWhen(value, '--before', NOW, 'Asia/Tokyo')).toThrow(expect.objectContaining({ key: 'history.badDate', params: { flag: '--before', value } }));
  });

  it('a date is its midnight in the calendar\'s zone', () => {
    expect(parseWhen('2026-11-01', '--before', NOW, 'Asia/Tokyo')).toBe(Date.parse('2026-10-31T15:00:00Z'));
    expect(parseWhen('2026-11-01', '--before', NOW, 'UTC')).toBe(Date.parse('2026-11-01T00:00:00Z'));
  });
});

describe('prune at the cut-off, in a real store', () => {
  let fixture: DeliveryFixture;
  let store: Store;
  beforeEach(async () => { fixture = await openDeliveryFixture('hmcw-prune-'); store = fixture.store; });
  afterEach(() => fixture.close());

  async function failedAt(key: string, at: number): Promise<void> {
    await store.deliveries.intent({ key, roomId: 1, pairs: [[`r-${key}`, 'u1']], bodyHash: 'h', type: 'survey', at: at - 1 });
    await store.deliveries.failed(key, `HTTP 500 ${key}`, at);
    await store.deliveries.runFinished({ delivered: 0, failed: 1, skipped: 0, exitCode: 3, startedAt: at - 1 }, at);
  }

  it('"30d": a delivery and a run exactly 30 days old stay, a millisecond older go, newer stay', async () => {
    const cut = parseWhen('30d', '--before', NOW, 'UTC');
    await failedAt('older', cut - 1);
    await failedAt('at', cut);
    await failedAt('newer', cut + 1);
    expect(await store.history.prune(cut, { dryRun: true })).toEqual({ deliveries: 1 });
    expect((await store.deliveries.entry('older'))?.reason).toBe('HTTP 500 older');
    expect((await store.deliveries.recentRuns()).map((run) => run.at)).toEqual([cut - 1, cut, cut + 1]);
    expect(await store.history.prune(cut, { dryRun: false })).toEqual({ deliveries: 1 });
    expect((await store.deliveries.entry('older'))?.reason).toBeUndefined();
    expect((await store.deliveries.entry('older'))?.status).toBe('failed');
    expect((await store.deliveries.entry('at'))?.reason).toBe('HTTP 500 at');
    expect((await store.deliveries.entry('newer'))?.reason).toBe('HTTP 500 newer');
    // The runs table is pruned with the same WHERE: the run at the cut-off stays.
    expect((await store.deliveries.recentRuns()).map((run) => run.at)).toEqual([cut, cut + 1]);
  });

  it('a delivery refused as too-long keeps its reason through a prune; a sent one with neither body nor reason is not counted', async () => {
    const cut = NOW;
    await store.deliveries.intent({ key: 'long', roomId: 1, pairs: [['r-long', 'u1']], bodyHash: 'h', type: 'survey', at: cut - 10 });
    await store.deliveries.failed('long', 'too-long', cut - 5);
    await store.deliveries.intent({ key: 'sent', roomId: 1, pairs: [['r-sent', 'u1']], bodyHash: 'h', type: 'survey', at: cut - 10 });
    await store.deliveries.sent('sent', 'm1', 'posted', cut - 5);
    expect(await store.history.prune(cut, { dryRun: false })).toEqual({ deliveries: 0 });
    expect((await store.deliveries.entry('long'))?.reason).toBe('too-long');
    expect((await store.deliveries.pairStates([['r-long', 'u1']])).values().next().value).toMatchObject({ status: 'failed', reason: 'too-long' });
  });

  it('a deferred or in-flight delivery older than the cut-off is never touched', async () => {
    await store.deliveries.defer({ key: 'held', roomId: 1, pairs: [['r-held', 'u1']], bodyHash: 'h', type: 'survey', at: NOW - 10, body: 'to send', until: NOW + DAY });
    await store.deliveries.intent({ key: 'flying', roomId: 1, pairs: [['r-fly', 'u1']], bodyHash: 'h', type: 'survey', at: NOW - 10 });
    expect(await store.history.prune(NOW, { dryRun: false })).toEqual({ deliveries: 0 });
    expect((await store.deliveries.outbox()).map((e) => e.deferred?.body)).toEqual(['to send']);
    expect((await store.deliveries.entry('flying'))?.status).toBe('in-flight');
  });
});
