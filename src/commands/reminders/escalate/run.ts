import type { Deps } from '../../../deps/deps.js';
import { NOTIFICATION_TYPES, type NotificationType } from '../../../domain.js';
import { UsageError } from '../../../errors/index.js';
import type { MessageKey } from '../../../i18n/catalog.js';

export interface RemindersEscalateOptions { type?: string; on?: boolean; off?: boolean; json?: boolean }

const TYPE_WORDS: Record<string, NotificationType> = { praise: 'praise', survey: 'survey', 'update-survey': 'update-survey', update_survey: 'update-survey' };

/**
 * `reminders escalate <type> --on|--off`: whether, on the day of a reminder's last round (its due
 * day when it has no schedule), each manager gets one direct chat listing their reports still
 * pending. Off for every type until turned on. Without --on/--off, shows the setting.
 */
export async function run(options: RemindersEscalateOptions, deps: Deps): Promise<void> {
  const { io, t } = deps;
  if (options.on && options.off) throw new UsageError('escalate.onAndOff');
  const type = options.type === undefined ? undefined : TYPE_WORDS[options.type.trim().toLowerCase()];
  if (options.type !== undefined && !type) throw new UsageError('escalate.badType', { value: options.type });
  // Praise is good news: nobody has anything to answer, and no manager needs to hear of it.
  if (type === 'praise' && options.on) throw new UsageError('escalate.notPraise');
  if ((options.on || options.off) && !type) throw new UsageError('escalate.needType');
  const store = await deps.stores.state();
  if (type && (options.on || options.off)) {
    await store.config.update((config) => {
      const escalate = { ...config.escalate };
      if (options.on) escalate[type] = true;
      else delete escalate[type];
      config.escalate = Object.keys(escalate).length ? escalate : undefined;
    });
  }
  const setting = (await store.config.get()).escalate ?? {};
  const types = type ? [type] : NOTIFICATION_TYPES.filter((x) => x !== 'praise');
  if (options.json) return io.json(Object.fromEntries(types.map((x) => [x, setting[x] === true])));
  for (const x of types) io.out(t(setting[x] ? 'escalate.isOn' : 'escalate.isOff', { type: t(`type.${x}` as MessageKey) }));
}
