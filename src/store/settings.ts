import { chmod, mkdir } from 'node:fs/promises';
import { DEFAULT_CALENDAR, type CalendarSettings } from '../calendar/calendar.js';
import { CliError } from '../errors.js';

export const NOTIFICATION_TYPES = ['praise', 'survey', 'update-survey'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];
/** `dm`, `off`, or `room:<room_id>`. */
export type Destination = string;

export interface HiManagerUser { id: string; name: string; email: string; department?: string; reading?: string }
export interface Link { accountId: number; source: 'manual' | 'auto' | 'import'; linkedAt: string }
export interface ConnectedAccount { accountId: number; name: string; chatworkId: string; organizationName?: string; roomId?: number }

export interface Settings {
  schemaVersion: 1;
  clientId?: string;
  redirectUri?: string;
  account?: ConnectedAccount;
  users: HiManagerUser[];
  /** HiManager user id → Chatwork contact. */
  links: Record<string, Link>;
  destinations: Partial<Record<NotificationType, Destination>>;
  /** Per type and language, a custom template; absent means the built-in one. */
  templates: Partial<Record<NotificationType, { ja?: string; en?: string }>>;
  messageLang: 'ja' | 'en';
  /** Absent: the defaults (Asia/Tokyo, 09:00-18:00, weekends and holidays off, 12/29-1/3 closed). */
  calendar?: CalendarSettings;
}

export function calendarOf(settings: Pick<Settings, 'calendar'>): CalendarSettings {
  return { ...DEFAULT_CALENDAR, ...settings.calendar, policy: { ...DEFAULT_CALENDAR.policy, ...settings.calendar?.policy } };
}

export const SETTINGS_FILE = 'settings.json';

/** Never a secret in here: a test scans this schema and the file for secret-looking keys. */
const schema = {
  schemaVersion: { type: 'number', const: 1 },
  clientId: { type: 'string', minLength: 1 },
  redirectUri: { type: 'string', format: 'uri' },
  account: {
    type: 'object',
    required: ['accountId', 'name'],
    properties: {
      accountId: { type: 'number' }, name: { type: 'string' }, chatworkId: { type: 'string' },
      organizationName: { type: 'string' }, roomId: { type: 'number' },
    },
  },
  users: {
    type: 'array',
    items: {
      type: 'object',
      required: ['id', 'name', 'email'],
      properties: { id: { type: 'string' }, name: { type: 'string' }, email: { type: 'string' }, department: { type: 'string' } },
    },
  },
  links: {
    type: 'object',
    additionalProperties: {
      type: 'object',
      required: ['accountId'],
      properties: { accountId: { type: 'number' }, source: { enum: ['manual', 'auto', 'import'] }, linkedAt: { type: 'string' } },
    },
  },
  destinations: {
    type: 'object',
    propertyNames: { enum: ['praise', 'survey', 'update-survey'] },
    additionalProperties: { type: 'string', pattern: '^(dm|off|room:[1-9][0-9]*)$' },
  },
  templates: { type: 'object' },
  messageLang: { enum: ['ja', 'en'] },
  calendar: {
    type: 'object',
    properties: {
      timeZone: { type: 'string' },
      window: { type: 'object', properties: { start: { type: 'string', pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' }, end: { type: 'string', pattern: '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$' } } },
      weekendsOff: { type: 'boolean' },
      holidays: { type: 'boolean' },
      closures: { type: 'array', items: { type: 'string', pattern: '^[0-9]{2}-[0-9]{2}(\\.\\.[0-9]{2}-[0-9]{2})?$' } },
      extraDates: { type: 'array', items: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}(\\.\\.[0-9]{4}-[0-9]{2}-[0-9]{2})?$' } },
      policy: { type: 'object', additionalProperties: { enum: ['send', 'defer', 'skip'] } },
    },
  },
} as const;

const defaults: Settings = { schemaVersion: 1, users: [], links: {}, destinations: {}, templates: {}, messageLang: 'ja' };

export interface SettingsStore {
  readonly path: string;
  /** A snapshot, read from disk once per call. */
  read(): Settings;
  update(change: (settings: Settings) => void): void;
}

/** conf holds the non-secret settings, validated by its JSON schema and written atomically, 0600. */
export async function openSettings(configDir: string): Promise<SettingsStore> {
  await mkdir(configDir, { recursive: true, mode: 0o700 });
  const { default: Conf } = await import('conf');
  let conf: InstanceType<typeof Conf<Settings>>;
  try {
    conf = new Conf<Settings>({
      cwd: configDir,
      configName: 'settings',
      projectSuffix: '',
      configFileMode: 0o600,
      schema: schema as never,
      defaults: defaults as never,
      clearInvalidConfig: false,
    });
  } catch (error) {
    throw new CliError('error.settingsInvalid', {
      path: `${configDir}/${SETTINGS_FILE}`,
      reason: error instanceof Error ? error.message : String(error),
    }, { cause: error });
  }
  await chmod(conf.path, 0o600).catch(() => {});
  return {
    path: conf.path,
    // Without conf's `cache` option every read of `conf.store` parses the file afresh and hands
    // back a new object: a snapshot the caller may change, with no copy of ours on top.
    read: () => conf.store,
    update(change) {
      const next = conf.store;
      change(next);
      conf.store = next;
    },
  };
}
