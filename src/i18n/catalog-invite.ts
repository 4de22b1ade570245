/** Messages of one area; catalog.ts spreads them into the one catalog. */
export const inviteCatalog = {
} as const satisfies Record<string, { en: string; ja: string }>;
