import type { Room } from '../../chatwork/types.js';
import { parseType } from '../../commands/shared/parse.js';
import { roomReach } from '../../flows/destination-reach.js';
import { sampleOf } from '../../destinations/room-reach.js';
import { setDestination } from '../../flows/set-destination.js';
import { destinationInWords } from '../../flows/destination-words.js';

import type { MessageKey } from '../../i18n/catalog.js';
import { sendSamples } from '../../flows/sample-messages.js';
import { choiceFromForm, destinationRows, roomChoices, rowVersion, type DestinationRow, type RoomChoice } from '../data/destinations.js';
import { quietDeps } from '../data/quiet-deps.js';
import { html, type Html } from '../html.js';
import { actionForm, type ConsolePage, type PageContext } from '../page.js';
import { pageAssets, saidFlash, unavailable } from './page-parts.js';

/** 送信先: per notification type, as the seed guide's page has it, with the member check and a test message. */
export const destinationsPage: ConsolePage = {
  id: 'destinations',
  path: '/destinations',
  titleKey: 'pages.destinations.title',
  async render(ctx) {
    const { deps, t } = ctx;
    const store = await deps.stores.state();
    const [destinations, config] = await Promise.all([store.destinations.all(), store.config.get()]);
    let rooms: Room[] | undefined;
    let problem: Html = html``;
    try { rooms = await (await deps.http.chatwork()).rooms(); } catch (error) { problem = unavailable(t, error); }
    const rows = destinationRows(destinations, config, rooms ?? []);
    const choices = roomChoices(rooms ?? []);
    const sections = await Promise.all(rows.map((row) => section(ctx, row, choices, rooms)));
    return html`${pageAssets()}<p>${t('pages.destinations.lead')}</p>${problem}${sections}`;
  },
  actions: {
    async save(ctx, form) {
      const type = parseType(form.get('type') ?? '');
      const choice = choiceFromForm(type, form);
      const store = await ctx.deps.stores.state();
      const [destinations, config] = await Promise.all([store.destinations.all(), store.config.get()]);
      const now = destinationRows(destinations, config, []).find((row) => row.type === type)!;
      if (form.get('version') !== rowVersion(now)) return { redirect: `${destinationsPage.path}#dest-${type}`, flash: { kind: 'error', text: ctx.t('pages.conflict') } };
      const { deps, said } = quietDeps(ctx.deps);
      await setDestination(deps, choice);
      return saidFlash(said, `${destinationsPage.path}#dest-${type}`, '');
    },
    async test(ctx, form) {
      const type = parseType(form.get('type') ?? '');
      const destination = (await (await ctx.deps.stores.state()).destinations.all())[type];
      const { deps, said } = quietDeps(ctx.deps);
      // The way `send-test --type <type> [--room <id>]` sends it: to the group chat when one is set, else to My Chat.
      await sendSamples(deps, { types: [type], ...(destination?.startsWith('room:') ? { room: destination.slice('room:'.length) } : {}) });
      return { redirect: `${destinationsPage.path}#dest-${type}`, flash: { kind: 'ok', text: said.lines.at(-1) ?? '' } };
    },
    check(_ctx, form) {
      // Without the script: the member check of the room just chosen, by a plain form post.
      const type = parseType(form.get('type') ?? '');
      const room = /^[1-9]\d*$/.test(form.get('room') ?? '') ? form.get('room')! : '';
      return Promise.resolve({ redirect: `${destinationsPage.path}?check=${type}&room=${room}#dest-${type}` });
    },
  },
};

