import type { MessageLang } from '../../../domain.js';
import type { Deps } from '../../../deps/deps.js';
import { UsageError } from '../../../errors/index.js';
import { mention } from '../../../delivery/notation.js';
import { templateProblems } from '../../../delivery/template-check.js';
import { formatDue, render, userText } from '../../../delivery/templates.js';
import { drawMessage } from '../../../delivery/terminal-render.js';
import { calendarOf, loadHolidays, zonedInstant } from '../../../calendar/calendar.js';
import { sampleDueDate } from '../../../calendar/sample-due.js';
import { createTranslator } from '../../../i18n/translate.js';
import { names, templateInForce, type TemplateInForce } from '../shared/template.js';

export interface TemplatesPreviewOptions { type: string; lang?: string; user?: string; json?: boolean }

export async function run(options: TemplatesPreviewOptions, deps: Deps): Promise<void> {
  return preview(deps, await templateInForce(deps, options), options);
}

/** Rendered with a real person (their link's account id) or a sample one, and drawn as Chatwork would. */
async function preview(deps: Deps, inForce: TemplateInForce, options: TemplatesPreviewOptions): Promise<void> {
  const { config, type, lang, source, text: template } = inForce;
  const { errors } = templateProblems(template);
  if (errors.length) throw new UsageError('admin.templates.invalid', names(deps, type, lang, source), { details: errors.map((e) => ({ ...e, prefix: '  ' })) });
  const store = await deps.stores.state();
  let person = { ...samplePerson(lang), userId: undefined as string | undefined };
  if (options.user) {
    const user = await store.users.find(options.user);
    if (!user) throw new UsageError('admin.templates.unknownUser', { user: options.user });
    const link = (await store.links.byUserIds([user.id])).get(user.id);
    person = { name: user.name, accountId: link?.accountId ?? 1234567, userId: user.id };
  }
  const destination = (await store.destinations.all())[type];
  const kind = config.deliverAs?.[type] ?? 'message';
  // A week ahead in the calendar's time zone, on a business day (never a weekend or holiday).
  const due = sampleDueDate(deps.clock.now(), config, await loadHolidays());
  const text = sampleBody(template, lang, kind, due, person);
  const roomId = destination?.startsWith('room:') ? Number(destination.slice(5)) : undefined;
  const taskLimit = kind === 'task' ? Math.floor(zonedInstant(due, 23 * 60 + 59, calendarOf(config).timeZone) / 1000) : undefined;
  if (options.json) {
    return deps.io.json({
      type, lang, source, kind, ...(person.userId ? { user: person.userId } : {}), destination: destination ?? null, body: text,
      ...(taskLimit !== undefined ? { taskLimit } : {}), drawn: drawMessage(text, plainStyle),
    });
  }
  const where = roomId ? deps.t('admin.templates.where.room', { roomId }) : deps.t('admin.templates.where.dm');
  const kindText = kind === 'task' ? deps.t('admin.templates.kind.task', { due: formatDue(due, deps.env.lang) }) : deps.t('admin.templates.kind.message');
  deps.io.err(deps.t('admin.templates.previewHeader', { ...names(deps, type, lang, source), who: person.userId ? `${person.name} (${person.userId})` : deps.t('admin.templates.sampleWho'), where, kind: kindText }));
  deps.io.out('');
  for (const line of drawMessage(text, deps.io.style)) deps.io.out(`  ${line}`);
  deps.io.out('');
}

/** The sample person of a preview, in the template's language (whatever the CLI's). */
export function samplePerson(lang: MessageLang): { name: string; accountId: number } {
  return { name: createTranslator(lang)('admin.templates.sample.name'), accountId: 1234567 };
}

/** The body a template makes for a person and sample values: what `templates preview` draws and the console shows. */
export function sampleBody(template: string, lang: MessageLang, kind: 'message' | 'task', due: string, person: { name: string; accountId: number }): string {
  const sample = (which: 'from' | 'title' | 'message') => createTranslator(lang)(`admin.templates.sample.${which}`);
  const body = render(template, {
    to: kind === 'task' ? '' : mention(person.accountId, person.name, lang === 'ja' ? 'さん' : ''),
    title: userText(sample('title')), due: formatDue(due, lang), url: 'https://app.himanager.example/surveys/2026-12',
    from: userText(sample('from')), message: userText(sample('message')),
  });
  return kind === 'task' ? body.trim() : body;
}

const plainStyle = { bold: (s: string) => s, dim: (s: string) => s, red: (s: string) => s, green: (s: string) => s, yellow: (s: string) => s, cyan: (s: string) => s };
