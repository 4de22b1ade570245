/**
 * The commands whose runs are on record and the ones cron pings for: the one list. A command
 * that changes state or sends is recorded (its dry run is not: it changes nothing). The ones
 * cron runs unattended take `--ping` (and HIMANAGER_CHATWORK_PING_URL); `startsAt` says when
 * the start ping leaves: at once, or once the run holds the send lock (a run that finds the
 * lock taken did nothing: no ping, no record).
 */
export interface RecordedCommand {
  /** As typed without the program's name. */
  command: string;
  /** Recorded only when this holds for the parsed options (`link --auto`, not `link E1 123`). */
  when?: (options: Record<string, unknown>) => boolean;
  ping?: { startsAt: 'start' | 'lock'; when?: (options: Record<string, unknown>) => boolean };
}

const auto = (options: Record<string, unknown>) => options.auto === true;

const RECORDED_COMMANDS: RecordedCommand[] = [
  { command: 'send-reminders', ping: { startsAt: 'lock' } },
  { command: 'recall' },
  { command: 'send-test' },
  { command: 'contacts approve', ping: { startsAt: 'start', when: auto } },
  { command: 'contacts decline' },
  { command: 'contacts trust-org', when: (o) => o.organization_id !== undefined || o.remove === true },
  { command: 'link' },
  { command: 'unlink' },
  { command: 'links import' },
  { command: 'users import' },
  // Cron keeps the directory in step with HR's export.
  { command: 'users sync', ping: { startsAt: 'start' } },
  { command: 'alerts set' },
  { command: 'alerts off' },
  { command: 'templates set' },
  { command: 'templates edit' },
  { command: 'templates reset' },
  { command: 'templates lang', when: (o) => o.lang !== undefined },
  // `calendar` alone shows; its actions (set, add-closure, remove-closure) change the settings.
  { command: 'calendar', when: (o) => o.action !== undefined && o.action !== 'show' },
  { command: 'destinations set' },
  // Posts only with --room; otherwise it prints a text to send by hand.
  { command: 'invite', when: (o) => o.room !== undefined },
  { command: 'history prune' },
  { command: 'state import' },
  { command: 'state migrate' },
  { command: 'state rekey' },
  { command: 'state unlock' },
  // Changes nothing, but cron runs it: pinged, never recorded.
  { command: 'doctor', when: () => false, ping: { startsAt: 'start' } },
];

export function recordedCommand(command: string): RecordedCommand | undefined {
  return RECORDED_COMMANDS.find((entry) => entry.command === command);
}
