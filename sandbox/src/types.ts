import type { ServerResponse } from 'node:http';
import type { Faults } from './api/context.js';
import type { Message, RoomRole, Task } from './chatwork/wire.js';
import type { Clock } from './clock.js';
import type { Limit } from './limits.js';
import type { SandboxState } from './model/state.js';
import type { ExtraContact, SeedName } from './seed/seed.js';

// What the sandbox offers whoever starts it (the sandbox command, the demo, tests, the bench).

export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  seed?: SeedName;
  /** Contacts on top of the seed's, for scale and fault tests (test/generators/people.ts makes them). */
  contacts?: readonly ExtraContact[];
  rateLimit?: Limit;
  roomPostLimit?: Limit;
  accessTokenSeconds?: number;
  /** Seed for fault injection, so a failing run can be replayed. */
  randomSeed?: number;
  /** Its time and its waits (latency faults): a test injects one so that nothing races the real clock. */
  clock?: Clock;
  /**
   * A GET of the consent page answers as if 許可する had been pressed: the redirect with a code.
   * So `curl -L` of the URL `auth login` prints completes a login on a machine with no browser.
   */
  autoConsent?: boolean;
}

interface RoomView {
  room_id: number; name: string; type: string;
  members: { account_id: number; name: string; role: RoomRole }[];
  messages: Message[];
  tasks: Task[];
}

/** What tests and the /_sandbox/ endpoints can do to the emulated Chatwork. */
export interface SandboxControl {
  reset(): void;
  /** Counters and rate windows only, keeping every account, grant and message: for benchmarks. */
  resetCounters(): void;
  setFaults(faults: Partial<Faults>): void;
  setLimits(limits: { rateLimit?: Limit; roomPostLimit?: Limit }): void;
  registerClient(input: { name: string; redirectUris: string[]; allowHttp?: boolean }): { clientId: string; clientSecret: string };
  revokeGrants(clientId?: string): void;
  mintToken(scopes?: string[]): { accessToken: string; accountId: number };
  expireAccessTokens(): void;
  removeContact(accountId: number): void;
  setRole(roomId: number, role: RoomRole): void;
  /** A person joins (role) or leaves (undefined) a room, as done in Chatwork's member settings. */
  setMember(roomId: number, accountId: number, role: RoomRole | undefined): void;
  setClockOffset(offsetMs: number): void;
  /** A person (by account id or Chatwork ID) sends the notification account a contact request. */
  sendRequest(input: { accountId?: number; chatworkId?: string; message?: string }): { requestId: number; accountId: number };
  rooms(): RoomView[];
  stats(): Record<string, unknown>;
  subscribe(res: ServerResponse): void;
  readonly state: SandboxState;
}

export interface Sandbox {
  url: string;
  apiUrl: string;
  authorizeUrl: string;
  tokenUrl: string;
  /** The env vars that point the CLI at this sandbox. */
  env: Record<string, string>;
  /** The OAuth client the seed registered; its secret is for the rehearsal only. */
  client: { clientId: string; clientSecret: string; redirectUri: string };
  control: SandboxControl;
  stop(): Promise<void>;
}
