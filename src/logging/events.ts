/**
 * The event vocabulary of the logs (docs/logging.md lists each with its fields). An event's
 * name is stable for machines; its `message`, when it has one, is in the admin's language.
 * Events without a message (run.start, run.end, delivery.failed) appear in the JSON format only:
 * the text format shows what people read today, with time and run id in front.
 */
export const LOG_EVENTS = [
  'run.start', 'run.end', 'message', 'warning', 'error', 'verbose', 'progress', 'ratelimit.wait', 'delivery.failed',
] as const;
export type LogEvent = (typeof LOG_EVENTS)[number];

/** Fields every JSON line has, in this order, before the event's own. */
export const CORE_FIELDS = ['time', 'level', 'runId', 'event', 'message'] as const;
