import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox/src/server.js';
import { authorize } from '../helpers/oauth-browser.js';

let sandbox: Sandbox;
let token: string;
beforeAll(async () => { sandbox = await startSandbox({ seed: 'demo' }); });
afterAll(async () => { await sandbox.stop(); });
beforeEach(async () => {
  sandbox.control.reset();
  token = (await authorize(sandbox)).access_token;
});

const api = (method: string, path: string) => fetch(`${sandbox.apiUrl}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
const control = (path: string, body: unknown) => fetch(`${sandbox.url}/_sandbox/${path}`, { method: 'POST', body: JSON.stringify(body) });

describe('sandbox incoming requests', () => {
  it('lists requests (204 when none), approves one into a contact with a direct chat, declines another', async () => {
    expect((await api('GET', '/incoming_requests')).status).toBe(204);
    const sent = await (await control('requests', { chatworkId: 'kana_okada', message: 'よろしくお願いします' })).json() as { requestId: number; accountId: number };
    const other = sandbox.control.sendRequest({ chatworkId: 'partner_goto' });
    const listed = await (await api('GET', '/incoming_requests')).json() as { request_id: number; name: string; message: string; organization_name: string }[];
    expect(listed).toEqual([
      expect.objectContaining({ request_id: sent.requestId, account_id: sent.accountId, name: 'Kana Okada', message: 'よろしくお願いします' }),
      expect.objectContaining({ request_id: other.requestId, name: '後藤 駿', organization_name: '株式会社取引先' }),
    ]);
    const approved = await api('PUT', `/incoming_requests/${sent.requestId}`);
    expect(approved.status).toBe(200);
    const contact = await approved.json() as { account_id: number; room_id: number };
    expect(contact.account_id).toBe(sent.accountId);
    expect(((await (await api('GET', `/rooms/${contact.room_id}`)).json()) as { type: string }).type).toBe('direct');
    expect(((await (await api('GET', '/contacts')).json()) as { account_id: number }[]).map((c) => c.account_id)).toContain(sent.accountId);
    expect((await api('PUT', `/incoming_requests/${sent.requestId}`)).status).toBe(404); // never twice
    expect((await api('DELETE', `/incoming_requests/${other.requestId}`)).status).toBe(204);
    expect((await api('GET', '/incoming_requests')).status).toBe(204);
    expect(sandbox.control.state.requestLog).toEqual([{ requestId: sent.requestId, action: 'approved' }, { requestId: other.requestId, action: 'declined' }]);
  });

  it('refuses a request from someone already a contact, and answers 500 after doing an approval when told to', async () => {
    expect((await control('requests', { chatworkId: 'taro_yamada' })).status).toBe(400);
    const { requestId } = sandbox.control.sendRequest({ chatworkId: 'shun_goto' });
    sandbox.control.setFaults({ failAfter: 'PUT /incoming_requests', failAfterCount: 1 });
    expect((await api('PUT', `/incoming_requests/${requestId}`)).status).toBe(500);
    expect(sandbox.control.state.requestLog).toEqual([{ requestId, action: 'approved' }]);
  });
});
