import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The order of test files in a mutation run (vitest.mutation.config.ts). Each mutant's run stops
 * at its first failing test, so the order decides what a killed mutant costs. Vitest's own order
 * runs the slowest file first (best for a whole suite on many workers): here the 5-second
 * matcher-rounds file would come before the quick matcher tests. This runs a file that failed last first (the
 * previous mutant was near this one), then the quickest first. The durations are those of whole
 * runs: vitest keeps them through runs filtered to a few tests.
 */
export default class QuickFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const result = (spec: TestSpecification) => this.ctx.cache.getTestSpecificationResult(spec);
    return [...files].sort((a, b) =>
      Number(result(b)?.failed ?? false) - Number(result(a)?.failed ?? false)
      || (result(a)?.duration ?? 0) - (result(b)?.duration ?? 0));
  }
}
