import type { OptionDefinition } from '../../definition.js';

/** After a templates command, --lang is the template's language; before it, the CLI's. */
export const templateLang: OptionDefinition = { flags: '--lang <lang>', description: 'help.opt.templateLang' };
