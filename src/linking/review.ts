import { neutralize } from '../delivery/notation.js';
import type { Deps } from '../deps.js';
import type { HiManagerUser, Link } from '../domain.js';
import { UsageError } from '../errors.js';
import { formatTable } from '../io/table.js';
import { loadDirectory } from '../store/snapshot.js';
import { suggestLinks, type Suggestion } from './matcher.js';
import { readTrust } from './own-organization.js';
import { linkWhyText, organizationLabel } from './trust-text.js';
import { whyNotLinked, type OrganizationTrust } from './trust.js';
import { addLinks, decidedBy, rejectPair } from './write-links.js';

type Answer = { kind: 'link'; suggestion: Suggestion } | { kind: 'reject' } | { kind: 'skip' };

/**
 * `link --review`: only what needs a person. The certain matches (one user, one contact, a
 * trusted organisation) are applied in one confirmation first; then each person left with
 * candidates is asked once: a candidate, "not this person" (remembered: never proposed again),
 * or later. Every answer is written when it is given, so Ctrl-C loses nothing and a second run
 * asks only what is still open. People with no candidate are listed at the end, not asked.
 */
export async function runReview(_options: object, deps: Deps): Promise<void> {
  const { io, t } = deps;
  if (!io.canPrompt) throw new UsageError('review.needsTerminal');
  const store = await deps.stores.state();
  const [directory, config] = await Promise.all([loadDirectory(store), store.config.get()]);
  if (directory.users.length === 0) throw new UsageError('link.noUsers');
  const api = await deps.http.chatwork();
  const [trust, contacts] = await io.spinner(t('contacts.loading'), () => Promise.all([readTrust(config, () => api.me()), api.contacts()]));
  if (trust.own === undefined) io.err(t('trust.ownUnknown'));
  const { suggestions, unmatched } = suggestLinks(directory.users, contacts, directory.links, trust, { rejected: directory.rejected });
  const now = () => new Date(deps.clock.now()).toISOString();

  const certain = onePerPerson(suggestions.filter((s) => whyNotLinked(trust, s) === undefined));
  const decided = new Set<string>();
  if (certain.length) {
    io.err(t('review.certainTitle', { count: certain.length }));
    const rows = certain.map((s) => [s.user.id, s.user.name, s.user.department || '-', `${neutralize(s.contact.name)} (${s.contact.account_id})`, neutralize(s.contact.department) || '-']);
    for (const line of formatTable(t('autolink.columns').split('|').slice(0, 5), rows)) io.err(line);
    if (await deps.prompts.confirm(t('review.certainAsk', { count: certain.length }), { default: true })) {
      const at = now();
      const added = await addLinks(store, Object.fromEntries(certain.map((s) => [s.user.id, link(s, 'auto', at)])), { confirmed: true, at });
      for (const id of added) decided.add(id);
      io.err(t('review.certainApplied', { count: added.length }));
    } else io.err(t('review.certainDeclined'));
  }

  const people = directory.users.filter((u) => !decided.has(u.id) && suggestions.some((s) => s.user === u));
  const counts = { linked: decided.size, rejected: 0, skipped: 0 };
  const rejectedNow: HiManagerUser[] = [];
  if (people.length === 0 && certain.length === 0) io.err(t('review.nothing'));
  else if (people.length) io.err(t('review.start', { count: people.length }));
  const takenNow = new Set(certain.filter((s) => decided.has(s.user.id)).map((s) => s.contact.account_id));
  let asked = 0;
  for (const user of people) {
    // Everyone this person could be was linked to someone else a moment ago: nothing to ask.
    const mine = suggestions.filter((s) => s.user === user && !takenNow.has(s.contact.account_id));
    if (mine.length === 0) continue;
    const answer = await ask(deps, user, mine, trust, { n: ++asked, total: people.length });
    if (answer.kind === 'skip') counts.skipped++;
    else if (answer.kind === 'reject') {
      for (const s of mine) await rejectPair(store, { userId: user.id, accountId: s.contact.account_id, at: now(), by: decidedBy(deps.run) });
      io.err(t('review.rejected', { user: label(user), count: mine.length }));
      counts.rejected++;
      rejectedNow.push(user);
    } else {
      const at = now();
      const params = { user: label(user), contact: `${neutralize(answer.suggestion.contact.name)} (${answer.suggestion.contact.account_id})` };
      if ((await addLinks(store, { [user.id]: link(answer.suggestion, 'manual', at) }, { confirmed: true, at })).length) {
        takenNow.add(answer.suggestion.contact.account_id);
        counts.linked++;
        io.err(t('review.linked', params));
      } else io.err(t('review.taken', params));
    }
  }
  if (certain.length || people.length) io.err(t('review.summary', counts));
  const alone = [...unmatched, ...rejectedNow];
  if (alone.length) {
    const names = alone.slice(0, 10).map(label).join(t('send.nameSeparator'));
    io.err(t('review.noCandidate', { count: alone.length, names: alone.length > 10 ? t('send.namesMore', { names, more: alone.length - 10 }) : names }));
  }
}

async function ask(deps: Deps, user: HiManagerUser, mine: Suggestion[], trust: OrganizationTrust, progress: { n: number; total: number }): Promise<Answer> {
  const { t } = deps;
  const choices = mine.map((s) => {
    const why = whyNotLinked(trust, s);
    return {
      name: t('review.candidate', {
        contact: `${neutralize(s.contact.name)} (${s.contact.account_id})`, ...organizationLabel(s.contact, t),
        department: neutralize(s.contact.department) || '-', confidence: Math.round(s.confidence * 100),
        why: why ? t('review.candidateWhy', { why: linkWhyText(why, s.contact, t) }) : '',
      }),
      value: { kind: 'link', suggestion: s } as Answer,
    };
  });
  return deps.prompts.select(t('review.ask', { ...progress, user: label(user), department: user.department || '-' }), [
    ...choices,
    { name: t('review.reject'), value: { kind: 'reject' } as Answer },
    { name: t('review.skip'), value: { kind: 'skip' } as Answer },
  ]);
}

/** One suggestion per person and per contact, best first: what a single confirmation may apply (the review, the console). */
export function onePerPerson(suggestions: Suggestion[]): Suggestion[] {
  const users = new Set<string>();
  const accounts = new Set<number>();
  return suggestions.filter((s) => {
    if (users.has(s.user.id) || accounts.has(s.contact.account_id)) return false;
    users.add(s.user.id);
    accounts.add(s.contact.account_id);
    return true;
  });
}

const label = (user: HiManagerUser) => `${user.name} (${user.id})`;
const link = (s: Suggestion, source: Link['source'], linkedAt: string): Link => ({ accountId: s.contact.account_id, source, linkedAt });
