import type { Translate } from '../../i18n/translate.js';

/** A round in words: the first message, N days before due, the manager's, or before any message. */
export function roundName(t: Translate, round: string): string {
  if (round === '') return t('stats.round.first');
  if (round === 'none') return t('stats.round.none');
  if (round === 'manager') return t('stats.round.manager');
  const days = /^d(\d+)$/.exec(round);
  if (!days) return round;
  const count = Number(days[1]);
  if (count === 0) return t('stats.round.dueDay');
  return count === 1 ? t('stats.round.dayBefore') : t('stats.round.daysBefore', { days: count });
}
