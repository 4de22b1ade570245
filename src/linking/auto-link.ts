import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import type { MessageKey } from '../i18n/catalog.js';
import { formatTable } from '../io/table.js';
import { suggestLinks, type Suggestion } from './matcher.js';
import { addLinks } from './write-links.js';

export interface AutoLinkOptions { yes?: boolean; dryRun?: boolean; json?: boolean }

/**
 * link --auto: on a terminal the admin confirms (all, one by one, or none); with --yes
 * only unambiguous matches are applied and the rest are listed for review.
 */
export async function runAutoLink(options: AutoLinkOptions, deps: Deps): Promise<void> {
  const { io, t } = deps;
  const settings = await deps.stores.settings();
  const current = settings.read();
  if (current.users.length === 0) throw new UsageError('link.noUsers');
  if (!options.yes && !options.dryRun && !io.canPrompt) throw new UsageError('link.autoNeedsYes');
  const contacts = await io.spinner(t('contacts.loading'), async () => (await deps.http.chatwork()).contacts());
  const { suggestions, unmatched } = suggestLinks(current.users, contacts, current.links, current.account?.organizationName);
  const safe = suggestions.filter((s) => s.unambiguous);
  const review = suggestions.filter((s) => !s.unambiguous);

  let chosen: Suggestion[] = [];
  if (options.dryRun) chosen = [];
  else if (options.yes) chosen = safe;
  else chosen = await confirmInteractively(deps, safe, review);
  apply(deps, settings, chosen);

  const describe = (s: Suggestion) => ({
    userId: s.user.id, userName: s.user.name, accountId: s.contact.account_id, contactName: s.contact.name,
    confidence: s.confidence, reason: s.reason, departmentMatches: s.departmentMatches ?? null, unambiguous: s.unambiguous,
  });
  if (options.json) {
    return io.json({
      dryRun: options.dryRun === true,
      applied: chosen.map(describe),
      review: suggestions.filter((s) => !chosen.includes(s)).map(describe),
      unmatched: unmatched.map((u) => ({ userId: u.id, userName: u.name })),
    });
  }
  if (options.dryRun) printTable(deps, suggestions);
  const leftForReview = suggestions.filter((s) => !chosen.includes(s) && !chosen.some((c) => c.user.id === s.user.id || c.contact.account_id === s.contact.account_id));
  if (!options.dryRun && leftForReview.length) {
    io.err(t('autolink.review', { count: leftForReview.length }));
    printTable(deps, leftForReview);
  }
  io.err(t(options.dryRun ? 'autolink.dryRunSummary' : 'autolink.summary', {
    applied: chosen.length, safe: safe.length, review: leftForReview.length, unmatched: unmatched.length,
  }));
  if (unmatched.length && !options.dryRun) io.err(t('autolink.unmatchedHint'));
}

async function confirmInteractively(deps: Deps, safe: Suggestion[], review: Suggestion[]): Promise<Suggestion[]> {
  const { t, prompts } = deps;
  if (safe.length + review.length === 0) return [];
  printTable(deps, [...safe, ...review]);
  const mode = await prompts.select(t('autolink.askMode', { safe: safe.length, review: review.length }), [
    { name: t('autolink.modeAll', { count: safe.length }), value: 'all' as const },
    { name: t('autolink.modeOneByOne'), value: 'each' as const },
    { name: t('autolink.modeNone'), value: 'none' as const },
  ]);
  if (mode === 'none') return [];
  if (mode === 'all') return safe;
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
  return chosen;
}

function apply(deps: Deps, settings: Awaited<ReturnType<Deps['stores']['settings']>>, chosen: Suggestion[]): void {
  const linkedAt = new Date(deps.clock.now()).toISOString();
  addLinks(settings, Object.fromEntries(chosen.map((s) => [s.user.id, { accountId: s.contact.account_id, source: 'auto' as const, linkedAt }])));
}

function printTable(deps: Deps, suggestions: Suggestion[]): void {
  const { io, t } = deps;
  const rows = suggestions.map((s) => [
    s.user.id, s.user.name, `${s.contact.name} (${s.contact.account_id})`, `${Math.round(s.confidence * 100)}%`,
    t(`autolink.reason.${s.reason}` as MessageKey) + (s.departmentMatches === false ? t('autolink.deptDiffers') : ''),
  ]);
  for (const line of formatTable(t('autolink.columns').split('|'), rows)) io.err(line);
}
