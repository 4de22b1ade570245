// The matcher's precision and recall on the generated labelled people (test/generators/people.ts):
// counts, not timings. The first set is the one docs/linking.md and test/unit/matcher.test.ts quote; the
// others show how the figure moves with the draw.
import { join } from 'node:path';

export async function matching(root, record) {
  process.stderr.write('6. matching: precision and recall on the labelled sets\n');
  const { generateLabelledPeople, OWN_TRUST } = await import(join(root, 'test', 'generators', 'people.ts'));
  const { suggestLinks } = await import(join(root, 'dist', 'linking', 'matcher.js'));
  const sets = [[400, 42, true], [400, 7], [400, 99], [400, 2026], [1000, 42]];
  for (const [size, seed, main] of sets) {
    const { users, contacts, truth } = generateLabelledPeople(size, seed);
    const automatic = suggestLinks(users, contacts, {}, OWN_TRUST).suggestions.filter((s) => s.unambiguous);
    const right = automatic.filter((s) => truth.get(s.user.id) === s.contact.account_id).length;
    const label = `${size} people, seed ${seed}${main ? ' (the labelled set)' : ''}`;
    const note = `${truth.size} of them contacts, ${contacts.length - truth.size} outsiders; ${users.filter((u) => u.reading).length} with a reading`;
    record('matching', `${label}: precision`, automatic.length ? (100 * right) / automatic.length : 100, '%', undefined, main ? '100 %' : 'reported', `${right} right of ${automatic.length} linked automatically`);
    record('matching', `${label}: recall`, (100 * right) / truth.size, '%', undefined, main ? '≥ 97 %' : 'reported', note);
  }
}
