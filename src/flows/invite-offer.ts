import { loadSettings } from '../store/snapshot.js';
import { join } from 'node:path';
import type { Deps } from '../deps/deps.js';
import { linkReport } from '../linking/link-state.js';
import { audience } from '../invite/audience.js';
import { readTrust } from '../linking/own-organization.js';
import { invite } from './invite.js';

/**
 * After linking, in setup: how many people the account cannot reach, the invitation
 * for them if the admin wants it, and the command (and cron line) that approves and
 * links their requests.
 */
export async function offerInvitation(deps: Deps): Promise<void> {
  const { io, t, prompts } = deps;
  const settings = await loadSettings(await deps.stores.state());
  const api = await deps.http.chatwork();
  const [trust, contacts] = await Promise.all([readTrust(settings, () => api.me()), api.contacts()]);
  const { people } = await audience(settings, contacts, trust);
  if (people.length === 0) return;
  const reachable = linkReport(settings, contacts).links.filter((l) => l.state === 'ok').length;
  io.err(t('setup.reach', { reachable, users: settings.users.length, count: people.length }));
  if (await prompts.confirm(t('setup.askInvite'), { default: true })) {
    const file = (await prompts.input(t('setup.askInviteFile'), { default: join(deps.env.configDir, 'invitation.txt') })).trim();
    await invite(deps, { output: file });
  }
  io.err(t('setup.approveLoop'));
}
