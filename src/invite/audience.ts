import { existsSync } from 'node:fs';
import type { Contact } from '../chatwork/types.js';
import { readTextFile } from '../himanager-users/read-text.js';
import { readTable } from '../himanager-users/table-file.js';
import { UsageError } from '../errors/index.js';
import { linkReport } from '../linking/link-state.js';
import { suggestLinks } from '../linking/matcher.js';
import { mayDecideAlone, type OrganizationTrust } from '../linking/trust.js';
import type { HiManagerUser, Settings } from '../domain.js';

export interface Audience { people: HiManagerUser[]; leftOut: HiManagerUser[] }

/**
 * Who needs the invitation: users with no contact to link to (not a contact at all, or
 * no longer one). A user who is a contact but not linked yet needs `link`, not this.
 * With --users, exactly those, less the ones who can already be reached.
 */
export async function audience(settings: Pick<Settings, 'users' | 'links' | 'rejected'>, contacts: Contact[], trust: OrganizationTrust, chosen?: string): Promise<Audience> {
  const report = linkReport(settings, contacts);
  const gone = new Set(report.links.filter((l) => l.state === 'contact-gone').map((l) => l.userId));
  // A namesake from an untrusted organisation (an impostor, say) does not make an employee reachable.
  const candidates = trust.own === undefined ? contacts : contacts.filter((c) => mayDecideAlone(trust, c.organization_id));
  const unmatched = new Set(suggestLinks(settings.users, candidates, settings.links, trust, { rejected: settings.rejected }).unmatched.map((u) => u.id));
  const unreachable = (u: HiManagerUser) => gone.has(u.id) || (!settings.links[u.id] && unmatched.has(u.id));
  if (!chosen) return { people: settings.users.filter(unreachable), leftOut: [] };
  const wanted = await referencesOf(chosen);
  const byRef = (ref: string) => settings.users.find((u) => u.id === ref || u.email === ref.normalize('NFKC').toLowerCase());
  const unknown = wanted.filter((ref) => !byRef(ref));
  if (unknown.length) throw new UsageError('invite.unknownUsers', { users: unknown.join(', ') });
  const users = [...new Set(wanted.map((ref) => byRef(ref)!))];
  // Chosen by hand: anyone not reachable through a working link is invited.
  const reachable = (u: HiManagerUser) => settings.links[u.id] !== undefined && !gone.has(u.id);
  return { people: users.filter((u) => !reachable(u)), leftOut: users.filter(reachable) };
}

/** "E1,E2", "a@x.jp", or a file: a users CSV/JSON (id or e-mail column), else one reference a line. */
async function referencesOf(value: string): Promise<string[]> {
  if (!existsSync(value)) return value.split(/[,\s]+/).filter(Boolean);
  const { text } = await readTextFile(value);
  const { rows, columns } = readTable(value, text, { id: ['ユーザーID', 'ユーザID', '社員番号', 'user id'], email: ['メールアドレス', 'e-mail'] });
  if (columns.has('id') || columns.has('email')) return rows.map((r) => String(r.values.id || r.values.email || '')).filter(Boolean);
  return text.replace(/^\uFEFF/, '').split(/[\r\n,]+/).map((s) => s.trim()).filter(Boolean);
}
