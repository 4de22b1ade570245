import { statsLines } from '../../commands/reminders/stats/render.js';
import { roundInWords } from '../../commands/send-reminders/dry-run-rounds.js';
import type { MessageKey } from '../../i18n/catalog.js';
import { campaignOf, type ComingRounds } from '../data/campaign.js';
import { html, type Html } from '../html.js';
import type { PageContext } from '../page.js';

/**
 * 配信状況's campaigns: the follow-up schedules (`reminders schedule`), each open reminder's
 * coming rounds with their dates (the days send-reminders sends them), and each reminder's
 * figures in the words of `reminders stats` (people asked, messages per round, answered after
 * each round, pending, skipped by reason, failed).
 */
export async function campaignSection(ctx: PageContext): Promise<Html> {
  const { t, deps } = ctx;
  const campaign = await campaignOf(await deps.stores.state(), deps.clock.now());
  const schedules = campaign.schedules.length
    ? html`<ul class="schedules">${campaign.schedules.map(([type, s]) => html`<li data-type="${type}">${t('pages.campaign.schedule', {
      type: t(`type.${type}` as MessageKey), days: s.daysBefore.join(','), gap: t('schedule.gapHours', { hours: s.gapHours }),
    })}</li>`)}</ul>`
    : html`<p>${t('pages.campaign.noSchedule')}</p>`;
  const coming = campaign.schedules.length
    ? campaign.coming.length ? html`<ul class="coming">${campaign.coming.map((c) => comingItem(ctx, c))}</ul>` : html`<p>${t('pages.campaign.noneScheduled')}</p>`
    : html``;
  const figures = campaign.stats.length
    ? html`<ul class="figures">${campaign.stats.map((s) => {
      const [head, ...lines] = statsLines(t, s);
      return html`<li class="figure" data-reminder="${s.reminderId}"><h4>${head}</h4><ul>${lines.map((line) => html`<li>${line.trim()}</li>`)}</ul></li>`;
    })}</ul>`
    : html`<p>${t('stats.none')}</p>`;
  return html`<section aria-labelledby="campaign-h"><h2 id="campaign-h">${t('pages.campaign.title')}</h2>
<h3>${t('pages.campaign.schedules')}</h3>${schedules}
${campaign.schedules.length ? html`<h3>${t('pages.campaign.coming')}</h3>${coming}` : html``}
<h3>${t('pages.campaign.figures')}</h3>${figures}
</section>`;
}

function comingItem(ctx: PageContext, c: ComingRounds): Html {
  const { t, deps } = ctx;
  const head = t('pages.campaign.comingOf', { id: c.reminder.reminderId, title: c.reminder.title || '-', due: c.reminder.due ?? '-', pending: c.pending });
  return html`<li class="coming-reminder" data-reminder="${c.reminder.reminderId}"><h4>${head}</h4>
${c.rounds.length ? html`<ol>${c.rounds.map((r) => html`<li data-round="${r.round}" data-date="${r.date}"><time datetime="${deps.time.iso(r.at)}">${deps.time.human(r.at)}</time> ${roundInWords(r.round, t)}</li>`)}</ol>`
    : html`<p>${t('pages.campaign.noneComing')}</p>`}</li>`;
}
