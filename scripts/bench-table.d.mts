export interface BenchRow { group: string; figure: string; value: number | string; unit?: string; baseline?: number; target: string; note?: string }
export interface BenchResults { date: string; rows: BenchRow[] }
export function benchRows(full: BenchResults, cold?: BenchResults): BenchRow[];
export function renderTable(rows: BenchRow[]): string;
export function withTable(text: string, table: string): string;
