import type { Deps } from '../../deps/deps.js';
import type { Delivery } from '../../delivery/plan.js';
import type { RoundAnswer } from '../../delivery/rounds.js';
import type { Translate } from '../../i18n/translate.js';
import { daysBeforeOf, FIRST_ROUND, type Round } from '../../store/store.js';

/** Why a person of a scheduled reminder gets nothing now, and what comes next. */
export type WaitingAnswer = Exclude<RoundAnswer, { round: Round }>;
export interface WaitingLine { reminderId: string; userId: string; why: WaitingAnswer['why']; next?: { round: Round; at: string } }

/** The round a delivery is for: the third element of its pairs ('' the first message). */
export const roundOfDelivery = (delivery: Delivery): Round => delivery.pairs[0]?.[2] ?? FIRST_ROUND;

export function roundInWords(round: Round, t: Translate): string {
  const days = daysBeforeOf(round);
  if (days === undefined) return round === FIRST_ROUND ? t('round.first') : round;
  return days === 0 ? t('round.dueToday') : t('round.followUp', { days });
}

export function waitingLine(reminderId: string, userId: string, answer: WaitingAnswer, deps: Pick<Deps, 'time'>): WaitingLine {
  return { reminderId, userId, why: answer.why, ...(answer.next ? { next: { round: answer.next.round, at: deps.time.iso(answer.next.at) } } : {}) };
}
