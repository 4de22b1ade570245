/**
 * The Chatwork client, as its callers import it. Its parts are in client/: what it offers
 * (api.ts), each endpoint (endpoints.ts), the request loop with its rate limit, retries and
 * token refresh (request-loop.ts), the contact list as it streams in (contacts.ts), the token
 * endpoint (oauth.ts), reading answers (answers.ts), and transport.ts, the only module that
 * imports got: every byte to or from Chatwork passes there.
 */
export type { ChatworkApi, ClientStats } from './api.js';
export { createChatworkApi } from './endpoints.js';
export { createOAuthClient, type OAuthClient } from './oauth.js';
