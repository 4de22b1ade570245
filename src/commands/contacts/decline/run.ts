import type { Deps } from '../../../deps/deps.js';
import { UsageError } from '../../../errors/index.js';

export interface ContactsDeclineOptions { ids?: string[]; json?: boolean }

/** Declines requests by id; every id is checked against the waiting requests first. */
export async function run(options: ContactsDeclineOptions, deps: Deps): Promise<void> {
  const { io, t } = deps;
  const ids = options.ids ?? [];
  if (ids.length === 0) throw new UsageError('decline.needIds');
  const api = await deps.http.chatwork();
  const requests = await io.spinner(t('requests.loading'), () => api.incomingRequests());
  const unknown = ids.filter((id) => !requests.some((r) => String(r.request_id) === id));
  if (unknown.length) throw new UsageError('approve.unknownRequest', { ids: unknown.join(', ') }, { hint: { key: 'approve.hint.unknown' } });
  const declined = [];
  for (const id of ids) {
    const request = requests.find((r) => String(r.request_id) === id)!;
    await api.declineRequest(request.request_id);
    declined.push({ requestId: request.request_id, accountId: request.account_id, name: request.name });
    if (!options.json) io.err(t('decline.declined', { name: request.name, requestId: request.request_id }));
  }
  if (options.json) io.json({ declined });
}
