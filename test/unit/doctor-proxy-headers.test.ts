import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHATWORK_CHECKS } from '../../src/flows/doctor/checks-chatwork.js';
import { DoctorContext } from '../../src/flows/doctor/context.js';
import type { Finding } from '../../src/flows/doctor/finding.js';
import { runCheck } from '../../src/flows/doctor/run-check.js';
import { commandHarness, type CommandHarness } from '../helpers/command-deps.js';

/**
 * A proxy between the CLI and Chatwork (the sandbox) that drops some response headers, as a
 * corporate proxy may: doctor must still say something true about the budget and the clock.
 */
let h: CommandHarness;
let proxy: Server;
let strip = new Set<string>();
beforeEach(async () => {
  let target = '';
  strip = new Set();
  proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => void (async () => {
      const headers: Record<string, string> = {};
      for (const name of ['authorization', 'content-type', 'accept']) if (req.headers[name]) headers[name] = String(req.headers[name]);
      const body = Buffer.concat(chunks);
      const upstream = await fetch(`${target}${req.url}`, { method: req.method, headers, ...(body.length ? { body } : {}) });
      const kept: Record<string, string> = {};
      upstream.headers.forEach((value, name) => {
        if (!strip.has(name) && !['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive', 'date'].includes(name)) kept[name] = value;
      });
      if (!strip.has('date') && upstream.headers.get('date')) kept.date = upstream.headers.get('date')!;
      res.sendDate = false;
      res.writeHead(upstream.status, kept);
      res.end(Buffer.from(await upstream.arrayBuffer()));
    })());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  h = await commandHarness({ env: { CHATWORK_API_URL: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/v2` } });
  target = h.sandbox.url;
});
afterEach(async () => {
  await h.close();
  proxy.closeAllConnections();
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
});

async function check(id: string, before?: (ctx: DoctorContext) => Promise<unknown>): Promise<Finding[]> {
  let found: Finding[] = [];
  const result = await h.invoke(async (_options, deps) => {
    const ctx = new DoctorContext(deps);
    await before?.(ctx);
    found = await runCheck(CHATWORK_CHECKS.find((c) => c.id === id)!, ctx);
  }, {});
  expect(result.error).toBeUndefined();
  return found;
}

describe('doctor behind a proxy that drops headers', () => {
  it('no rate-limit headers: the budget is unknown, not low and not fine', async () => {
    strip = new Set(['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']);
    expect(await check('rate-limit')).toEqual([{ status: 'ok', finding: { key: 'doctor.rate.unknown', params: undefined } }]);
  });

  it('no limit header: the documented 300 is assumed (low under 30 left), and the limit shown as unknown', async () => {
    strip = new Set(['x-ratelimit-limit']);
    h.sandbox.control.setLimits({ rateLimit: { count: 40, windowMs: 300_000 } });
    expect(await check('rate-limit')).toEqual([{ status: 'ok', finding: { key: 'doctor.rate.ok', params: { remaining: 39, limit: '?', reset: expect.anything() } } }]);
    const low = await check('rate-limit', async (ctx) => {
      await ctx.refreshed();
      for (let i = 0; i < 9; i += 1) await (await ctx.api()).rooms();
    });
    expect(low).toEqual([{ status: 'warn', finding: { key: 'doctor.rate.low', params: { remaining: 29, limit: '?', reset: expect.anything() } }, remedy: { key: 'doctor.fix.rate', params: undefined } }]);
  });

  it('no reset header: the reset is shown as "-"', async () => {
    strip = new Set(['x-ratelimit-reset']);
    expect((await check('rate-limit'))[0]!.finding.params).toMatchObject({ reset: '-' });
  });

  it('no Date header: nothing is said about the clock (it cannot be compared)', async () => {
    strip = new Set(['date']);
    h.sandbox.control.setClockOffset(3_600_000);
    const found = await check('auth');
    expect(found.map((f) => f.finding.key)).toEqual(['doctor.auth.ok', 'doctor.auth.scopesOk']);
  });
});
