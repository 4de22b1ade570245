import type { Command, Option } from 'commander';
import { catalog, type MessageKey } from '../i18n/catalog.js';
import type { Translate } from '../i18n/translate.js';
import { displayWidth } from '../io/display-width.js';
import { repeatable } from './once.js';
import { wrapForHelp } from './wrap.js';

/** Every command's help in the admin's language, with its examples. */
export function localiseHelp(program: Command, t: Translate): void {
  const localise = (command: Command) => {
    command.helpOption('-h, --help', t('help.opt.help'));
    command.configureHelp(helpConfig(t));
    command.commands.forEach(localise);
  };
  program.commands.forEach(localise);
  addExamples(program, t);
}

/** Commands listed in the program's help without their definition loaded: name, [options], arguments. */
const listedUsage = new WeakMap<Command, string>();

/** A command the program's help lists as `usage` says; its definition is loaded only when it runs. */
export function listCommand(parent: Command, usage: string, description: string): void {
  listedUsage.set(parent.command(usage.split(' ')[0]!).description(description), usage);
}

/** The full name of a command, as typed: `himanager-chatwork links import`. */
export function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** 1–3 examples under every command's help, and where to read more. */
function addExamples(program: Command, t: Translate): void {
  const walk = (command: Command) => {
    const path = commandPath(command);
    const key = `help.examples.${path.split(' ').slice(1).join('.') || 'program'}`;
    const lines: string[] = [];
    if (key in catalog) {
      lines.push('', t('help.examplesTitle'));
      for (const example of t(key as MessageKey).split('\n')) lines.push(`  $ ${example.startsWith('himanager-chatwork') ? example : `himanager-chatwork ${example}`}`);
    }
    // A group points at its commands' help; a command's own help is the most there is.
    if (command.commands.length) lines.push('', t('help.more', { command: `${path} <${t('help.placeholder.command')}>` }));
    if (lines.length) command.addHelpText('after', lines.join('\n'));
    command.commands.forEach(walk);
  };
  walk(program);
}

/** Commander's help in the admin's language: its titles and the [options] / [command] of the usage line. */
export function helpConfig(t: Translate) {
  const usageWords: Record<string, string> = { '[options]': t('help.usage.options'), '[command]': t('help.usage.command') };
  return {
    showGlobalOptions: true,
    styleTitle: (title: string) => {
      const key = `help.title.${title}`;
      return key in catalog ? t(key as MessageKey) : title;
    },
    styleUsage: (usage: string) => usage.split(' ').map((word) => usageWords[word] ?? word).join(' '),
    // Japanese characters take two columns: aligned as the terminal draws them.
    displayWidth,
    // Japanese has no spaces to break at: wrapped between characters, never inside a word or a number and its unit.
    boxWrap(this: { minWidthToWrap: number }, text: string, width: number) {
      return width < this.minWidthToWrap ? text : wrapForHelp(text, width);
    },
    // [options] for a command's own options; the global options' hidden copies (global-options.ts) are not its own.
    subcommandTerm: (command: Command) => (listedUsage.get(command)?.split(' ') ?? [command.name(), command.options.some((option) => !option.hidden) ? '[options]' : '', ...command.registeredArguments.map((a) => (a.required ? `<${a.name()}${a.variadic ? '...' : ''}>` : `[${a.name()}${a.variadic ? '...' : ''}]`))])
      .filter(Boolean).map((word) => usageWords[word] ?? word).join(' '),
    optionDescription: (option: Option) => {
      const extra = option.defaultValue !== undefined && !(Array.isArray(option.defaultValue) && option.defaultValue.length === 0)
        ? t('help.aside', { text: t('help.default', { value: String(option.defaultValueDescription ?? JSON.stringify(option.defaultValue)) }) }) : '';
      const many = repeatable.has(option) ? t('help.aside', { text: t('help.repeatable') }) : '';
      return option.description + many + extra;
    },
  };
}
