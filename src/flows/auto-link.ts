import type { Link } from '../domain.js';
import { loadDirectory } from '../store/snapshot.js';
import type { Store } from '../store/store.js';
import type { Deps } from '../deps/deps.js';
import { UsageError } from '../errors/index.js';
import type { MessageKey } from '../i18n/catalog.js';
import { formatTable } from '../io/table.js';
import { suggestLinks, type Suggestion } from '../linking/matcher.js';
import { addLinks } from '../linking/write-links.js';
import { readTrust } from '../linking/own-organization.js';
import { linkWhyText } from '../linking/trust-text.js';
import { whyNotLinked, type OrganizationTrust } from '../linking/trust.js';

export interface AutoLinkOptions { yes?: boolean; dryRun?: boolean; json?: boolean }

/**
 * link --auto: on a terminal the admin confirms (all, one by one, or none); with --yes
 * only unambiguous matches are applied and the rest are listed for review.
 */
export async function runAutoLink(options: AutoLinkOptions, deps: Deps): Promise<void> {
  const { io, t } = deps;
  const store = await deps.stores.state();
  const [current, config] = await Promise.all([loadDirectory(store), store.config.get()]);
  if (current.users.length === 0) throw new UsageError('link.noUsers');
  if (!options.yes && !options.dryRun && !io.canPrompt) throw new UsageError('link.autoNeedsYes');
  const api = await deps.http.chatwork();
  // The account's organisation as Chatwork gives it now, at the start of every run.
  const [trust, contacts] = await io.spinner(t('contacts.loading'), () => Promise.all([readTrust(config, () => api.me()), api.contacts()]));
  if (trust.own === undefined && !options.json) io.err(t('trust.ownUnknown'));
  const { suggestions, unmatched } = suggestLinks(current.users, contacts, current.links, trust, { rejected: current.rejected });
  const why = (s: Suggestion) => whyNotLinked(trust, s);
  const safe = suggestions.filter((s) => why(s) === undefined);
  const review = suggestions.filter((s) => why(s) !== undefined);

  let chosen: Suggestion[] = [];
  let confirmedEach = false;
  if (options.dryRun) chosen = [];
  else if (options.yes) chosen = safe;
  else ({ chosen, confirmedEach } = await confirmInteractively(deps, safe, review, trust));
  // Confirmed one by one, they are the admin's choices: stored and reported as such.
  // A person said yes on a terminal (all at once or one by one); --yes is a batch nobody looked at.
  await apply(deps, store, chosen, confirmedEach ? 'manual' : 'auto', !options.yes);

  const describe = (s: Suggestion) => ({
    userId: s.user.id, userName: s.user.name, accountId: s.contact.account_id, contactName: s.contact.name,
    confidence: s.confidence, reason: s.reason, departmentMatches: s.departmentMatches ?? null, unambiguous: s.unambiguous,
    organizationId: s.contact.organization_id, organization: s.contact.organization_name, why: why(s) ?? null,
  });
  if (options.json) {
    return io.json({
      dryRun: options.dryRun === true,
      applied: chosen.map(describe),
      review: suggestions.filter((s) => !chosen.includes(s)).map(describe),
      unmatched: unmatched.map((u) => ({ userId: u.id, userName: u.name })),
    });
  }
  if (options.dryRun) printTable(deps, suggestions, trust);
  const leftForReview = suggestions.filter((s) => !chosen.includes(s) && !chosen.some((c) => c.user.id === s.user.id || c.contact.account_id === s.contact.account_id));
  if (!options.dryRun && leftForReview.length) {
    io.err(t('autolink.review', { count: leftForReview.length }));
    printTable(deps, leftForReview, trust);
  }
  io.err(t(options.dryRun ? 'autolink.dryRunSummary' : confirmedEach ? 'autolink.summaryConfirmed' : 'autolink.summary', {
    applied: chosen.length, safe: safe.length, review: leftForReview.length, unmatched: unmatched.length,
  }));
  if (unmatched.length) {
    // The people with no candidate, by name: an invitation reaches them, or a link by hand.
    const shown = unmatched.slice(0, UNMATCHED_SHOWN).map((u) => `${u.name} (${u.id})`).join(t('send.nameSeparator'));
    io.err(t('autolink.unmatchedNames', {
      count: unmatched.length,
      names: unmatched.length > UNMATCHED_SHOWN ? t('send.namesMore', { names: shown, more: unmatched.length - UNMATCHED_SHOWN }) : shown,
    }));
    if (!options.dryRun) io.err(t('autolink.unmatchedHint'));
  }
}

