import type { AlertKind } from '../domain.js';
import { MAX_BODY, neutralize } from '../delivery/notation.js';
import type { MessageKey } from '../i18n/catalog.js';
import { createTranslator, type Translate } from '../i18n/translate.js';
import type { AffectedPerson, AlertContext, AlertInput } from './alert-input.js';

/** How many people a line names before "and N more": the message stays short whatever the run. */
const NAMES_SHOWN = 10;
/** How many different failure reasons are told, each at most this long. */
const REASONS_SHOWN = 3;
const REASON_LENGTH = 300;

/**
 * The alert as Chatwork shows it: an info box whose title says what happened, one section per
 * raised cause (what, whom, the command that fixes it: the remedy doctor gives), and the run.
 * Every outside text (names, ids, reasons, host) is made inert: no notation takes effect.
 * Sections that do not fit one message go into the next, whole.
 */
export function renderAlert(input: AlertInput, raised: AlertKind[], context: AlertContext): string[] {
  const t = createTranslator(context.lang);
  const sections = raised.map((kind) => SECTIONS[kind](input, t, context).join('\n'));
  const footer = t('alerts.footer', { runId: context.run.id, host: neutralize(context.run.host) });
  const max = context.maxLength ?? MAX_BODY;
  const wrap = (body: string[], part: string) => `[info][title]${t('alerts.title')}${part}[/title]${body.join('\n\n')}\n\n${footer}[/info]`;
  const groups: string[][] = [[]];
  for (const section of sections) {
    const last = groups.at(-1)!;
    if (last.length && wrap([...last, section], ' (9/9)').length > max) groups.push([section]);
    else last.push(section);
  }
  return groups.map((body, i) => wrap(body, groups.length > 1 ? ` (${i + 1}/${groups.length})` : ''));
}

type Section = (input: AlertInput, t: Translate, context: AlertContext) => string[];

const SECTIONS: Record<AlertKind, Section> = {
  'room-gone': (input, t) => input.roomsGone.flatMap(({ roomId, type }) => [
    t('alerts.roomGone', { type: t(`type.${type}` as MessageKey), roomId }),
    remedy(t, t('doctor.fix.destination', { type })),
  ]),
  failed: (input, t) => {
    const people = unique(input.failures);
    const reasons = [...new Set(input.failures.map((p) => p.reason))];
    const shown = reasons.slice(0, REASONS_SHOWN).map((r) => neutralize(r.length > REASON_LENGTH ? `${r.slice(0, REASON_LENGTH)}…` : r));
    const lines = [t('alerts.failed', { count: people.length, names: names(people, t) }), t('alerts.reasons', { reasons: shown.join(' / ') })];
    // An answer that never came is looked for in the room by the next run; any other failure is tried again there too.
    if (input.failures.some((p) => p.unconfirmed)) lines.push(remedy(t, t('doctor.fix.rerun')));
    if (input.failures.some((p) => !p.unconfirmed)) lines.push(remedy(t, t('doctor.fix.lastRun')));
    return lines;
  },
  'newly-unreachable': (input, t, context) => {
    const lines = [t('alerts.unreachable', { count: unique(input.newlyUnreachable).length })];
    const groups = new Map<string, AffectedPerson[]>();
    for (const person of input.newlyUnreachable) {
      const key = person.reason === 'not-member' ? `not-member:${person.type ?? ''}` : person.reason;
      groups.set(key, [...(groups.get(key) ?? []), person]);
    }
    for (const [key, group] of groups) {
      const people = unique(group);
      const reason = key.split(':')[0]!;
      lines.push(t('alerts.unreachableGroup', { reason: t(`skip.${reason}` as MessageKey), count: people.length, names: names(people, t) }));
      const fix = unreachableRemedy(reason, group[0]!, context, t);
      if (fix) lines.push(remedy(t, fix));
    }
    return lines;
  },
};

/** The remedy doctor gives for the same finding (src/flows/doctor/checks-links.ts, checks-admin.ts). */
function unreachableRemedy(reason: string, first: AffectedPerson, context: AlertContext, t: Translate): string | undefined {
  if (reason === 'unlinked') return t('doctor.fix.unlinked');
  if (reason === 'contact-gone') return t('doctor.fix.contactGone', { user: neutralize(first.userId) });
  if (reason !== 'not-member') return undefined;
  const type = first.type;
  const destination = type ? context.destinations[type] : undefined;
  if (!type || !destination?.startsWith('room:')) return undefined;
  return t('doctor.fix.members', { typeArg: type, roomId: destination.slice('room:'.length) });
}

function remedy(t: Translate, text: string): string {
  return t('alerts.remedy', { remedy: text });
}

function unique(people: AffectedPerson[]): AffectedPerson[] {
  const seen = new Map<string, AffectedPerson>();
  for (const person of people) if (!seen.has(person.userId)) seen.set(person.userId, person);
  return [...seen.values()];
}

/** "山田 太郎（E0001）、… ほか 3 人": the first few, inert. */
function names(people: AffectedPerson[], t: Translate): string {
  const shown = people.slice(0, NAMES_SHOWN).map((p) => t('alerts.person', { name: neutralize(p.name), userId: neutralize(p.userId) })).join(t('send.nameSeparator'));
  const more = people.length - NAMES_SHOWN;
  return more > 0 ? t('send.namesMore', { names: shown, more }) : shown;
}
