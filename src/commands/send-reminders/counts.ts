import type { Deps } from '../../deps/deps.js';

/**
 * A count of messages that also says how many people they reach when the two differ: one
 * group chat post for 5 people is 1 message, so 「保留19件（18人）」, not a 件 that names people.
 */
export function countWithPeople(t: Deps['t'], messages: number, people: Iterable<string>): string {
  const reached = new Set(people).size;
  return reached === messages ? t('count.messages', { count: messages }) : t('count.messagesPeople', { count: messages, people: reached });
}
