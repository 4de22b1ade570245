import type { PoolRunnerInitializer } from 'vitest/node';

export declare const persistentThreads: PoolRunnerInitializer;
export declare const THREADS_STARTED: unique symbol;
