import { helpCatalog } from './catalog-help.js';
import { errorsCatalog } from './catalog-errors.js';
import { linkingCatalog } from './catalog-linking.js';
import { sandboxCatalog } from './catalog-sandbox.js';
import { authCatalog } from './catalog-auth.js';
import { deliveryCatalog } from './catalog-delivery.js';
import { setupCatalog } from './catalog-setup.js';
import { doctorCatalog } from './catalog-doctor.js';
import { calendarCatalog } from './catalog-calendar.js';
import { stateCatalog } from './catalog-state.js';
import { safetyCatalog } from './catalog-safety.js';
import { inviteCatalog } from './catalog-invite.js';
import { adminCatalog } from './catalog-admin.js';
import { postgresCatalog } from './catalog-postgres.js';
import { uxCatalog } from './catalog-ux.js';
import { loopbackCatalog } from './catalog-loopback.js';
import { bodyLimitCatalog } from './catalog-body-limit.js';
import { trustCatalog } from './catalog-trust.js';
import { inputsCatalog } from './catalog-inputs.js';
import { restoreCatalog } from './catalog-restore.js';
import { fencingCatalog } from './catalog-fencing.js';
import { alertsCatalog } from './catalog-alerts.js';
import { deployCatalog } from './catalog-deploy.js';
import { movedCatalog } from './catalog-moved.js';
import { loggingCatalog } from './catalog-logging.js';
import { runsCatalog } from './catalog-runs.js';
import { supportCatalog } from './catalog-support.js';
import { directoryCatalog } from './catalog-directory.js';
import { decisionsCatalog } from './catalog-decisions.js';
import { wordingCatalog } from './catalog-wording.js';
import { inflightCatalog } from './catalog-inflight.js';
import { pgLostCatalog } from './catalog-pg-lost.js';
import { roundsCatalog } from './catalog-rounds.js';
import { leaveCatalog } from './catalog-leave.js';
import { digestCatalog } from './catalog-digest.js';
import { answeredCatalog } from './catalog-answered.js';
import { consoleCatalog } from './catalog-console.js';
import { consolePagesCatalog } from './catalog-console-pages.js';

/**
 * Every user-facing string, in Japanese and English. Placeholders are {name}.
 * Each area keeps its keys in a file of its own (catalog-<area>.ts), so that work on one
 * area never edits another's lines; this file only merges them. A test checks that no
 * entry is missing a language and that both languages use the same placeholders.
 */
export const catalog = {
  ...helpCatalog,
  ...errorsCatalog,
  ...linkingCatalog,
  ...sandboxCatalog,
  ...authCatalog,
  ...deliveryCatalog,
  ...setupCatalog,
  ...doctorCatalog,
  ...calendarCatalog,
  ...stateCatalog,
  ...safetyCatalog,
  ...inviteCatalog,
  ...adminCatalog,
  ...postgresCatalog,
  ...uxCatalog,
  ...loopbackCatalog,
  ...bodyLimitCatalog,
  ...trustCatalog,
  ...inputsCatalog,
  ...restoreCatalog,
  ...fencingCatalog,
  ...alertsCatalog,
  ...deployCatalog,
  ...movedCatalog,
  ...loggingCatalog,
  ...runsCatalog,
  ...supportCatalog,
  ...directoryCatalog,
  ...decisionsCatalog,
  ...wordingCatalog,
  ...inflightCatalog,
  ...pgLostCatalog,
  ...roundsCatalog,
  ...leaveCatalog,
  ...digestCatalog,
  ...answeredCatalog,
  ...consoleCatalog,
  ...consolePagesCatalog,
} as const satisfies Record<string, { en: string; ja: string }>;

export type MessageKey = keyof typeof catalog;

/** The areas spread above, in the same order. */
type Areas = [
  typeof helpCatalog, typeof errorsCatalog, typeof linkingCatalog, typeof sandboxCatalog, typeof authCatalog,
  typeof deliveryCatalog, typeof setupCatalog, typeof doctorCatalog, typeof calendarCatalog, typeof stateCatalog,
  typeof safetyCatalog, typeof inviteCatalog, typeof adminCatalog, typeof postgresCatalog, typeof uxCatalog, typeof loopbackCatalog,
  typeof bodyLimitCatalog, typeof trustCatalog, typeof inputsCatalog, typeof restoreCatalog, typeof fencingCatalog,
  typeof alertsCatalog,
  typeof deployCatalog,
  typeof movedCatalog,
  typeof loggingCatalog,
  typeof runsCatalog,
  typeof supportCatalog,
  typeof directoryCatalog,
  typeof decisionsCatalog,
  typeof wordingCatalog,
  typeof inflightCatalog,
  typeof pgLostCatalog,
  typeof roundsCatalog,
  typeof leaveCatalog,
  typeof digestCatalog,
  typeof answeredCatalog,
  typeof consoleCatalog,
  typeof consolePagesCatalog,
];
type KeysOf<List extends readonly object[]> = List extends readonly [infer First, ...infer Rest extends readonly object[]] ? keyof First | KeysOf<Rest> : never;
type InTwo<List extends readonly object[]> = List extends readonly [infer First, ...infer Rest extends readonly object[]] ? (keyof First & KeysOf<Rest>) | InTwo<Rest> : never;

// These fail to compile, naming the key, when a key is defined in two areas (the later spread
// would silently replace the earlier text), or when Areas and the spread list differ.
(undefined as unknown as InTwo<Areas>) satisfies never;
// eslint-disable-next-line @typescript-eslint/no-redundant-type-constituents, @typescript-eslint/no-duplicate-type-constituents -- both sides are `never` when the check passes
(undefined as unknown as Exclude<MessageKey, KeysOf<Areas>> | Exclude<KeysOf<Areas>, MessageKey>) satisfies never;
