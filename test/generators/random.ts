/**
 * The seeded generator (mulberry32) the sandbox uses for fault injection, for generated test data
 * too: the same data on every run.
 */
export { seededRandom } from '../../sandbox/src/random.ts';
