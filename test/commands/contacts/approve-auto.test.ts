import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { run } from '../../../src/commands/contacts/approve/run.js';
import { ExitCode, UsageError } from '../../../src/errors/index.js';
import { commandHarness, type CommandHarness } from '../../helpers/command-deps.js';
import { demoDirectory } from '../../helpers/command-fixtures.js';

/**
 * What `contacts approve` decides, run in-process against the sandbox Chatwork (demo seed: the
 * employees E0027 岡田 佳奈 and E0028 後藤 駿 are not contacts yet; a partner and two impostors carry
 * their names). --auto approves only certain matches of a trusted organisation; everything else is
 * left waiting, unapproved in Chatwork and unlinked in the store.
 */
const OKADA = 2_000_027;
const GOTO = 2_000_028;

let h: CommandHarness;
beforeEach(async () => { h = await commandHarness(); await demoDirectory(h); });
afterEach(() => h.close());

const send = (chatworkId: string) => h.sandbox.control.sendRequest({ chatworkId }).requestId;
const approvedInChatwork = () => h.sandbox.control.state.requestLog.filter((e) => e.action === 'approved').map((e) => e.requestId).sort();
const linkOf = async (userId: string) => (await h.store((store) => store.links.all())).get(userId)?.accountId;
const history = () => h.store((store) => store.decisions.history());

describe('contacts approve --auto: only certain matches', () => {
  it('approves and links the employees, and leaves every namesake of another or no organisation, each with its reason', async () => {
    const okada = send('kana_okada');
    const goto = send('shun_goto');
    const partner = send('partner_goto');
    const result = await h.invoke(run, { auto: true, yes: true, json: true });
    expect(result.code).toBe(ExitCode.ok);
    const report = JSON.parse(result.stdout);
    expect(report.dryRun).toBe(false);
    expect(report.outcomes.map((o: { requestId: number; userId: string; result: string; linked: boolean }) => [o.requestId, o.userId, o.result, o.linked]))
      .toEqual([[okada, 'E0027', 'approved', true], [goto, 'E0028', 'approved', true]]);
    expect(report.left.map((l: { requestId: number; why: string }) => [l.requestId, l.why])).toEqual([[partner, 'otherOrganization']]);
    expect(approvedInChatwork()).toEqual([okada, goto].sort());
    expect(await linkOf('E0027')).toBe(OKADA);
    expect(await linkOf('E0028')).toBe(GOTO);
    // The demo's 28 contacts, approved before and never linked, are linked in the same run.
    expect(report.linkedEarlier).toHaveLength(28);
    // A batch with --yes: nobody looked at these pairs, so they are not confirmed links.
    expect((await history()).filter((e) => e.userId === 'E0027' || e.userId === 'E0028').map((e) => e.confirmed)).toEqual([false, false]);
  });

  it('an impostor with no organisation sharing an employee\'s name is neither approved nor linked', async () => {
    const impostor = send('impostor_okada');
    const result = await h.invoke(run, { auto: true, yes: true, json: true });
    expect(result.code).toBe(ExitCode.ok);
    expect(JSON.parse(result.stdout).outcomes).toEqual([]);
    expect(JSON.parse(result.stdout).left.map((l: { requestId: number; why: string }) => [l.requestId, l.why])).toEqual([[impostor, 'noOrganization']]);
    expect(approvedInChatwork()).toEqual([]);
    expect(await linkOf('E0027')).toBeUndefined();
  });

  it('with the own organisation unknown nobody is approved, not even an employee, and the run says why', async () => {
    const okada = send('kana_okada');
    const operator = h.sandbox.control.state.accounts.get(h.sandbox.control.state.operatorId)!;
    operator.organization_id = 0;
    const result = await h.invoke(run, { auto: true, yes: true });
    expect(result.code).toBe(ExitCode.ok);
    expect(result.stderr.split('\n')[0]).toContain('Chatwork gives no organisation id for the notification account');
    expect(result.stderr).toContain(`${okada} Kana Okada: Chatwork gives no organisation id`);
    expect(approvedInChatwork()).toEqual([]);
    expect(await linkOf('E0027')).toBeUndefined();
  });

  it('two requests both matching one employee are ambiguous: neither is approved', async () => {
    send('kana_okada');
    // Another account of the own organisation that shows the same name.
    const state = h.sandbox.control.state;
    const twin = { ...state.accounts.get(OKADA)!, account_id: 2_999_027, chatwork_id: 'kana_okada_2' };
    state.accounts.set(twin.account_id, twin);
    send('kana_okada_2');
    const result = await h.invoke(run, { auto: true, yes: true, json: true });
    expect(JSON.parse(result.stdout).outcomes).toEqual([]);
    expect(JSON.parse(result.stdout).left.map((l: { why: string }) => l.why)).toEqual(['ambiguous', 'ambiguous']);
    expect(approvedInChatwork()).toEqual([]);
  });

  it('a dry run says what it would approve and changes nothing, in Chatwork or in the store', async () => {
    const okada = send('kana_okada');
    const partner = send('partner_goto');
    const result = await h.unchanged(() => h.invoke(run, { auto: true, dryRun: true, json: true }));
    expect(JSON.parse(result.stdout)).toMatchObject({
      dryRun: true, wouldApprove: [{ requestId: okada, accountId: OKADA, userId: 'E0027' }], wouldLinkEarlier: 28, left: [{ requestId: partner }],
    });
    expect(h.sandbox.control.state.requestLog).toEqual([]);
    const text = await h.invoke(run, { auto: true, dryRun: true });
    expect(text.stderr).toContain('1');
    expect(h.sandbox.control.state.requestLog).toEqual([]);
  });

  it('on a terminal it asks first: no means nothing approved; yes approves and the links count as confirmed', async () => {
    const okada = send('kana_okada');
    const no = await h.invoke(run, { auto: true }, { tty: true, answers: [false] });
    expect(no.code).toBe(ExitCode.ok);
    expect(no.asked).toHaveLength(1);
    expect(approvedInChatwork()).toEqual([]);
    const yes = await h.invoke(run, { auto: true }, { tty: true, answers: [true] });
    expect(yes.code).toBe(ExitCode.ok);
    expect(approvedInChatwork()).toEqual([okada]);
    expect((await history()).find((e) => e.userId === 'E0027')).toMatchObject({ accountId: OKADA, confirmed: true });
  });

  it('nothing to approve: no question is asked, and the run says so', async () => {
    const result = await h.invoke(run, { auto: true }, { tty: true, answers: [] });
    expect(result.code).toBe(ExitCode.ok);
    expect(result.asked).toEqual([]);
  });
});

