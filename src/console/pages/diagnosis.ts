import type { Contact, Room } from '../../chatwork/types.js';
import { run as doctor } from '../../commands/doctor/run.js';
import { parseType } from '../../commands/shared/parse.js';
import { run as unlink } from '../../commands/unlink/run.js';
import { setDestination } from '../../flows/set-destination.js';
import type { MessageKey } from '../../i18n/catalog.js';
import { loadSettings } from '../../store/snapshot.js';
import { roomChoices, type RoomChoice } from '../data/destinations.js';
import { byConcern, safeFixes, type CheckRow, type SafeFixes } from '../data/diagnosis.js';
import { quietDeps } from '../data/quiet-deps.js';
import { html, type Html } from '../html.js';
import { actionForm, type ConsolePage, type PageContext } from '../page.js';
import { pageAssets, saidFlash } from './page-parts.js';

/** 診断: doctor's findings with their fixes; a button where the fix is one safe change. */
export const diagnosisPage: ConsolePage = {
  id: 'diagnosis',
  path: '/diagnosis',
  titleKey: 'pages.diagnosis.title',
  async render(ctx) {
    const { deps, t } = ctx;
    const quiet = quietDeps(deps);
    // doctor itself, every check as `doctor --json` reports it.
    await doctor({ json: true }, quiet.deps);
    const report = quiet.said.json[0] as { summary: { ok: number; warn: number; fail: number }; checks: CheckRow[] };
    const fixes = await fixesNow(ctx);
    return html`${pageAssets()}<p>${t('pages.diagnosis.lead')}</p>
<p><strong>${t('pages.diagnosis.summary', report.summary)}</strong></p>
${fixesSection(ctx, fixes)}
<ul class="findings">${byConcern(report.checks).map((row) => html`<li class="${row.status}" data-finding="${row.findingKey}"><span class="badge">${t(`pages.diagnosis.status.${row.status}` as MessageKey)}</span> ${t(`doctor.area.${row.area}` as MessageKey)}: ${row.finding}${row.remedy ? html`<br><span class="muted">${t('pages.diagnosis.fix', { remedy: row.remedy })}</span>` : html``}</li>`)}</ul>`;
  },
  actions: {
    async unlink(ctx, form) {
      const user = form.get('user') ?? '';
      const { deps, said } = quietDeps(ctx.deps);
      // Only a link doctor reports as pointing at a removed contact: the button never unlinks a working one.
      const fixes = await fixesNow(ctx);
      const target = fixes?.unlink.find((f) => f.userId === user);
      if (!target) return { redirect: diagnosisPage.path, flash: { kind: 'error', text: ctx.t('pages.diagnosis.noFixes') } };
      await unlink({ user }, deps);
      return saidFlash(said, diagnosisPage.path, ctx.t('pages.diagnosis.unlinked', { name: target.name, userId: user }));
    },
    async repick(ctx, form) {
      const type = parseType(form.get('type') ?? '');
      const room = form.get('room') ?? '';
      const { deps, said } = quietDeps(ctx.deps);
      // `destinations set <type> room:<id>`: the room is checked (exists, may post) before it is saved.
      await setDestination(deps, { type, destination: `room:${room}` });
      return saidFlash(said, diagnosisPage.path, '');
    },
  },
};

interface FixesNow extends SafeFixes { rooms: RoomChoice[] }

async function fixesNow(ctx: PageContext): Promise<FixesNow | undefined> {
  const store = await ctx.deps.stores.state();
  const settings = await loadSettings(store);
  let contacts: Contact[];
  let rooms: Room[];
  try {
    const api = await ctx.deps.http.chatwork();
    [contacts, rooms] = await Promise.all([api.contacts(), api.rooms()]);
  } catch {
    // doctor's findings say why Chatwork could not be asked; no button acts without its answer.
    return undefined;
  }
  return { ...safeFixes(settings, contacts, rooms), rooms: roomChoices(rooms) };
}

function fixesSection(ctx: PageContext, fixes: FixesNow | undefined): Html {
  const { t } = ctx;
  if (!fixes) return html``;
  const items = [
    ...fixes.unlink.map((f) => html`<li>${t('pages.diagnosis.unlinkGone', f)}
${actionForm(ctx, diagnosisPage, 'unlink', html`<input type="hidden" name="user" value="${f.userId}"><button type="submit">${t('pages.diagnosis.unlink', { name: f.name })}</button>`)}</li>`),
    ...fixes.repick.map((f) => {
      const typeName = t(`type.${f.type}` as MessageKey);
      const id = `repick-${f.type}`;
      return html`<li>${t('pages.diagnosis.repickGone', { type: typeName, roomId: f.roomId })}
${actionForm(ctx, diagnosisPage, 'repick', html`<input type="hidden" name="type" value="${f.type}"><label for="${id}">${t('pages.destinations.room')}</label>
<select id="${id}" name="room">${fixes.rooms.map((r) => html`<option value="${r.roomId}">${r.name}</option>`)}</select>
<button type="submit">${t('pages.diagnosis.repick', { type: typeName })}</button>`, html`class="field"`)}</li>`;
    }),
  ];
  return html`<section aria-labelledby="fix-h"><h2 id="fix-h">${t('pages.diagnosis.fixes')}</h2>
${items.length ? html`<ul class="findings">${items}</ul>` : html`<p class="muted">${t('pages.diagnosis.noFixes')}</p>`}</section>`;
}
