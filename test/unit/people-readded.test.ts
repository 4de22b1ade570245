import { describe, expect, it } from 'vitest';
import type { Contact, IncomingRequest } from '../../src/chatwork/types.js';
import type { Directory, HiManagerUser, Link } from '../../src/domain.js';
import { matchRequests } from '../../src/linking/request-match.js';
import { formerOwner, linkedToRemovedContact, withMistakes } from '../../src/linking/readded.js';
import { readTrust } from '../../src/linking/own-organization.js';
import type { OrganizationTrust } from '../../src/linking/trust.js';
import type { LinkHistoryEntry, UnlinkReason } from '../../src/store/repos/decisions.js';

// A contact request from an account someone had before: it is theirs again only when the account
// id says so (a confirmed link, never a mistaken one), nobody else holds it, and — for an automatic
// approval — the requester's organisation is trusted. A name never decides.
const OWN = 9_001;
const TRUST: OrganizationTrust = { own: OWN, trusted: [] };
const user = (id: string, name: string): HiManagerUser => ({ id, name, email: `${id.toLowerCase()}@x.jp` });
const link = (accountId: number): Link => ({ accountId, source: 'manual', linkedAt: '2026-11-01T00:00:00.000Z' });
const contact = (accountId: number, name = 'Someone', organization_id = OWN): Contact => ({
  account_id: accountId, room_id: 100 + accountId, name, chatwork_id: `c${accountId}`, organization_id, organization_name: 'Org', department: '',
});
const ended = (userId: string, accountId: number, reason?: UnlinkReason, confirmed = true): LinkHistoryEntry => ({
  userId, accountId, source: 'manual', confirmed, linkedAt: '2026-10-01T00:00:00.000Z',
  ...(reason ? { unlinkedAt: '2026-11-01T00:00:00.000Z', reason } : {}),
});
const request = (accountId: number, name: string, organization_id = OWN): IncomingRequest => ({
  request_id: accountId + 1, account_id: accountId, message: '', name, chatwork_id: `r${accountId}`, organization_id, organization_name: 'Org', department: '',
});

const KANA = user('E1', '岡田 佳奈');
const SHUN = user('E2', '後藤 駿');
const dir = (extra: Partial<Directory> = {}): Directory => ({ users: [KANA, SHUN], links: {}, ...extra });

describe('formerOwner: the person a re-added account belonged to', () => {
  it('is the one person once linked to this account by a confirmed link that ended for a reason other than a mistake', () => {
    expect(formerOwner(500, dir(), [], [ended('E1', 500, 'retired')])?.id).toBe('E1');
    expect(formerOwner(500, dir(), [], [ended('E1', 500, 'contact-gone')])?.id).toBe('E1');
    // Another account's history says nothing about this one.
    expect(formerOwner(501, dir(), [], [ended('E1', 500, 'retired')])).toBeUndefined();
  });

  it('is nobody when the link was only a batch decision nobody confirmed', () => {
    expect(formerOwner(500, dir(), [], [ended('E1', 500, 'retired', false)])).toBeUndefined();
  });

  it.each(['unlinked', 'corrected', 'rejected', 'pruned'] as const)('is nobody when a link of the pair ended as %s (a mistake), even after a confirmed one', (reason) => {
    expect(formerOwner(500, dir(), [], [ended('E1', 500, 'retired'), ended('E1', 500, reason, false)])).toBeUndefined();
  });

  it('a mistake of someone else on the account does not take it from its owner', () => {
    expect(formerOwner(500, dir(), [], [ended('E1', 500, 'retired'), ended('E2', 500, 'unlinked', false)])?.id).toBe('E1');
  });

  it('is nobody when the pair is rejected, or when two people had the account', () => {
    expect(formerOwner(500, dir({ rejected: new Map([['E1', new Set([500])]]) }), [], [ended('E1', 500, 'retired')])).toBeUndefined();
    // A rejection of another account of the same person does not count.
    expect(formerOwner(500, dir({ rejected: new Map([['E1', new Set([501])]]) }), [], [ended('E1', 500, 'retired')])?.id).toBe('E1');
    expect(formerOwner(500, dir(), [], [ended('E1', 500, 'retired'), ended('E2', 500, 'contact-gone')])).toBeUndefined();
  });

  it('is nobody when the person has left the directory', () => {
    expect(formerOwner(500, dir(), [], [ended('E9', 500, 'retired')])).toBeUndefined();
  });

  it('the person must be free: unlinked, or linked to this very account whose contact is gone', () => {
    expect(formerOwner(500, dir({ links: { E1: link(500) } }), [], [ended('E1', 500)])?.id).toBe('E1');
    expect(formerOwner(500, dir({ links: { E1: link(500) } }), [contact(500)], [ended('E1', 500)])).toBeUndefined();
    expect(formerOwner(500, dir({ links: { E1: link(777) } }), [], [ended('E1', 500, 'contact-gone')])).toBeUndefined();
  });

  it('is nobody when another person holds the account now', () => {
    expect(formerOwner(500, dir({ links: { E2: link(500) } }), [], [ended('E1', 500, 'retired')])).toBeUndefined();
    expect(formerOwner(500, dir({ links: { E2: link(600) } }), [], [ended('E1', 500, 'retired')])?.id).toBe('E1');
  });
});

