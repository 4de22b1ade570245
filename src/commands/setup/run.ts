import type { Deps } from '../../deps/deps.js';
import { UsageError } from '../../errors/index.js';
import type { MessageKey } from '../../i18n/catalog.js';
import { NOTIFICATION_TYPES } from '../../domain.js';
import { destinationInWords, roomNamesFor } from '../../flows/destination-words.js';
import { destinationsStep } from './destinations.js';
import { loginSteps, type SetupOptions } from './login.js';
import { testStep } from './test-message.js';
import { usersStep } from './users.js';

export type { SetupOptions };

type Part = 'login' | 'users' | 'destinations' | 'test';

/**
 * The admin's first hour, in seven steps, following HiManager's setup guide for the
 * web version. Run again on a configured install, it shows what is set and lets the
 * admin change one part.
 */
export async function run(options: SetupOptions, deps: Deps): Promise<void> {
  const { io, t, prompts } = deps;
  if (!io.canPrompt) throw new UsageError('setup.needsTty');
  const store = await deps.stores.state();
  const current = await store.config.get();
  let parts: Part[] = ['login', 'users', 'destinations', 'test'];
  if (current.clientId && current.account) {
    const destinations = await store.destinations.all();
    const names = await roomNamesFor(deps, Object.values(destinations));
    io.err(t('setup.configured', {
      name: current.account.name, clientId: current.clientId, users: await store.users.count(),
      links: await store.links.count(),
      destinations: NOTIFICATION_TYPES.map((type) => t('destinations.typeIs', { type: t(`type.${type}` as MessageKey), destination: destinationInWords(destinations[type], t, names) })).join(t('send.nameSeparator')),
    }));
    const choice = await prompts.select(t('setup.whichPart'), [
      { name: t('setup.part.login'), value: 'login' as const },
      { name: t('setup.part.users'), value: 'users' as const },
      { name: t('setup.part.destinations'), value: 'destinations' as const },
      { name: t('setup.part.test'), value: 'test' as const },
      { name: t('setup.part.all'), value: 'all' as const },
      { name: t('setup.part.done'), value: 'done' as const },
    ]);
    if (choice === 'done') return;
    parts = choice === 'all' ? parts : [choice];
  }
  if (parts.includes('login')) await loginSteps(options, deps);
  if (parts.includes('users')) await usersStep(deps);
  if (parts.includes('destinations')) await destinationsStep(deps);
  if (parts.includes('test')) await testStep(deps);
  io.err(t('setup.finished'));
}
