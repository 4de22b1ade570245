/** The product's own nouns, shared by every layer; the storage layer only keeps them. */
export const NOTIFICATION_TYPES = ['praise', 'survey', 'update-survey'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];
/** `dm`, `off`, or `room:<room_id>`. */
export type Destination = string;
export type Destinations = Partial<Record<NotificationType, Destination>>;

/** What a notification type does outside the send window. */
export type Policy = 'send' | 'defer' | 'skip';

export interface CalendarSettings {
  timeZone: string;
  /** "HH:MM", local to timeZone; end is exclusive. */
  window: { start: string; end: string };
  weekendsOff: boolean;
  holidays: boolean;
  /** Every year: "MM-DD" or "MM-DD..MM-DD" (may cross the new year). */
  closures: string[];
  /** Once: "YYYY-MM-DD" or "YYYY-MM-DD..YYYY-MM-DD". */
  extraDates: string[];
  policy: Record<NotificationType, Policy>;
}

/** What an HR export says of a person: 在籍 / 休職 / 退職. Absent means active. */
export type EmploymentStatus = 'active' | 'on-leave' | 'retired';

export interface HiManagerUser {
  id: string; name: string; email: string; department?: string; reading?: string;
  /** Set when not active. `retired`: absent from the latest import or sync, or 退職 in it; gets nothing. */
  status?: Exclude<EmploymentStatus, 'active'>;
  /** The person's manager, by user id (上長ID), as the export gave it. */
  managerId?: string;
  /** When this person was retired (ISO 8601); absent for anyone in the directory. */
  retiredAt?: string;
}
export interface Link { accountId: number; source: 'manual' | 'auto' | 'import'; linkedAt: string }
interface ConnectedAccount { accountId: number; name: string; chatworkId: string; organizationName?: string; roomId?: number }
export type MessageLang = 'ja' | 'en';
export type Templates = Partial<Record<NotificationType, { ja?: string; en?: string }>>;

/** The small settings of an install: one row each in the store. Never a secret in here. */
export interface Config {
  clientId?: string;
  redirectUri?: string;
  account?: ConnectedAccount;
  /** Per type and language, a custom template; absent means the built-in one. */
  templates: Templates;
  messageLang: MessageLang;
  /** Absent: the defaults (Asia/Tokyo, 09:00-18:00, weekends and holidays off, 12/29-1/3 closed). */
  calendar?: CalendarSettings;
  /** Per type, a message (the default) or a Chatwork task with the due date as its deadline. */
  deliverAs?: Partial<Record<NotificationType, DeliverAs>>;
  /** Per type with a room destination: what a linked recipient who is not a member gets (default: skipped). */
  nonMembers?: Partial<Record<NotificationType, NonMemberFallback>>;
  /** `reminders escalate`: per type, whether managers hear of their reports still pending (docs/leave-and-managers.md). */
  escalate?: Partial<Record<NotificationType, boolean>>;
  /** Chatwork organisation ids an admin trusts like the notification account's own (`contacts trust-org`). */
  trustedOrganizations?: number[];
  /** `alerts set`: the group chat a run's failures and newly unreachable people are posted to. */
  alerts?: AlertsSetting;
  /** What was alerted already, per cause: kept so that one cause is posted once (src/alerts). */
  alertMemory?: AlertMemory;
  /** `reminders schedule`: per type, follow-up rounds before due (absent: a reminder id goes once). */
  followUps?: Partial<Record<NotificationType, FollowUpSetting>>;
  /** One message per person per run (src/delivery/digest.ts): on unless `off`; custom templates per language. */
  digest?: DigestSetting;
  /** Reminders whose answers wait for `send-reminders --confirm-answered` before their tasks close (src/delivery/answered-share.ts). */
  answeredHolds?: { reminderId: string; answered: number; pendingBefore: number; at: number }[];
  /** Custom follow-up templates per type, variant (followUp 「再送」, dueToday 「本日締切」) and language; absent: the built-in ones. */
  followUpTemplates?: FollowUpTemplates;
}

export type FollowUpTemplates = Partial<Record<NotificationType, Partial<Record<'followUp' | 'dueToday', { ja?: string; en?: string }>>>>;

/** Days before due (each a round `d<N>`), and the least hours between two messages to one person for one reminder. */
export interface FollowUpSetting { daysBefore: number[]; gapHours: number }

interface DigestSetting { off?: boolean; templates?: { ja?: string; en?: string } }

interface AlertsSetting { roomId: number }
export type AlertKind = 'failed' | 'room-gone' | 'newly-unreachable';
/** Alerts are remembered per room: another room starts afresh. A fingerprint is a hash of the affected ids, never a name. */
export interface AlertMemory { roomId: number; open: Partial<Record<AlertKind, { fingerprint: string; since: number }>> }

export type DeliverAs = 'message' | 'task';
export type NonMemberFallback = 'skip' | 'dm';

export const CONFIG_KEYS = ['clientId', 'redirectUri', 'account', 'templates', 'messageLang', 'calendar', 'deliverAs', 'nonMembers', 'trustedOrganizations', 'alerts', 'alertMemory', 'followUps', 'escalate', 'digest', 'answeredHolds', 'followUpTemplates'] as const satisfies readonly (keyof Config)[];

/** The HiManager directory with its links, for the commands that look at all of it at once. */
export interface Directory {
  users: HiManagerUser[];
  links: Record<string, Link>;
  /** Pairs an admin said are not the same person (src/linking/rejections.ts); loaded with the directory. */
  rejected?: ReadonlyMap<string, ReadonlySet<number>>;
}

/** Everything at once, for the commands that look at the whole install (doctor, invite, contacts). */
export type Settings = Config & Directory & { destinations: Destinations };