describe('contacts approve: the flags it refuses, changing nothing', () => {
  it.each([
    ['--auto with ids', { auto: true, ids: ['1'], yes: true }],
    ['neither --auto nor ids', {}],
    ['--user with two ids', { ids: ['1', '2'], user: 'E0027' }],
    ['--user with --auto', { auto: true, user: 'E0027', yes: true }],
    ['--auto off a terminal without --yes', { auto: true }],
  ])('%s (exit 2)', async (_name, options) => {
    send('kana_okada');
    const result = await h.unchanged(() => h.invoke(run, options));
    expect(result.code).toBe(ExitCode.usage);
    expect(result.error).toBeInstanceOf(UsageError);
    expect(h.sandbox.control.state.requestLog).toEqual([]);
  });

  it('--auto off a terminal is fine with --dry-run', async () => {
    send('kana_okada');
    expect((await h.invoke(run, { auto: true, dryRun: true })).code).toBe(ExitCode.ok);
  });
});

describe('contacts approve <id> --user: by hand', () => {
  it('links the request to the user named, as a confirmed manual link, whatever the matcher thought', async () => {
    const partner = send('partner_goto');
    const result = await h.invoke(run, { ids: [String(partner)], user: 'E0028', json: true });
    expect(result.code).toBe(ExitCode.ok);
    expect(JSON.parse(result.stdout).outcomes).toMatchObject([{ requestId: partner, userId: 'E0028', result: 'approved', linked: true }]);
    expect((await h.store((store) => store.links.all())).get('E0028')).toMatchObject({ accountId: 3_100_001, source: 'manual' });
    expect((await history()).find((e) => e.userId === 'E0028')).toMatchObject({ confirmed: true });
  });

  it('refuses a user whose link works (exit 2), approving nothing', async () => {
    const [linked] = await h.linkAll();
    const partner = send('partner_goto');
    const result = await h.unchanged(() => h.invoke(run, { ids: [String(partner)], user: linked! }));
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr).toContain(linked!);
    expect(h.sandbox.control.state.requestLog).toEqual([]);
  });

  it('a user linked to a removed contact is relinked only after a yes; a no changes nothing', async () => {
    await h.linkAll();
    const links = await h.store((store) => store.links.all());
    const [userId, { accountId: old }] = [...links].find(([id]) => id.startsWith('P'))!;
    h.sandbox.control.removeContact(old);
    const partner = send('partner_goto');
    // Off a terminal, without --yes: refused.
    const refused = await h.unchanged(() => h.invoke(run, { ids: [String(partner)], user: userId }));
    expect(refused.code).toBe(ExitCode.usage);
    const no = await h.invoke(run, { ids: [String(partner)], user: userId }, { tty: true, answers: [false] });
    expect(no.code).toBe(ExitCode.ok);
    expect(no.asked).toHaveLength(1);
    expect(h.sandbox.control.state.requestLog).toEqual([]);
    expect(await linkOf(userId)).toBe(old);
    const yes = await h.invoke(run, { ids: [String(partner)], user: userId, yes: true, json: true });
    expect(yes.code).toBe(ExitCode.ok);
    expect(await linkOf(userId)).toBe(3_100_001);
    expect((await history()).find((e) => e.userId === userId && e.accountId === old)).toMatchObject({ reason: 'contact-gone' });
  });
});

