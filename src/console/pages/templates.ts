import { loadHolidays } from '../../calendar/calendar.js';
import { sampleDueDate } from '../../calendar/sample-due.js';
import { run as resetTemplate } from '../../commands/templates/reset/run.js';
import { save } from '../../commands/templates/shared/save.js';
import { langName, LANGS, parseLang, typeName } from '../../commands/templates/shared/template.js';
import { parseType } from '../../commands/shared/parse.js';
import { templateProblems } from '../../delivery/template-check.js';
import { DEFAULT_TEMPLATES } from '../../delivery/templates.js';
import { NOTIFICATION_TYPES, type MessageLang, type NotificationType } from '../../domain.js';
import { ChangedMeanwhileError } from '../../errors/index.js';
import type { MessageKey } from '../../i18n/catalog.js';
import { quietDeps } from '../data/quiet-deps.js';
import { normalizeDraft, templateEditor, textVersion, type TemplateEditor } from '../data/templates.js';
import { html, type Html } from '../html.js';
import { actionForm, type ConsolePage, type PageContext } from '../page.js';
import { drawnHtml, pageAssets, saidFlash } from './page-parts.js';

/** テンプレート: per type and language, an editor with the placeholders, the CLI's checks inline and a live preview. */
export const templatesPage: ConsolePage = {
  id: 'templates',
  path: '/templates',
  titleKey: 'pages.templates.title',
  async render(ctx) {
    const { deps, t, url } = ctx;
    const config = await (await deps.stores.state()).config.get();
    const type = pick(url.searchParams.get('type'), NOTIFICATION_TYPES, 'praise');
    const lang = pick(url.searchParams.get('lang'), LANGS, config.messageLang);
    const draft = url.searchParams.get('draft') ?? undefined;
    const due = sampleDueDate(deps.clock.now(), config, await loadHolidays());
    const editor = templateEditor(config, type, lang, due, draft);
    return html`${pageAssets()}<p>${t('pages.templates.lead')}</p>
${picker(ctx, type, lang)}
<div class="tpl">
${editorForm(ctx, editor)}
<section class="tpl-preview" aria-labelledby="tpl-preview-h"><h2 id="tpl-preview-h">${t('pages.templates.preview')}</h2>
<div id="tpl-preview" aria-live="polite">${previewOf(ctx, editor)}</div></section>
</div>`;
  },
  actions: {
    check(_ctx, form) {
      // Without the script: the same checks and preview, for the text as typed (nothing saved).
      return Promise.resolve({ redirect: draftUrl(form) });
    },
    async save(ctx, form) {
      const type = parseType(form.get('type') ?? '');
      const lang = parseLang(form.get('lang') ?? '');
      const text = normalizeDraft(form.get('text') ?? '');
      // Refused with the draft kept in the editor and every problem beside it (save() would only list them).
      if (templateProblems(text).errors.length) return { redirect: draftUrl(form), flash: { kind: 'error', text: ctx.t('pages.templates.invalid') } };
      const config = await (await ctx.deps.stores.state()).config.get();
      const saved = config.templates[type]?.[lang] ?? DEFAULT_TEMPLATES[type][lang];
      // Another tab or the CLI saved this template since the editor was opened: their text is not overwritten.
      if (form.get('version') !== textVersion(saved)) return { redirect: draftUrl(form), flash: { kind: 'error', text: ctx.t('pages.conflict') } };
      const { deps, said } = quietDeps(ctx.deps);
      try {
        await save(deps, { type, lang, text, before: saved });
      } catch (error) {
        // A save that landed between the check above and this write (the CLI, another host).
        if (error instanceof ChangedMeanwhileError) return { redirect: draftUrl(form), flash: { kind: 'error', text: ctx.t('pages.conflict') } };
        throw error;
      }
      return saidFlash(said, `${templatesPage.path}?type=${type}&lang=${lang}`, '');
    },
    async reset(ctx, form) {
      const type = parseType(form.get('type') ?? '');
      const lang = parseLang(form.get('lang') ?? '');
      const { deps, said } = quietDeps(ctx.deps);
      await resetTemplate({ type, lang }, deps);
      return saidFlash(said, `${templatesPage.path}?type=${type}&lang=${lang}`, '');
    },
  },
};

function pick<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return (allowed as readonly string[]).includes(value ?? '') ? value as T : fallback;
}

