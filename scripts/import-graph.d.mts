export type Import = readonly [from: string, to: string];
export interface Floor { name: string; units: string[] }
export const FLOORS: Floor[];
export const MAY_IMPORT_DEPS: string[];
export function specifiersIn(text: string): string[];
export function readImports(root: string): Import[];
export function unitOf(path: string): string;
export function floorOf(unit: string): string | undefined;
export function circles(edges: readonly Import[]): string[][];
export function findings(imports: readonly Import[]): string[];
export function unitGraph(imports: readonly Import[]): {
  arrows: { from: string; to: string; count: number }[];
  up: { from: string; to: string; count: number }[];
  circles: string[][];
};
