/** Messages of one area; catalog.ts spreads them into the one catalog. */
export const stateCatalog = {
} as const satisfies Record<string, { en: string; ja: string }>;
