import type { OptionDefinition } from '../../../cli/definition.js';

/** After a templates command, --lang is the template's language; before it, the CLI's. */
export const templateLang: OptionDefinition = { flags: '--lang <lang>', description: 'help.opt.templateLang' };
