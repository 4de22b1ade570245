import { loadSettings } from '../../../store/snapshot.js';
import type { IncomingRequest } from '../../../chatwork/types.js';
import type { Deps } from '../../../deps/deps.js';
import { AmbiguousRequestError, ApiError, errorInWords, ExitCode, UsageError } from '../../../errors/index.js';
import { formatTable } from '../../../io/table.js';
import { findUser } from '../../../linking/link-state.js';
import { matchRequests, type RequestMatch } from '../../../linking/request-match.js';
import { readTrust } from '../../../linking/own-organization.js';
import { addLinks, setLink } from '../../../linking/write-links.js';
import { linkedToRemovedContact } from '../../../linking/readded.js';
import type { HiManagerUser, Link } from '../../../domain.js';
import { commandFor, describeMatch, whyText } from '../shared/request-text.js';

export interface ContactsApproveOptions { ids?: string[]; auto?: boolean; dryRun?: boolean; yes?: boolean; json?: boolean; user?: string; ping?: string }

/** `replaces`: the account of the removed contact the user's link points at, replaced after a confirmation. */
interface Choice { request: IncomingRequest; user?: HiManagerUser; source: Link['source']; replaces?: number }
interface Outcome { requestId: number; accountId: number; name: string; userId: string | null; result: 'approved' | 'unknown' | 'failed'; linked: boolean; detail?: string }

/**
 * Approves contact requests and links each new contact to its user in the same step,
 * one request at a time, so a crash leaves at most one approved-but-unlinked person.
 * That person, like anyone approved earlier whose link was never written, is a contact
 * by then: --auto links unambiguous contacts too, so the next run links them and
 * nobody is ever approved twice. Only someone of a trusted organisation id (trust.ts) is
 * approved automatically, whatever anyone's name.
 */
export async function run(options: ContactsApproveOptions, deps: Deps): Promise<number> {
  const { io, t } = deps;
  const ids = options.ids ?? [];
  if (options.auto && ids.length) throw new UsageError('approve.autoTakesNoIds');
  if (!options.auto && ids.length === 0) throw new UsageError('approve.needIds');
  if (options.user && ids.length !== 1) throw new UsageError('approve.userNeedsOneId');
  if (options.auto && !options.yes && !options.dryRun && !io.canPrompt) throw new UsageError('approve.autoNeedsYes');
  const store = await deps.stores.state();
  const settings = await loadSettings(store);
  const api = await deps.http.chatwork();
  const [requests, contacts] = await io.spinner(t('requests.loading'), () => Promise.all([api.incomingRequests(), api.contacts()]));
  // The account's organisation as Chatwork gives it now: never the one stored at login or carried by a dump.
  const trust = await readTrust(settings, () => api.me());
  const { matches, contactLinks } = matchRequests(settings, contacts, requests, trust, await store.decisions.history());
  if (options.auto && trust.own === undefined && !options.json) io.err(t('trust.ownUnknown'));

  let chosen: Choice[];
  let left: RequestMatch[] = [];
  if (options.auto) {
    chosen = matches.filter((m) => m.user).map((m) => ({ request: m.request, user: m.user, source: 'auto' }));
    left = matches.filter((m) => !m.user);
  } else {
    const unknown = ids.filter((id) => !matches.some((m) => String(m.request.request_id) === id));
    if (unknown.length) throw new UsageError('approve.unknownRequest', { ids: unknown.join(', ') }, { hint: { key: 'approve.hint.unknown' } });
    const given = options.user ? findUser(settings.users, options.user) : undefined;
    // A user linked to a contact that was removed may be relinked, after one confirmation; a live link never.
    const replaces = given ? linkedToRemovedContact(given.id, settings, contacts) : undefined;
    if (given && settings.links[given.id] && replaces === undefined) throw new UsageError('approve.userLinked', { user: given.id, accountId: settings.links[given.id]!.accountId });
    chosen = ids.map((id) => matches.find((m) => String(m.request.request_id) === id)!)
      .map((m) => ({ request: m.request, user: given ?? m.user, source: given ? 'manual' : 'auto', ...(replaces !== undefined ? { replaces } : {}) }));
    if (replaces !== undefined && !options.dryRun && !await confirmRelink(deps, options, chosen[0]!, replaces)) {
      io.err(t('approve.nothing'));
      return ExitCode.ok;
    }
  }
  const earlier = options.auto ? contactLinks : [];

  if (options.dryRun) {
    if (options.json) return report(deps, options, { outcomes: [], linkedEarlier: [], left, chosen, earlier: earlier.length });
    printChoices(deps, chosen);
    printLeft(deps, left);
    io.err(t('approve.dryRunSummary', { approved: chosen.length, linked: earlier.length, left: left.length }));
    return ExitCode.ok;
  }
  if (options.auto && !options.yes && chosen.length) {
    printChoices(deps, chosen);
    if (!await deps.prompts.confirm(t('approve.ask', { count: chosen.length }), { default: true })) {
      io.err(t('approve.nothing'));
      return ExitCode.ok;
    }
  }
  const now = new Date(deps.clock.now()).toISOString();
  const outcomes: Outcome[] = [];
  // A person said yes to these links unless a batch ran with --yes.
  const confirmed = !options.auto || !options.yes;
  for (const { request, user, source, replaces } of chosen) {
    const base = { requestId: request.request_id, accountId: request.account_id, name: request.name, userId: user?.id ?? null };
    try {
      const contact = await api.approveRequest(request.request_id);
      const link = { accountId: contact.account_id, source, linkedAt: now };
      if (user && replaces !== undefined) await setLink(store, user.id, link, { confirmed, reason: 'contact-gone', at: now });
      else if (user) await addLinks(store, { [user.id]: link }, { confirmed, at: now });
      // Linked now, or already (a re-added contact whose link stayed): either way the person is reachable through it.
      const linked = user ? (await store.links.byUserIds([user.id])).get(user.id)?.accountId === contact.account_id : false;
      outcomes.push({ ...base, result: 'approved', linked });
    } catch (error) {
      if (error instanceof AmbiguousRequestError) outcomes.push({ ...base, result: 'unknown', linked: false });
      else if (error instanceof ApiError) outcomes.push({ ...base, result: 'failed', linked: false, detail: errorInWords(error, deps.t) });
      else throw error;
    }
  }
  const linkedEarlier = await addLinks(store, Object.fromEntries(earlier.map((s) => [s.user.id, { accountId: s.contact.account_id, source: 'auto' as const, linkedAt: now }])), { confirmed, at: now });
  const code = outcomes.some((o) => o.result !== 'approved') ? ExitCode.partial : ExitCode.ok;
  deps.lifecycle.report({
    approved: outcomes.filter((o) => o.result === 'approved').length, unknown: outcomes.filter((o) => o.result === 'unknown').length,
    failed: outcomes.filter((o) => o.result === 'failed').length, linkedEarlier: linkedEarlier.length, left: left.length,
  });
  const earlierLinked = earlier.filter((s) => linkedEarlier.includes(s.user.id));
  if (options.json) {
    report(deps, options, {
      outcomes, linkedEarlier: earlierLinked.map((s) => ({ userId: s.user.id, accountId: s.contact.account_id, name: s.contact.name })), left, chosen, earlier: earlierLinked.length,
    });
    return code;
  }
  for (const o of outcomes) io.err(outcomeText(deps, o));
  if (earlierLinked.length) io.err(t('approve.linkedContacts', { count: earlierLinked.length, names: earlierLinked.map((s) => `${s.user.name} (${s.user.id})`).join(', ') }));
  printLeft(deps, left);
  io.err(t('approve.summary', {
    approved: outcomes.filter((o) => o.result === 'approved').length,
    linked: outcomes.filter((o) => o.linked).length + earlierLinked.length, left: left.length,
  }));
  return code;
}

