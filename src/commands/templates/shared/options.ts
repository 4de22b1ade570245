import type { OptionDefinition } from '../../definition.js';

/** After a templates command, --lang is the template's language; before it, the CLI's. */
export const templateLang: OptionDefinition = { flags: '--lang <lang>', description: 'help.opt.templateLang' };
/** A follow-up's template instead of the first message's: follow-up (「再送」) or due-today (「本日締切」). */
export const templateVariant: OptionDefinition = { flags: '--variant <follow-up|due-today>', description: 'help.opt.templateVariant' };