describe('linkedToRemovedContact', () => {
  it('names the account of a link whose contact is gone, and nothing for a live link or no link', () => {
    const directory = dir({ links: { E1: link(500), E2: link(600) } });
    expect(linkedToRemovedContact('E1', directory, [contact(600)])).toBe(500);
    expect(linkedToRemovedContact('E2', directory, [contact(600)])).toBeUndefined();
    expect(linkedToRemovedContact('E3', directory, [contact(600)])).toBeUndefined();
  });
});

describe('withMistakes', () => {
  it('the rejections plus every pair whose link ended as a mistake, and nothing else', () => {
    const merged = withMistakes(new Map([['E1', new Set([1, 2])]]), [ended('E2', 3, 'corrected'), ended('E2', 4, 'retired'), ended('E1', 5), ended('E3', 6, 'pruned')]);
    expect([...merged].map(([userId, accounts]) => [userId, [...accounts].sort()])).toEqual([['E1', [1, 2]], ['E2', [3]], ['E3', [6]]]);
    expect([...withMistakes(undefined, [])]).toEqual([]);
  });
});

describe('matchRequests: a re-added account and the requester\'s organisation', () => {
  const whys = (settings: Directory, requests: IncomingRequest[], history: LinkHistoryEntry[], trust: OrganizationTrust = TRUST, contacts: Contact[] = []) =>
    matchRequests(settings, contacts, requests, trust, history).matches.map((m) => ({ why: m.why, user: m.user?.id ?? null, readded: m.readded?.id ?? null, reason: m.reason ?? null, candidates: m.candidates.map((u) => u.id) }));

  it('a person\'s own account back from the own organisation is theirs again, whatever the name it now shows', () => {
    expect(whys(dir(), [request(500, 'Kana Married-Name')], [ended('E1', 500, 'retired')]))
      .toEqual([{ why: 'match', user: 'E1', readded: 'E1', reason: 'readded', candidates: ['E1'] }]);
  });

  it('the same account from another organisation, or with the own organisation unknown, is left for a person, saying whose it was', () => {
    expect(whys(dir(), [request(500, '岡田 佳奈', 9_666)], [ended('E1', 500, 'retired')]))
      .toEqual([{ why: 'otherOrganization', user: null, readded: 'E1', reason: null, candidates: ['E1'] }]);
    expect(whys(dir(), [request(500, '岡田 佳奈')], [ended('E1', 500, 'retired')], { own: undefined, trusted: [OWN] }))
      .toEqual([{ why: 'ownOrganizationUnknown', user: null, readded: 'E1', reason: null, candidates: ['E1'] }]);
  });

  it('an outsider of another organisation sharing an employee\'s name is neither approved nor linked; a mistaken pair is never matched again', () => {
    expect(whys(dir(), [request(600, '岡田 佳奈', 9_666)], [])).toEqual([{ why: 'otherOrganization', user: null, readded: null, reason: null, candidates: ['E1'] }]);
    expect(whys(dir(), [request(600, '岡田 佳奈', 0)], [])).toEqual([{ why: 'noOrganization', user: null, readded: null, reason: null, candidates: ['E1'] }]);
    // The name matches, the organisation is ours, but this pair was unlinked as a mistake: not automatic.
    expect(whys(dir(), [request(600, '岡田 佳奈')], [ended('E1', 600, 'unlinked')])).toEqual([{ why: 'none', user: null, readded: null, reason: null, candidates: [] }]);
    expect(whys(dir(), [request(600, '岡田 佳奈')], [])).toEqual([{ why: 'match', user: 'E1', readded: null, reason: expect.any(String), candidates: ['E1'] }]);
  });

  it('two requests of the own organisation, each its own employee: each gets the one their name matches', () => {
    expect(whys(dir(), [request(600, '岡田 佳奈'), request(601, '後藤 駿')], []).map((m) => [m.why, m.user]))
      .toEqual([['match', 'E1'], ['match', 'E2']]);
  });

  it('contact links leave out the requesters and the untrusted, and keep an unambiguous trusted contact', () => {
    const { contactLinks } = matchRequests(dir(), [contact(700, '後藤 駿'), contact(800, '岡田 佳奈', 9_666)], [request(900, 'Nobody Known')], TRUST);
    expect(contactLinks.map((s) => [s.user.id, s.contact.account_id])).toEqual([['E2', 700]]);
    // A contact who is also a requester is matched as a request, never linked as a contact.
    const both = matchRequests(dir(), [contact(700, '後藤 駿')], [request(700, 'Shun G')], TRUST);
    expect(both.contactLinks).toEqual([]);
    expect(both.matches.map((m) => m.user?.id)).toEqual(['E2']);
  });
});

describe('readTrust', () => {
  it('reads the own organisation from /me now, with the admin\'s list', async () => {
    expect(await readTrust({ trustedOrganizations: [5] }, async () => ({ organization_id: OWN }))).toEqual({ own: OWN, trusted: [5] });
    expect(await readTrust({}, async () => ({ organization_id: 0 }))).toEqual({ own: undefined, trusted: [] });
  });
});
