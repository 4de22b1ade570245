import { withdrawStaleHeld } from '../../delivery/held.js';
import type { HiManagerUser } from '../../domain.js';
import { UsageError } from '../../errors.js';
import { findContact } from '../../linking/link-state.js';
import { linkByHand } from '../../linking/link-by-hand.js';
import { addLinks, decidedBy, rejectPair, removeLinks } from '../../linking/write-links.js';
import type { ActionResult, ConsoleAction, PageContext } from '../page.js';
import { linksModel } from './model.js';

/** Back to the list as it was filtered, the person's card in view. */
function back(form: URLSearchParams, flash: ActionResult['flash'], userId?: string): ActionResult {
  const query = form.get('_back')?.startsWith('?') ? form.get('_back')! : '';
  return { redirect: `/links${query === '?' ? '' : query}${userId ? `#p-${encodeURIComponent(userId)}` : ''}`, ...(flash ? { flash } : {}) };
}

async function person(ctx: PageContext, form: URLSearchParams): Promise<HiManagerUser> {
  const id = form.get('user') ?? '';
  const user = await (await ctx.deps.stores.state()).users.find(id);
  if (!user) throw new UsageError('link.noSuchUser', { user: id });
  return user;
}

function accountOf(form: URLSearchParams): number {
  const text = form.get('account') ?? '';
  if (!/^[1-9][0-9]*$/.test(text)) throw new UsageError('link.noSuchContact', { contact: text });
  return Number(text);
}

/** '' in the form: the person was unlinked when the page was drawn. */
function expectedOf(form: URLSearchParams): number | null {
  const text = form.get('expected') ?? '';
  return text === '' ? null : Number(text);
}

const now = (ctx: PageContext) => new Date(ctx.deps.clock.now()).toISOString();

/** The page's writes: each goes through the same domain code as the CLI's `link`, `link reject`, `unlink` and `link --review`. */
export const LINK_ACTIONS: Record<string, ConsoleAction> = {
  async accept(ctx, form) {
    const user = await person(ctx, form);
    const contact = findContact(await (await ctx.deps.http.chatwork()).contacts(), String(accountOf(form)));
    await linkByHand(await ctx.deps.stores.state(), user, contact, now(ctx), expectedOf(form));
    return back(form, { kind: 'ok', text: ctx.t('link.linked', { user: `${user.name} (${user.id})`, contact: `${contact.name} (${contact.account_id})` }) }, user.id);
  },

  async reject(ctx, form) {
    const user = await person(ctx, form);
    const accountId = accountOf(form);
    const store = await ctx.deps.stores.state();
    const { added, unlinked } = await rejectPair(store, { userId: user.id, accountId, at: now(ctx), by: decidedBy(ctx.deps.run) });
    const params = { user: `${user.name} (${user.id})`, contact: String(accountId), userId: user.id, accountId };
    const text = [ctx.t(added ? 'linkReject.done' : 'linkReject.already', params), unlinked ? ctx.t('linkReject.unlinked', params) : ''].filter(Boolean).join('\n');
    return back(form, { kind: 'ok', text }, user.id);
  },

  async unlink(ctx, form) {
    const user = await person(ctx, form);
    const store = await ctx.deps.stores.state();
    const expected = expectedOf(form);
    if ((await store.links.byUserIds([user.id])).get(user.id)?.accountId !== (expected ?? undefined)) {
      throw new UsageError('console.links.changedMeanwhile', { user: `${user.name} (${user.id})` });
    }
    // As `unlink` does: the link ends, and what was held for the person goes nowhere now.
    const removed = await removeLinks(store, [user.id], { reason: 'unlinked', at: now(ctx) });
    if (removed.length === 0) throw new UsageError('unlink.notLinked', { user: user.id });
    await withdrawStaleHeld(store, ctx.deps.clock.now());
    return back(form, { kind: 'ok', text: ctx.t('unlink.done', { user: `${user.name} (${user.id})` }) }, user.id);
  },

  /** `link --review`'s first step: every certain match, one per person and contact, trusted organisations only. */
  async 'accept-all'(ctx, form) {
    const model = await linksModel(ctx.deps);
    const at = now(ctx);
    const links = Object.fromEntries(model.certain.map((s) => [s.user.id, { accountId: s.contact.account_id, source: 'auto' as const, linkedAt: at }]));
    const added = await addLinks(await ctx.deps.stores.state(), links, { confirmed: true, at });
    return back(form, { kind: 'ok', text: ctx.t('review.certainApplied', { count: added.length }) });
  },
};
