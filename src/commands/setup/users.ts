import { existsSync } from 'node:fs';
import type { Deps } from '../../deps/deps.js';
import { UsageError } from '../../errors/index.js';
import { importUsers } from '../../flows/import-users.js';
import { offerInvitation } from '../../flows/invite-offer.js';
import { runAutoLink } from '../../flows/auto-link.js';

export async function usersStep(deps: Deps): Promise<void> {
  const { io, t, prompts } = deps;
  // Step 5: the HiManager directory, then the link suggestions to confirm.
  io.err(t('setup.step5'));
  for (;;) {
    const file = (await prompts.input(t('setup.askUsersFile'), {
      validate: (v) => existsSync(v.trim()) || t('setup.noSuchFile'),
    })).trim();
    try {
      await importUsers(deps, { file });
      break;
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      // An invalid file changes nothing: show why, and ask again.
      io.err(`${t('error.prefix')} ${t(error.key, error.params)}`);
      for (const detail of error.details) io.err(`${detail.prefix ?? ''}${t(detail.key, detail.params)}`);
    }
  }
  await runAutoLink({}, deps);
  await offerInvitation(deps);
}
