import type { Destinations, MessageLang, NotificationType } from '../domain.js';

/** Someone a run could not serve: a failure after retries, or a person reached last time and not now. */
export interface AffectedPerson {
  userId: string;
  name: string;
  /** A failure's reason as people read it; an unreachable person's skip reason (unlinked, contact-gone, not-member). */
  reason: string;
  /** The notification type it was for: a not-member's remedy names the type's group chat. */
  type?: NotificationType;
  /** A failure whose post got no answer and was not found in the room: the next run looks again. */
  unconfirmed?: boolean;
}

/** What one send-reminders run gives the alert: values only. */
export interface AlertInput {
  failures: AffectedPerson[];
  newlyUnreachable: AffectedPerson[];
  roomsGone: { roomId: number; type: NotificationType }[];
}

export interface AlertContext {
  /** The alert room now (`alerts set`): memory of another room does not count. */
  roomId: number;
  lang: MessageLang;
  destinations: Destinations;
  run: { id: string; host: string };
  now: number;
  /** Chatwork's limit by default; tests make it small to see the split. */
  maxLength?: number;
}