const UNMATCHED_SHOWN = 5;

async function confirmInteractively(deps: Deps, safe: Suggestion[], review: Suggestion[], trust: OrganizationTrust): Promise<{ chosen: Suggestion[]; confirmedEach: boolean }> {
  const { t, prompts } = deps;
  if (safe.length + review.length === 0) return { chosen: [], confirmedEach: false };
  printTable(deps, [...safe, ...review], trust);
  // With no unambiguous match, "apply all 0" is no choice: confirming one by one comes first.
  const mode = await prompts.select(t('autolink.askMode', { safe: safe.length, review: review.length }), [
    ...(safe.length ? [{ name: t('autolink.modeAll', { count: safe.length }), value: 'all' as const }] : []),
    { name: t('autolink.modeOneByOne'), value: 'each' as const },
    { name: t('autolink.modeNone'), value: 'none' as const },
  ]);
  if (mode === 'none') return { chosen: [], confirmedEach: false };
  if (mode === 'all') return { chosen: safe, confirmedEach: false };
  const chosen: Suggestion[] = [];
  for (const suggestion of [...safe, ...review]) {
    if (chosen.some((c) => c.user.id === suggestion.user.id || c.contact.account_id === suggestion.contact.account_id)) continue;
    const yes = await prompts.confirm(t('autolink.askOne', {
      user: `${suggestion.user.name} (${suggestion.user.id}, ${suggestion.user.department ?? '-'})`,
      contact: `${suggestion.contact.name} (${suggestion.contact.account_id}, ${suggestion.contact.department || '-'})`,
      reason: t(`autolink.reason.${suggestion.reason}` as MessageKey), confidence: Math.round(suggestion.confidence * 100),
    }), { default: suggestion.unambiguous });
    if (yes) chosen.push(suggestion);
  }
  return { chosen, confirmedEach: true };
}

async function apply(deps: Deps, store: Store, chosen: Suggestion[], source: Link['source'], confirmed: boolean): Promise<void> {
  if (chosen.length === 0) return;
  const linkedAt = new Date(deps.clock.now()).toISOString();
  const links: Record<string, Link> = {};
  const taken = new Set<number>();
  for (const suggestion of chosen) {
    if (taken.has(suggestion.contact.account_id) || links[suggestion.user.id]) continue;
    links[suggestion.user.id] = { accountId: suggestion.contact.account_id, source, linkedAt };
    taken.add(suggestion.contact.account_id);
  }
  // Never two users on one contact, and never over a link made meanwhile: the store checks both in its transaction.
  await addLinks(store, links, { confirmed, at: linkedAt });
}

function printTable(deps: Deps, suggestions: Suggestion[], trust: OrganizationTrust): void {
  const { io, t } = deps;
  // The department of both sides, so that "check the department" can be done from the table; and why a row is not automatic.
  const rows = suggestions.map((s) => [
    s.user.id, s.user.name, s.user.department || '-', `${s.contact.name} (${s.contact.account_id})`, s.contact.department || '-', `${Math.round(s.confidence * 100)}%`,
    t(`autolink.reason.${s.reason}` as MessageKey) + (s.departmentMatches === false ? t('autolink.deptDiffers') : ''),
    linkWhyText(whyNotLinked(trust, s), s.contact, t),
  ]);
  for (const line of formatTable([...t('autolink.columns').split('|'), t('trust.whyColumn')], rows)) io.err(line);
}