describe('contacts approve: what it says', () => {
  /** The stderr lines, the long list of the demo's earlier contacts cut to its start. */
  const lines = (stderr: string) => stderr.split('\n').map((line) => (line.startsWith('Linked 28 contact(s) approved earlier: ') ? line.slice(0, 60) : line));
  const EARLIER = 'Linked 28 contact(s) approved earlier: 山田 太郎 (E0001), 佐藤 花子 (E0002), Ito Yuki';

  it('a dry run: the table of what it would approve, the requests left with why and the command, the counts', async () => {
    send('kana_okada');
    send('partner_goto');
    const result = await h.invoke(run, { auto: true, dryRun: true });
    expect(result.code).toBe(ExitCode.ok);
    expect(lines(result.stderr)).toEqual([
      'REQUEST ID  NAME        USER               REASON',
      '7000001     Kana Okada  岡田 佳奈 (E0027)',
      '1 request(s) left for you to decide, one by one:',
      '  7000002 後藤 駿: another organisation (株式会社取引先, organisation id 9200): never approved automatically',
      '      → himanager-chatwork contacts approve 7000002 --user E0028',
      'Dry run: 1 request(s) would be approved and linked, 28 earlier contact(s) linked; 1 left waiting. Nothing was changed.',
      '',
    ]);
  });

  it('asked on a terminal: the table, the question, each approval, the earlier contacts linked, what is left, the counts', async () => {
    send('kana_okada');
    send('partner_goto');
    const result = await h.invoke(run, { auto: true }, { tty: true, answers: [true] });
    expect(result.code).toBe(ExitCode.ok);
    expect(result.asked).toEqual(['Approve these 1 request(s) and link each to its user?']);
    expect(lines(result.stderr)).toEqual([
      'REQUEST ID  NAME        USER               REASON',
      '7000001     Kana Okada  岡田 佳奈 (E0027)',
      'Approved Kana Okada (7000001) and linked to E0027.',
      EARLIER.slice(0, 60),
      '1 request(s) left for you to decide, one by one:',
      '  7000002 後藤 駿: another organisation (株式会社取引先, organisation id 9200): never approved automatically',
      '      → himanager-chatwork contacts approve 7000002 --user E0028',
      'Approved 1 request(s), linked 29 user(s); 1 request(s) left waiting.',
      '',
    ]);
  });

  it('approved by id with no single user to link: approved, not linked, and how to link it', async () => {
    const partner = send('partner_goto');
    const result = await h.invoke(run, { ids: [String(partner)] });
    expect(result.code).toBe(ExitCode.ok);
    expect(result.stderr).toBe('Approved 後藤 駿 (7000001); no single user matches, so it is not linked. Link it with: himanager-chatwork link <user> 3100001\n'
      + 'Approved 1 request(s), linked 0 user(s); 0 request(s) left waiting.\n');
    expect(approvedInChatwork()).toEqual([partner]);
    expect(await linkOf('E0028')).toBeUndefined();
    const json = await h.invoke(run, { ids: [String(send('impostor_goto'))], json: true });
    expect(JSON.parse(json.stdout).outcomes).toMatchObject([{ userId: null, result: 'approved', linked: false }]);
  });

  it('an approval whose answer was lost: exit 3, said so, not linked; the next run links it without approving again', async () => {
    const okada = send('kana_okada');
    h.sandbox.control.setFaults({ failAfter: 'PUT /incoming_requests', failAfterCount: 1 });
    const lost = await h.invoke(run, { auto: true, yes: true });
    expect(lost.code).toBe(ExitCode.partial);
    expect(lines(lost.stderr)).toEqual([
      'The answer to approving Kana Okada (7000001) was lost. If it went through, the next run of contacts approve --auto links it; it is never approved twice.',
      EARLIER.slice(0, 60),
      'Approved 0 request(s), linked 28 user(s); 0 request(s) left waiting.',
      '',
    ]);
    expect(await linkOf('E0027')).toBeUndefined();
    const next = await h.invoke(run, { auto: true, yes: true, json: true });
    expect(next.code).toBe(ExitCode.ok);
    expect(JSON.parse(next.stdout).linkedEarlier).toEqual([{ userId: 'E0027', accountId: OKADA, name: 'Kana Okada' }]);
    expect(h.sandbox.control.state.requestLog).toEqual([{ requestId: okada, action: 'approved' }]);
  });
});
