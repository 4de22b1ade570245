import type { Deps } from '../../deps/deps.js';
import { NOTIFICATION_TYPES, type NotificationType } from '../../domain.js';
import { UsageError } from '../../errors/index.js';
import { sendSamples } from '../../flows/sample-messages.js';
import { parseType } from '../shared/parse.js';

export interface SendTestOptions { type?: string; user?: string; room?: string; json?: boolean }

export async function run(options: SendTestOptions, deps: Deps): Promise<number> {
  if (options.user && options.room) throw new UsageError('sendTest.userOrRoom');
  const types: NotificationType[] = options.type ? [parseType(options.type)] : [...NOTIFICATION_TYPES];
  await sendSamples(deps, { ...options, types });
  return 0;
}
