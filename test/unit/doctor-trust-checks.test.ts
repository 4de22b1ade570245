import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Contact } from '../../src/chatwork/types.js';
import { INVITE_CHECKS } from '../../src/flows/doctor/checks-invite.js';
import { DoctorContext } from '../../src/flows/doctor/context.js';
import type { Finding } from '../../src/flows/doctor/finding.js';
import { runCheck } from '../../src/flows/doctor/run-check.js';
import { trustFindings } from '../../src/flows/doctor/trust-findings.js';
import { createTranslator } from '../../src/i18n/translate.js';
import type { RequestMatch } from '../../src/linking/request-match.js';
import { commandHarness, type CommandHarness } from '../helpers/command-deps.js';

const en = createTranslator('en');
const keys = (found: Finding[]) => found.map((f) => `${f.status} ${f.finding.key}`);

describe('doctor: whom automatic approval and linking trust, and why the rest wait', () => {
  const contact = (account_id: number, name: string, organization_id: number): Contact =>
    ({ account_id, room_id: account_id + 1, name, chatwork_id: `c${account_id}`, organization_id, organization_name: 'x', department: '' });
  const none = { users: [], links: {}, rejected: new Map() };
  const why = (...whys: RequestMatch['why'][]) => whys.map((w) => ({ why: w }) as RequestMatch);

  it('its own organisation known: fine, naming it and the trusted list (or none)', () => {
    expect(trustFindings({ trust: { own: 9001, trusted: [] }, settings: none, contacts: [], matches: [] }, en))
      .toEqual([{ status: 'ok', finding: { key: 'doctor.trust.ok', params: { own: 9001, trusted: 'none' } } }]);
    expect(trustFindings({ trust: { own: 9001, trusted: [7, 8] }, settings: none, contacts: [], matches: [] }, en)[0]!.finding.params!.trusted)
      .toBe(['7', '8'].join(en('send.nameSeparator')));
  });

  it('its own organisation unknown: a warning (nothing is automatic) with the remedy', () => {
    expect(trustFindings({ trust: { own: undefined, trusted: [7] }, settings: none, contacts: [], matches: [] }, en))
      .toEqual([{ status: 'warn', finding: { key: 'doctor.trust.ownUnknown', params: { trusted: '7' } }, remedy: { key: 'doctor.fix.ownUnknown', params: undefined } }]);
  });

  it('requests left for a person are counted by reason, in a fixed order; matched ones are not', () => {
    const found = trustFindings({ trust: { own: 9001, trusted: [] }, settings: none, contacts: [], matches: why('none', 'match', 'otherOrganization', 'none', 'noOrganization') }, en);
    expect(found[1]).toEqual({
      status: 'warn',
      finding: { key: 'doctor.trust.requestsLeft', params: { count: 4, reasons: [en('doctor.trust.reason.noOrganization', { count: 1 }), en('doctor.trust.reason.otherOrganization', { count: 1 }), en('doctor.trust.reason.none', { count: 2 })].join(en('send.nameSeparator')) } },
      remedy: { key: 'doctor.fix.review', params: undefined },
    });
    expect(trustFindings({ trust: { own: 9001, trusted: [] }, settings: none, contacts: [], matches: why('match') }, en)).toHaveLength(1);
  });

  it('possible links left for a person: a namesake of another organisation is not linked automatically; one of its own is', () => {
    const users = [{ id: 'E1', name: '山田 太郎', email: 'e1@x.jp' }, { id: 'E2', name: '佐藤 花子', email: 'e2@x.jp' }] as never;
    const contacts = [contact(11, '山田 太郎', 5555), contact(12, '佐藤 花子', 9001)];
    const found = trustFindings({ trust: { own: 9001, trusted: [] }, settings: { users, links: {}, rejected: new Map() }, contacts, matches: [] }, en);
    expect(found[1]).toEqual({
      status: 'warn', finding: { key: 'doctor.trust.linksLeft', params: { count: 1, reasons: en('doctor.trust.reason.otherOrganization', { count: 1 }) } },
      remedy: { key: 'doctor.fix.review', params: undefined },
    });
    const trusted = trustFindings({ trust: { own: 9001, trusted: [5555] }, settings: { users, links: {}, rejected: new Map() }, contacts, matches: [] }, en);
    expect(keys(trusted)).toEqual(['ok doctor.trust.ok']);
  });
});

describe('doctor: who cannot be reached, and who asked to be', () => {
  let h: CommandHarness;
  beforeEach(async () => { h = await commandHarness(); });
  afterEach(() => h.close());

  const check = async (id: string) => {
    let found: Finding[] = [];
    await h.invoke(async (_o, deps) => { found = await runCheck(INVITE_CHECKS.find((c) => c.id === id)!, new DoctorContext(deps)); }, {});
    return found;
  };

  it('nobody in the directory, or everyone linked: nothing to say about reach', async () => {
    expect(await check('reach')).toEqual([]);
    await h.linkAll();
    expect(await check('reach')).toEqual([]);
  });

  it('people with no link and no contact of a trusted organisation: a warning naming them, with the invite command', async () => {
    await h.linkAll();
    await h.store(async (store) => {
      const users = (await store.users.all()).map((u) => ({ id: u.id, name: u.name, email: u.email }));
      await store.users.replaceAll([...users, { id: 'E0027', name: '岡田 佳奈', email: 'kana.okada@sample.co.jp' }]);
    });
    expect(await check('reach')).toEqual([{ status: 'warn', finding: { key: 'doctor.reach.unreachable', params: { count: 1, sample: '岡田 佳奈 (E0027)' } }, remedy: { key: 'doctor.fix.invite' } }]);
  });

  it('no waiting requests: fine, with what is trusted; a waiting one: a warning with how many would be approved automatically', async () => {
    expect(keys(await check('requests'))).toEqual(['ok doctor.requests.none', 'ok doctor.trust.ok']);
    h.sandbox.control.sendRequest({ chatworkId: 'impostor_okada' });
    const found = await check('requests');
    expect(found[0]).toEqual({ status: 'warn', finding: { key: 'doctor.requests.pending', params: { count: 1, auto: 0 } }, remedy: { key: 'doctor.fix.approve' } });
    expect(keys(found)).toEqual(['warn doctor.requests.pending', 'ok doctor.trust.ok', 'warn doctor.trust.requestsLeft']);
  });
});
