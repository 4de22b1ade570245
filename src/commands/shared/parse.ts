import { UsageError } from '../../errors/index.js';
import { NOTIFICATION_TYPES, type NotificationType } from '../../domain.js';

/** A notification type as typed: `survey`, `Update_Survey`… */
export function parseType(text: string): NotificationType {
  const type = text.trim().toLowerCase().replace('_', '-');
  if (!(NOTIFICATION_TYPES as readonly string[]).includes(type)) throw new UsageError('destinations.badType', { value: text });
  return type as NotificationType;
}
