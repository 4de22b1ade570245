import type { IncomingMessage, ServerResponse } from 'node:http';
import { expandScopes } from '../chatwork/scopes.js';
import { formOf, readBody, sendJson } from '../http.js';
import { errors, Reply, type ApiContext } from './context.js';
import { route } from './route.js';

/**
 * One API v2 request: injected faults, the access token, the account's rate window (its
 * x-ratelimit-* headers on every answer), then the endpoint; a 204 has no body.
 */
export async function handleApi(ctx: ApiContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const path = url.pathname.replace(/^\/v2/, '');
  // "Posts" are the writes that deliver or recall: a message or task POST, a message DELETE.
  const isPost = (req.method === 'POST' && /^\/rooms\/\d+\/(messages|tasks)$/.test(path))
    || (req.method === 'DELETE' && /^\/rooms\/\d+\/messages\/\d+$/.test(path));
  const faulty = !ctx.faults.postsOnly || isPost;
  if (faulty && ctx.faults.latencyMs > 0) await ctx.sleep(ctx.faults.latencyMs);
  if (faulty && ctx.random() < ctx.faults.dropBeforeRate) {
    ctx.stats.faults.dropBefore += 1;
    await readBody(req).catch(() => '');
    req.socket.destroy();
    return;
  }
  if (faulty && ctx.random() < ctx.faults.serverErrorRate) {
    ctx.stats.faults.serverError += 1;
    return sendJson(res, 500, { errors: ['Internal Server Error'] });
  }
  const body = req.method === 'POST' || req.method === 'PUT' ? await readBody(req) : '';
  ctx.stats.requests += 1;
  ctx.stats.firstRequestAt ??= ctx.now();
  ctx.stats.lastRequestAt = ctx.now();
  const token = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';
  const access = ctx.state.accessTokens.get(token);
  ctx.stats.byToken.set(token, (ctx.stats.byToken.get(token) ?? 0) + 1);
  const window = ctx.windows.take(access?.accountId ?? 0);
  const rateHeaders = {
    'x-ratelimit-limit': String(window.state.limit),
    'x-ratelimit-remaining': String(Math.max(0, window.state.remaining)),
    'x-ratelimit-reset': String(window.state.resetSeconds),
    date: new Date(ctx.now()).toUTCString(),
  };
  let reply: Reply;
  if (!access || access.expiresAt <= ctx.now()) {
    const description = access ? 'The access token expired' : 'Invalid access token';
    reply = new Reply(401, { errors: ['Invalid API token'] }, { 'www-authenticate': `Bearer error="invalid_token", error_description="${description}"` });
  } else if (!window.allowed) {
    ctx.stats.status429 += 1;
    reply = errors(429, 'Rate limit exceeded.');
  } else {
    reply = route(ctx, req.method ?? 'GET', path, url.searchParams, formOf(req, body), access.accountId, expandScopes(access.scopes));
  }
  if (reply.status < 300 && ctx.faults.failAfterCount && `${req.method} ${path}`.startsWith(ctx.faults.failAfter ?? '\0')) {
    ctx.faults.failAfterCount -= 1;
    ctx.stats.faults.serverError += 1;
    return sendJson(res, 500, { errors: ['Internal Server Error'] }, rateHeaders);
  }
  if (faulty && ctx.random() < ctx.faults.dropAfterRate) {
    ctx.stats.faults.dropAfter += 1;
    req.socket.destroy();
    return;
  }
  if (reply.status === 204) {
    res.writeHead(204, { ...rateHeaders, ...reply.headers });
    return void res.end();
  }
  sendJson(res, reply.status, reply.body, { ...rateHeaders, ...reply.headers });
}
