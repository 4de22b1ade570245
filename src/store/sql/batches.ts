/** SQLite allows 32,766 parameters and PostgreSQL 65,535: lookups go in batches well under both. */
const BATCH = 500;

export async function inBatches<T>(items: T[], each: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (const batch of chunks(items, BATCH)) await each(batch);
}

export const placeholders = (items: unknown[]) => items.map(() => '?').join(', ');

export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
