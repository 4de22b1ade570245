import type { PoolRunnerInitializer } from 'vitest/node';

export declare const persistentThreads: PoolRunnerInitializer;