function draftUrl(form: URLSearchParams): string {
  const query = new URLSearchParams({ type: form.get('type') ?? '', lang: form.get('lang') ?? '', draft: normalizeDraft(form.get('text') ?? '') });
  return `${templatesPage.path}?${query.toString()}`;
}

function picker(ctx: PageContext, type: NotificationType, lang: MessageLang): Html {
  const { t } = ctx;
  const deps = ctx.deps;
  return html`<form method="get" action="${templatesPage.path}" class="filters" aria-label="${t('pages.templates.pick')}">
<div><label for="tpl-type">${t('pages.templates.type')}</label><select id="tpl-type" name="type" data-autosubmit>
${NOTIFICATION_TYPES.map((ty) => html`<option value="${ty}"${ty === type ? html` selected` : html``}>${typeName(deps, ty)}</option>`)}</select></div>
<div><label for="tpl-lang">${t('pages.templates.lang')}</label><select id="tpl-lang" name="lang" data-autosubmit>
${LANGS.map((l) => html`<option value="${l}"${l === lang ? html` selected` : html``}>${langName(deps, l)}</option>`)}</select></div>
<div><button type="submit">${t('pages.templates.open')}</button></div>
</form>`;
}

function editorForm(ctx: PageContext, editor: TemplateEditor): Html {
  const { t } = ctx;
  const source = t(editor.source === 'custom' ? 'admin.templates.custom' : 'admin.templates.builtin');
  const invalid = editor.errors.length > 0;
  const body = html`<input type="hidden" name="type" value="${editor.type}"><input type="hidden" name="lang" value="${editor.lang}"><input type="hidden" name="version" value="${textVersion(editor.saved)}">
<label for="tpl-text">${t('pages.templates.editor', { source })}</label>
<textarea id="tpl-text" name="text" rows="10" spellcheck="false" data-live-preview aria-describedby="tpl-problems tpl-placeholders"${invalid ? html` aria-invalid="true"` : html``}>${editor.text}</textarea>
<div id="tpl-status" aria-live="polite">${editor.text !== editor.saved ? html`<p class="muted">${t('pages.templates.unsaved')}</p>` : html``}</div>
<div id="tpl-problems" aria-live="polite">${problemsOf(ctx, editor)}</div>
<div class="row-actions"><button type="submit" formaction="${templatesPage.path}/check">${t('pages.templates.check')}</button>
<button type="submit" class="primary">${t('pages.templates.save')}</button></div>`;
  return html`<section class="tpl-editor" aria-label="${t('pages.templates.editor', { source })}">
${actionForm(ctx, templatesPage, 'save', body, html`id="tpl-form"`)}
${editor.source === 'custom' ? actionForm(ctx, templatesPage, 'reset', html`<input type="hidden" name="type" value="${editor.type}"><input type="hidden" name="lang" value="${editor.lang}"><button type="submit" class="danger">${t('pages.templates.reset')}</button>`) : html``}
<h2 id="tpl-placeholders-h">${t('pages.templates.placeholders')}</h2>
<dl id="tpl-placeholders" class="facts">${editor.placeholders.map((p) => html`<dt><code>${p}</code></dt><dd>${t(`pages.templates.placeholder.${p.slice(1, -1)}` as MessageKey)}</dd>`)}</dl>
</section>`;
}

function problemsOf(ctx: PageContext, editor: TemplateEditor): Html {
  const { t } = ctx;
  if (!editor.errors.length && !editor.warnings.length) return html`<p class="ok">${t('pages.templates.noProblems')}</p>`;
  return html`<h2>${t('pages.templates.problems')}</h2><ul class="problems">
${editor.errors.map((e) => html`<li class="bad">${t(e.key, e.params)}</li>`)}
${editor.warnings.map((w) => html`<li class="warn">${t(w.key, w.params)}</li>`)}</ul>`;
}

function previewOf(ctx: PageContext, editor: TemplateEditor): Html {
  const { t } = ctx;
  if (!editor.preview) return html`<p class="muted">${t('pages.templates.previewBlocked')}</p>`;
  return html`${editor.kind === 'task' ? html`<p class="muted">${t('pages.templates.asTask')}</p>` : html``}<div class="cw-message">${drawnHtml(editor.preview)}</div>`;
}
