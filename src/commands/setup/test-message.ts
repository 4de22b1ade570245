import type { Deps } from '../../deps/deps.js';
import { UsageError } from '../../errors/index.js';
import { sendSamples } from '../../flows/sample-messages.js';

export async function testStep(deps: Deps): Promise<void> {
  const { io, t, prompts } = deps;
  // Step 7: a test message, where the admin chooses.
  io.err(t('setup.step7'));
  const target = await prompts.select(t('setup.askTest'), [
    { name: t('setup.test.myChat'), value: 'mychat' as const },
    { name: t('setup.test.user'), value: 'user' as const },
    { name: t('setup.test.skip'), value: 'skip' as const },
  ]);
  if (target === 'skip') return;
  if (target === 'mychat') {
    await sendSamples(deps, { types: ['survey'] });
    return;
  }
  const user = (await prompts.input(t('setup.askTestUser'))).trim();
  try {
    await sendSamples(deps, { types: ['survey'], user });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`${t('error.prefix')} ${t(error.key, error.params)}`);
  }
}
