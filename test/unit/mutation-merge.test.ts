import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript without declarations: the mutation run's own script
import { mergeReports } from '../../scripts/mutation/shards.mjs';

type Test = { id: string; name: string; location?: { start: { line: number; column: number } } };
type Mutant = { id: string; status: string; coveredBy?: string[]; killedBy?: string[] };
type Report = { schemaVersion: string; files: Record<string, { mutants: Mutant[] }>; testFiles: Record<string, { source: string; tests: Test[] }> };
const merge = mergeReports as (reports: Report[]) => Report;

const at = (line: number) => ({ start: { line, column: 2 } });
const testsOf = (ids: string[]): Test[] => [
  { id: ids[0]!, name: 'plans each pair once', location: at(10) },
  { id: ids[1]!, name: 'skips a sent pair', location: at(20) },
];
/** One shard's incremental file, written by a run that numbered the same two tests its own way. */
const report = (file: string, ids: string[], mutant: Mutant, source = 'the tests'): Report => ({
  schemaVersion: '2',
  files: { [file]: { mutants: [mutant] } },
  testFiles: { 'test/unit/plan.test.ts': { source, tests: testsOf(ids) } },
});
const nameOf = (merged: Report, id: string) => merged.testFiles['test/unit/plan.test.ts']!.tests.find((test) => test.id === id)?.name;

describe('merging shards\' incremental files written by different runs', () => {
  it('keeps each mutant\'s covering and killing tests the same tests, whatever number each run gave them', () => {
    const core = report('src/plan.ts', ['752', '753'], { id: '1', status: 'Killed', coveredBy: ['752', '753'], killedBy: ['753'] });
    const people = report('src/links.ts', ['753', '1205'], { id: '1', status: 'Killed', coveredBy: ['753'], killedBy: ['753'] });
    const merged = merge([core, people]);
    expect(merged.testFiles['test/unit/plan.test.ts']!.tests).toHaveLength(2);
    const plan = merged.files['src/plan.ts']!.mutants[0]!;
    const links = merged.files['src/links.ts']!.mutants[0]!;
    expect(plan.killedBy!.map((id) => nameOf(merged, id))).toEqual(['skips a sent pair']);
    expect(plan.coveredBy!.map((id) => nameOf(merged, id))).toEqual(['plans each pair once', 'skips a sent pair']);
    // In the second run 753 was the other test: it stays that one.
    expect(links.killedBy!.map((id) => nameOf(merged, id))).toEqual(['plans each pair once']);
  });

  it('drops the tests of a file recorded with another text, so their mutants run again', () => {
    const core = report('src/plan.ts', ['1', '2'], { id: '1', status: 'Killed', coveredBy: ['1', '2'], killedBy: ['2'] });
    const people = report('src/links.ts', ['1', '2'], { id: '1', status: 'Killed', coveredBy: ['1'], killedBy: ['1'] }, 'the tests, edited');
    const merged = merge([core, people]);
    expect(merged.files['src/plan.ts']!.mutants[0]!.killedBy!.map((id) => nameOf(merged, id))).toEqual(['skips a sent pair']);
    expect(merged.files['src/links.ts']!.mutants[0]).toMatchObject({ coveredBy: [], killedBy: [] });
  });
});
