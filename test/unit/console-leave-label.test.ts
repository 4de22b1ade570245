import { describe, expect, it } from 'vitest';
import { leaveLabel } from '../../src/console/links/leave.js';
import { createTranslator } from '../../src/i18n/translate.js';
import { leaveStatus } from '../../src/leave/leave.js';
import type { LeavePeriod } from '../../src/store/store.js';

const period = (from: string, until?: string, reason?: string, source: LeavePeriod['source'] = 'command'): LeavePeriod => ({
  userId: 'E1', from, ...(until ? { until } : {}), ...(reason ? { reason } : {}), source, setAt: '2026-11-30T00:00:00Z', setBy: 'test',
});

/** 紐付け's leave mark: the last day of leave as leaveStatus judges it (periods that touch are one), and the reason. */
describe('console leave label', () => {
  const ja = createTranslator('ja');
  const en = createTranslator('en');
  const onLeave = (periods: LeavePeriod[], date: string) => {
    const status = leaveStatus(periods, date);
    if (!status.onLeave) throw new Error('not on leave');
    return status;
  };

  it('shows the last day and the reason, in both languages', () => {
    const status = onLeave([period('2026-11-30', '2027-03-31', '育休')], '2026-12-07');
    expect(leaveLabel(ja, status)).toBe('休職中（〜2027-03-31、育休）');
    expect(leaveLabel(en, status)).toBe('on leave (until 2027-03-31, 育休)');
  });

  it('a command period followed by the directory\'s ends with the later one; no reason, no end date', () => {
    expect(leaveLabel(ja, onLeave([period('2026-11-30', '2026-12-31'), period('2027-01-01', '2027-02-28', undefined, 'directory')], '2026-12-07'))).toBe('休職中（〜2027-02-28）');
    expect(leaveLabel(ja, onLeave([period('2026-11-30', undefined, '病気休職')], '2026-12-07'))).toBe('休職中（終了日未定、病気休職）');
    expect(leaveLabel(en, onLeave([period('2026-11-30')], '2026-12-07'))).toBe('on leave (no end date)');
  });
});
