import { EXIT_CODE_TABLE } from '../errors/index.js';
import type { Translate } from '../i18n/translate.js';

/** The exit-code table under the program's help: code, meaning, what to do. */
export function exitCodesHelp(t: Translate): string {
  return ['', t('exit.title'), ...EXIT_CODE_TABLE.map((row) => `  ${row.code}  ${t(row.meaning)} — ${t(row.action)}`)].join('\n');
}