async function section(ctx: PageContext, row: DestinationRow, choices: RoomChoice[], rooms: Room[] | undefined): Promise<Html> {
  const { t } = ctx;
  const { type } = row;
  const id = `dest-${type}`;
  const stored = row.kind === 'unset' ? undefined : row.kind === 'room' ? `room:${row.roomId}` : row.kind;
  const names = new Map(choices.map((c) => [c.roomId, c.name]));
  // A room asked about (chosen in the form, not saved yet) is checked instead of the saved one.
  const asked = ctx.url.searchParams.get('check') === type ? Number(ctx.url.searchParams.get('room')) : undefined;
  const roomId = asked !== undefined && Number.isSafeInteger(asked) && asked > 0 ? asked : row.kind === 'room' ? row.roomId : undefined;
  const radio = (name: string, value: string, checked: boolean, label: MessageKey) =>
    html`<label class="choice"><input type="radio" name="${name}" value="${value}"${checked ? html` checked` : html``}> ${t(label)}</label>`;
  const kind = row.kind === 'unset' ? 'dm' : row.kind;
  const gone = row.kind === 'room' && rooms !== undefined && !names.has(row.roomId!);
  const body = html`<input type="hidden" name="type" value="${type}"><input type="hidden" name="version" value="${rowVersion(row)}">
<fieldset><legend>${t('pages.destinations.kind')}</legend>
${radio(`kind`, 'dm', kind === 'dm', 'pages.destinations.kind.dm')}
${radio(`kind`, 'room', kind === 'room', 'pages.destinations.kind.room')}
${radio(`kind`, 'off', kind === 'off', 'pages.destinations.kind.off')}
<div class="field"><label for="${id}-room">${t('pages.destinations.room')}</label>
<select id="${id}-room" name="room" data-member-check="${type}" aria-describedby="${id}-members">
<option value="">${t('pages.destinations.roomPick')}</option>
${gone ? html`<option value="${row.roomId}" selected>${t('pages.destinations.roomGone', { roomId: row.roomId! })}</option>` : html``}
${choices.map((c) => html`<option value="${c.roomId}"${c.roomId === roomId ? html` selected` : html``}>${c.name}</option>`)}
</select>
<button type="submit" formaction="${destinationsPage.path}/check" class="secondary">${t('pages.destinations.check')}</button></div>
${rooms !== undefined && !choices.length ? html`<p class="muted">${t('pages.destinations.noRooms')}</p>` : html``}
</fieldset>
<fieldset><legend>${t('pages.destinations.as')}</legend>
${radio('as', 'message', row.deliverAs === 'message', 'pages.destinations.as.message')}
${radio('as', 'task', row.deliverAs === 'task', 'pages.destinations.as.task')}
</fieldset>
<fieldset><legend>${t('pages.destinations.nonMembers')}</legend>
${radio('nonMembers', 'skip', row.nonMembers === 'skip', 'pages.destinations.nonMembers.skip')}
${radio('nonMembers', 'dm', row.nonMembers === 'dm', 'pages.destinations.nonMembers.dm')}
</fieldset>
<div id="${id}-members" class="members" aria-live="polite">${roomId === undefined || gone && asked === undefined ? html`` : await memberCheck(ctx, row, roomId, names.get(roomId) ?? String(roomId))}</div>
<p><button type="submit" class="primary">${t('pages.destinations.save')}</button></p>`;
  return html`<section class="dest" id="${id}" aria-labelledby="${id}-h">
<h2 id="${id}-h">${t(`type.${type}` as MessageKey)}</h2>
<p>${t('pages.destinations.current', { destination: destinationInWords(stored, t, names) })}</p>
${actionForm(ctx, destinationsPage, 'save', body, html`class="dest-form" data-type="${type}"`)}
${actionForm(ctx, destinationsPage, 'test', html`<input type="hidden" name="type" value="${type}"><button type="submit">${t('pages.destinations.test')}</button> <span class="muted">${t('pages.destinations.testWhere')}</span>`)}
</section>`;
}

/** Who the group chat does not reach, from GET /rooms/{id}/members against the links (room-reach.ts), and what happens to them. */
async function memberCheck(ctx: PageContext, row: DestinationRow, roomId: number, name: string): Promise<Html> {
  const { deps, t, lang } = ctx;
  try {
    const { outsiders } = await roomReach(deps, await deps.stores.state(), roomId, name);
    if (!outsiders.length) return html`<p class="ok">${t('pages.destinations.allIn', { name })}</p>`;
    return html`<div class="warn-box" role="status"><p><strong>${t('pages.destinations.outsiders', { count: outsiders.length, name, sample: sampleOf(outsiders, lang) })}</strong></p>
<p>${t(row.nonMembers === 'dm' ? 'pages.destinations.outsidersDm' : 'pages.destinations.outsidersSkip')}</p></div>`;
  } catch (error) {
    return unavailable(t, error);
  }
}

