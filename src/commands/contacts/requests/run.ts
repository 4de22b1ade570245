import { loadSettings } from '../../../store/snapshot.js';
import type { Deps } from '../../../deps/deps.js';
import { formatTable } from '../../../io/table.js';
import { matchRequests, type RequestMatch } from '../../../linking/request-match.js';
import { organizationLabel } from '../../../linking/trust-text.js';
import { readTrust } from '../../../linking/own-organization.js';
import { commandFor, describeMatch, whyText } from '../shared/request-text.js';

export interface ContactsRequestsOptions { json?: boolean }

/** The waiting contact requests, each with the user it matches or why none. */
export async function run(options: ContactsRequestsOptions, deps: Deps): Promise<void> {
  const { io, t } = deps;
  const store = await deps.stores.state();
  const settings = await loadSettings(store);
  const api = await deps.http.chatwork();
  const [requests, contacts] = await io.spinner(t('requests.loading'), () => Promise.all([api.incomingRequests(), api.contacts()]));
  const trust = await readTrust(settings, () => api.me());
  const { matches } = matchRequests(settings, contacts, requests, trust, await store.decisions.history());
  if (options.json) return io.json(matches.map(describeMatch));
  if (matches.length === 0) return io.err(t('requests.none'));
  if (trust.own === undefined) io.err(t('trust.ownUnknown'));
  const organization = (m: RequestMatch) => { const { org, id } = organizationLabel(m.request, t); return `${org} (${id})`; };
  const rows = matches.map((m) => [String(m.request.request_id), m.request.name, organization(m), whyText(m, t), commandFor(m)]);
  for (const line of formatTable(t('requests.columns').split('|'), rows)) io.out(line);
  io.err(t('requests.summary', { count: matches.length, auto: matches.filter((m) => m.user).length }));
}
