/**
 * OWASP's rule for CSV injection: a cell that Excel would read as a formula (it begins with
 * = + - @, a tab or a carriage return) gets a leading apostrophe.
 */
export function neutraliseCsvCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
