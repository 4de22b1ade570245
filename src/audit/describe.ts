import type { Translate } from '../i18n/translate.js';
import type { AuditEntry } from '../store/store.js';

/** A value of a setting for one line: JSON, cut short (a template can be long). */
function short(value: unknown): string {
  if (value === null || value === undefined) return '-';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/** What one audit row changed, in a sentence: the same words in `history audit` and on the console. */
export function describeAudit(entry: AuditEntry, t: Translate): string {
  const d = entry.detail;
  const user = entry.subject;
  switch (entry.action) {
    case 'link.add': return t('audit.linkAdd', { user, accountId: String(d.accountId) });
    case 'link.change': return t('audit.linkChange', { user, before: String(d.before), after: String(d.after) });
    case 'link.remove': return t('audit.linkRemove', { user, accountId: String(d.accountId) });
    case 'link.reject': return t('audit.linkReject', { user, accountId: String(d.accountId) });
    case 'link.unreject': return t('audit.linkUnreject', { user, accountId: String(d.accountId) });
    case 'destination.set': return t('audit.destination', { type: entry.subject, before: short(d.before), after: short(d.after) });
    case 'setting.set': return t('audit.setting', { key: entry.subject, before: short(d.before), after: short(d.after) });
  }
}

export function placeText(entry: AuditEntry, t: Translate): string {
  return t(entry.where === 'console' ? 'audit.where.console' : 'audit.where.cli');
}
