import { DEFAULT_SCOPES } from '../chatwork/scopes.js';
import { addAccount, addContact, addGroupRoom } from '../model/people.js';
import { emptyState, type Account, type SandboxState } from '../model/state.js';
import { DEMO_CLIENT, DEMO_OPERATOR, DEMO_ORGANIZATION, DEMO_OUTSIDERS, DEMO_PEOPLE, DEMO_STRANGERS } from './demo-people.js';
import { addHostileContacts } from './hostile.js';

/** `hostile`: the demo, plus contacts named as an adversary would name them (see hostile.ts). */
export type SeedName = 'demo' | 'empty' | 'hostile';

/** More contacts of the notification account, on top of the seed's: for scale and fault tests, which generate them. */
export type ExtraContact = Omit<Account, 'room_id'>;

export function seedState(seed: SeedName, clientSecret: string, contacts: readonly ExtraContact[] = []): SandboxState {
  const state = emptyState();
  const operator = addAccount(state, DEMO_OPERATOR);
  state.operatorId = operator.account_id;
  state.clients.set(DEMO_CLIENT.clientId, {
    ...DEMO_CLIENT, clientSecret, type: 'confidential',
    scopes: [...DEFAULT_SCOPES],
  });
  for (const contact of contacts) {
    addAccount(state, {
      account_id: contact.account_id, name: contact.name, chatwork_id: contact.chatwork_id,
      organization_id: contact.organization_id, organization_name: contact.organization_name, department: contact.department,
    });
    addContact(state, operator.account_id, contact.account_id);
  }
  if (seed === 'empty') return state;

  const ids: number[] = [];
  DEMO_PEOPLE.forEach((person, index) => {
    if (person.accountName) {
      addAccount(state, {
        account_id: 2_000_001 + index, name: person.accountName, chatwork_id: person.email.split('@')[0]!.replace(/\./g, '_'),
        organization_id: 9_001, organization_name: DEMO_ORGANIZATION, department: person.department,
      });
    }
    if (!person.chatworkName) return;
    const accountId = 2_000_001 + index;
    addAccount(state, {
      account_id: accountId, name: person.chatworkName, chatwork_id: person.email.split('@')[0]!.replace(/\./g, '_'),
      organization_id: 9_001, organization_name: person.organization ?? DEMO_ORGANIZATION, department: person.chatworkDepartment ?? '',
    });
    addContact(state, operator.account_id, accountId);
    ids.push(accountId);
  });
  DEMO_OUTSIDERS.forEach((outsider, index) => {
    const accountId = 3_000_001 + index;
    addAccount(state, {
      account_id: accountId, name: outsider.name, chatwork_id: `partner_${index + 1}`,
      organization_id: 9_100 + index, organization_name: outsider.organization, department: outsider.department,
    });
    addContact(state, operator.account_id, accountId);
  });
  DEMO_STRANGERS.forEach((stranger, index) => {
    addAccount(state, {
      account_id: 3_100_001 + index, name: stranger.name, chatwork_id: stranger.chatworkId,
      organization_id: stranger.organizationId, organization_name: stranger.organization, department: stranger.department,
    });
  });
  const everyone = ids.map((id) => [id, 'member'] as [number, 'member']);
  addGroupRoom(state, '全社連絡', [[operator.account_id, 'member'], ...everyone], '全社員向けのお知らせ');
  // Every employee is in the HR room, so that its reminders reach them (a [To:] to a non-member reaches no one).
  const hr = new Map<number, 'admin' | 'member'>([...everyone, [2_000_002, 'admin']]);
  addGroupRoom(state, '人事部 HiManager通知', [[operator.account_id, 'admin'], ...hr], 'サーベイのリマインド用');
  addGroupRoom(state, '経営会議', [[operator.account_id, 'readonly'], [2_000_001, 'admin']], '閲覧のみ');
  if (seed === 'hostile') addHostileContacts(state);
  return state;
}
