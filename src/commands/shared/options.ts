import type { OptionDefinition } from '../definition.js';

/** The flags several commands take, each with the one description they share. */
export const json: OptionDefinition = { flags: '--json', description: 'help.opt.json' };
export const yes: OptionDefinition = { flags: '-y, --yes', description: 'help.opt.yes' };
export const dryRun: OptionDefinition = { flags: '--dry-run', description: 'help.opt.dryRun' };
export const force: OptionDefinition = { flags: '--force', description: 'help.opt.force' };
export const encoding: OptionDefinition = { flags: '--encoding <encoding>', description: 'help.opt.encoding' };
export const output: OptionDefinition = { flags: '--output <file>', description: 'help.opt.output' };
export const notificationType: OptionDefinition = { flags: '--type <type>', description: 'help.opt.type' };
export const redirectUri: OptionDefinition = { flags: '--redirect-uri <url>', description: 'help.opt.redirectUri' };
export const maxInputSize: OptionDefinition = { flags: '--max-input-size <size>', description: 'help.opt.maxInputSize' };
/** A dead man's switch URL (src/runs/ping.ts): on the commands cron runs. A secret: never printed whole. */
export const ping: OptionDefinition = { flags: '--ping <url>', description: 'help.opt.ping' };
export const csvHeaders: OptionDefinition = { flags: '--csv-headers <localised|keys>', description: 'help.opt.csvHeaders' };
/** The guard of `users import` and `users sync` against a cut export. */
export const maxRetireShare: OptionDefinition = { flags: '--max-retire-share <percent>', description: 'help.opt.maxRetireShare' };
export const allowMassRetire: OptionDefinition = { flags: '--allow-mass-retire', description: 'help.opt.allowMassRetire' };
