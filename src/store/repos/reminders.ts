import type { NotificationType } from '../../domain.js';
import type { Round } from './round-labels.js';

/**
 * The reminders' inputs over time (issue 27). HiManager's export lists, for each reminder id,
 * the people who still have to answer at that moment. A person listed by an earlier input of a
 * reminder and absent from a later input that still lists that reminder id has answered; an
 * input that does not mention a reminder id says nothing about it.
 */
export interface ReminderObservation {
  reminderId: string;
  type: NotificationType;
  title?: string;
  due?: string;
  /** User ids the input lists for it (pending now); repeats count once. */
  to: string[];
}

export interface ObservedReminder {
  reminderId: string;
  /** Pending before this input and absent from it: answered now. Sorted. */
  answered: string[];
  /** Listed for the first time (or again after they had answered). Sorted. */
  added: string[];
  /** Pending before this input, and now (the input's people). */
  pendingBefore: number;
  pending: number;
  /** When the reminder was first seen (this input's time if never before). */
  firstSeenAt: number;
}

export interface ReminderInput {
  reminderId: string; type: NotificationType; title: string; due?: string; firstSeenAt: number; lastSeenAt: number;
}

export interface AnsweredPerson {
  userId: string;
  /** Epoch ms of the input they were first absent from. */
  at: number;
  /** The latest round that had been sent to them then ('' the first message); undefined: none had been. */
  afterRound?: Round;
}

export interface RemindersRepo {
  /** What `observe` would record, without writing anything: a dry run. */
  compare(input: ReminderObservation[], at: number): Promise<ObservedReminder[]>;
  /** Records an input (in one transaction, written in batches) and says, per reminder, who answered now. */
  observe(input: ReminderObservation[], at: number): Promise<ObservedReminder[]>;
  get(reminderId: string): Promise<ReminderInput | undefined>;
  /** Every reminder ever seen, by id. */
  list(): Promise<ReminderInput[]>;
  /** The people still pending for a reminder (listed by its latest input), sorted. */
  pending(reminderId: string): Promise<string[]>;
  /** The people who answered a reminder, sorted by user id. */
  answered(reminderId: string): Promise<AnsweredPerson[]>;
}