/** What --json says: what was (or would be) approved and linked, and the requests left. */
interface ApproveReport { outcomes: Outcome[]; linkedEarlier: unknown[]; left: RequestMatch[]; chosen: Choice[]; earlier: number }

function report(deps: Deps, options: ContactsApproveOptions, { outcomes, linkedEarlier, left, chosen, earlier }: ApproveReport): number {
  deps.io.json({
    dryRun: options.dryRun === true,
    ...(options.dryRun
      ? { wouldApprove: chosen.map((c) => ({ requestId: c.request.request_id, accountId: c.request.account_id, name: c.request.name, userId: c.user?.id ?? null })), wouldLinkEarlier: earlier }
      : { outcomes, linkedEarlier }),
    left: left.map(describeMatch),
  });
  return ExitCode.ok;
}

function outcomeText(deps: Deps, o: Outcome): string {
  const { t } = deps;
  const params = { name: o.name, requestId: o.requestId, accountId: o.accountId };
  if (o.result === 'unknown') return t('approve.unknownOutcome', params);
  if (o.result === 'failed') return t('approve.failed', { ...params, detail: o.detail ?? '' });
  return o.linked ? t('approve.approved', { ...params, user: o.userId! }) : t('approve.approvedUnlinked', params);
}

function printChoices(deps: Deps, chosen: Choice[]): void {
  const { io, t } = deps;
  const rows = chosen.map((c) => [String(c.request.request_id), c.request.name, c.user ? `${c.user.name} (${c.user.id})` : '-', c.user ? '' : t('requests.why.none')]);
  if (rows.length) for (const line of formatTable(t('approve.columns').split('|'), rows)) io.err(line);
}

function printLeft(deps: Deps, left: RequestMatch[]): void {
  const { io, t } = deps;
  if (!left.length) return;
  io.err(t('approve.left', { count: left.length }));
  for (const m of left) io.err(t('approve.leftLine', { requestId: m.request.request_id, name: m.request.name, why: whyText(m, t), command: commandFor(m) }));
}


/** One confirmation before a user's link to a removed contact is replaced: on a terminal a question, elsewhere --yes. */
async function confirmRelink(deps: Deps, options: ContactsApproveOptions, choice: Choice, replaces: number): Promise<boolean> {
  const params = { user: `${choice.user!.name} (${choice.user!.id})`, old: replaces, requestId: choice.request.request_id, name: choice.request.name, accountId: choice.request.account_id };
  if (options.yes) return true;
  if (!deps.io.canPrompt) throw new UsageError('approve.relinkNeedsYes', params);
  return deps.prompts.confirm(deps.t('approve.askRelink', params), { default: false });
}
