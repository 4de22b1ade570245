import { LINK_ACTIONS } from '../links/actions.js';
import { reach } from '../links/funnel.js';
import { onLeaveToday } from '../links/leave.js';
import { linksModel } from '../links/model.js';
import { pickView } from '../links/pick.js';
import { linksView } from '../links/view.js';
import type { ConsolePage } from '../page.js';

/** 紐付け: every HiManager user with their Chatwork account or candidates, and the reach funnel. */
export const linksPage: ConsolePage = {
  id: 'links',
  path: '/links',
  titleKey: 'console.page.links',
  async render(ctx) {
    const model = await linksModel(ctx.deps);
    const pick = ctx.url.searchParams.get('pick');
    if (pick !== null) return pickView(ctx, model, pick);
    return linksView(ctx, model, await reach(ctx.deps, model), await onLeaveToday(ctx.deps));
  },
  actions: LINK_ACTIONS,
  // The match of every person: seconds at 5,000 people, done before the first visit.
  warm: async (deps) => { await linksModel(deps); },
};
