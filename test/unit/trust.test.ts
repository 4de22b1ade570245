import { describe, expect, it } from 'vitest';
import type { Contact, IncomingRequest } from '../../src/chatwork/types.js';
import { matchRequests } from '../../src/linking/request-match.js';
import { judgeOrganization, mayDecideAlone, parseOrganizationId, trustOf, whyNotAutomatic, whyNotLinked, type OrganizationTrust } from '../../src/linking/trust.js';

const OWN = 9_001;
const TRUST = { own: OWN, trusted: [9_100] };
const COMPANY = '株式会社サンプル商事';

describe('judgeOrganization: by id, at each boundary', () => {
  it.each([
    [OWN, 'own'], [9_100, 'trusted'], [9_003, 'other'], [OWN - 1, 'other'], [OWN + 1, 'other'],
    [0, 'none'], [undefined, 'none'], [-OWN, 'none'], [OWN + 0.5, 'none'], [Number.NaN, 'none'], [2 ** 53, 'none'],
  ] as const)('organisation %s is %s', (id, verdict) => {
    expect(judgeOrganization(TRUST, id)).toBe(verdict);
  });

  it.each([undefined, 0, -1, 1.5])('an own organisation of %s is unknown: nobody is trusted, not even the list or the same id', (own) => {
    const trust = { own, trusted: [9_100, 1] };
    for (const id of [9_100, 1, 0, own]) expect(judgeOrganization(trust, id)).toBe('ownUnknown');
    expect(mayDecideAlone(trust, 9_100)).toBe(false);
  });

  it('only own and trusted may be decided alone', () => {
    expect([OWN, 9_100, 9_003, 0].map((id) => mayDecideAlone(TRUST, id))).toEqual([true, true, false, false]);
  });
});

describe('whyNotAutomatic: automatic only for an unambiguous match of a trusted organisation', () => {
  it.each([
    [OWN, 'unambiguous', undefined], [9_100, 'unambiguous', undefined],
    [OWN, 'ambiguous', 'ambiguous'], [OWN, 'none', 'none'],
    [9_003, 'unambiguous', 'otherOrganization'], [9_003, 'ambiguous', 'otherOrganization'], [9_003, 'none', 'otherOrganization'],
    [0, 'unambiguous', 'noOrganization'], [undefined, 'ambiguous', 'noOrganization'],
  ] as const)('organisation %s with a match %s: %s', (id, match, why) => {
    expect(whyNotAutomatic(TRUST, id, match)).toBe(why);
  });

  it('an unknown own organisation names itself first, whatever the match', () => {
    for (const match of ['unambiguous', 'ambiguous', 'none'] as const) expect(whyNotAutomatic({ own: undefined, trusted: [OWN] }, OWN, match)).toBe('ownOrganizationUnknown');
  });

  it('whyNotLinked reads a suggestion the same way', () => {
    expect(whyNotLinked(TRUST, { contact: { organization_id: OWN }, unambiguous: true })).toBeUndefined();
    expect(whyNotLinked(TRUST, { contact: { organization_id: OWN }, unambiguous: false })).toBe('ambiguous');
    expect(whyNotLinked(TRUST, { contact: { organization_id: 0 }, unambiguous: true })).toBe('noOrganization');
  });
});

describe('trustOf and parseOrganizationId', () => {
  it('takes /me organisation only when it is a positive integer', () => {
    expect(trustOf({ organization_id: OWN }, [9_100])).toEqual({ own: OWN, trusted: [9_100] });
    expect(trustOf({ organization_id: 0 }, undefined)).toEqual({ own: undefined, trusted: [] });
    expect(trustOf({}, undefined).own).toBeUndefined();
    expect(trustOf({ organization_id: -5 }, undefined).own).toBeUndefined();
  });

  it.each([['1', 1], ['9001', 9_001], [' 42 ', 42], ['9007199254740991', 9_007_199_254_740_991]] as const)('%j is organisation %i', (text, id) => {
    expect(parseOrganizationId(text)).toBe(id);
  });

  it.each(['0', '-1', '+1', '01', '1.0', '1e3', '', ' ', 'abc', '9007199254740992', '１２', '0x10', '12 34'])('%j is no organisation id', (text) => {
    expect(parseOrganizationId(text)).toBeUndefined();
  });
});

describe('matchRequests: the impostors, ambiguity and no match', () => {
  const users = [
    { id: 'E0027', name: '岡田 佳奈', email: 'kana@x.jp', department: '人事部' },
    { id: 'E0028', name: '後藤 駿', email: 'shun@x.jp', department: '営業部' },
  ];
  let nextId = 1;
  const request = (name: string, organization_id: number, organization_name = COMPANY, department = ''): IncomingRequest => ({
    request_id: nextId, account_id: 100 + nextId++, message: '', name, chatwork_id: `r${nextId}`, organization_id, organization_name, department,
  });
  const whys = (requests: IncomingRequest[], trust: OrganizationTrust = TRUST, contacts: Contact[] = []) =>
    matchRequests({ users, links: {} }, contacts, requests, trust).matches.map((m) => [m.request.name, m.why, m.user?.id ?? null]);

  it('approves the employee of the own organisation, and never either impostor, whatever their name or typed organisation', () => {
    expect(whys([request('岡田 佳奈', OWN, COMPANY, '人事部')])).toEqual([['岡田 佳奈', 'match', 'E0027']]);
    expect(whys([request('岡田 佳奈', 0, '', '人事部')])).toEqual([['岡田 佳奈', 'noOrganization', null]]);
    expect(whys([request('後藤 駿', 9_666, COMPANY, '営業部')])).toEqual([['後藤 駿', 'otherOrganization', null]]);
  });

  it('approves a trusted organisation, and nobody when the own organisation is unknown', () => {
    expect(whys([request('後藤 駿', 9_100, '株式会社サンプル西日本')])).toEqual([['後藤 駿', 'match', 'E0028']]);
    expect(whys([request('後藤 駿', OWN)], { own: undefined, trusted: [OWN] })).toEqual([['後藤 駿', 'ownOrganizationUnknown', null]]);
  });

  it('leaves an ambiguous request and an unmatched one for a person, each saying so', () => {
    expect(whys([request('岡田 佳奈', OWN), request('岡田佳奈', OWN)]).map(([, why, user]) => [why, user])).toEqual([['ambiguous', null], ['ambiguous', null]]);
    expect(whys([request('新井 新', OWN)])).toEqual([['新井 新', 'none', null]]);
    // An impostor beside the employee does not block the employee, and is not approved.
    expect(whys([request('岡田 佳奈', OWN), request('岡田 佳奈', 0, '')])).toEqual([['岡田 佳奈', 'match', 'E0027'], ['岡田 佳奈', 'noOrganization', null]]);
  });

  it('links an earlier contact only when its organisation is trusted', () => {
    const contact = (organization_id: number): Contact => ({ account_id: 7, room_id: 70, name: '後藤 駿', chatwork_id: 'c7', organization_id, organization_name: COMPANY, department: '' });
    expect(matchRequests({ users, links: {} }, [contact(OWN)], [], TRUST).contactLinks.map((s) => s.user.id)).toEqual(['E0028']);
    expect(matchRequests({ users, links: {} }, [contact(9_666)], [], TRUST).contactLinks).toEqual([]);
    expect(matchRequests({ users, links: {} }, [contact(0)], [], TRUST).contactLinks).toEqual([]);
  });
});
