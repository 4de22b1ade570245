// One world per chaos run: the sandbox, one store (a SQLite file or a PostgreSQL database), a config
// dir logged in through the CLI's own `auth login`, and the demo seed's employees as linked users.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OPERATOR } from './check.mjs';
import { cliFor } from './cli.mjs';
import { chaosDatabase } from './postgres.mjs';
import { startChaosSandbox } from './sandbox-client.mjs';


export async function createWorld({ seed, backend }) {
  const sandbox = await startChaosSandbox(seed);
  // The general limit would make the harness wait, not test anything: lifted. The per-room limit stays Chatwork's.
  await sandbox.setLimits({ rateLimit: '1000000/300s' });
  const configDir = mkdtempSync(join(tmpdir(), 'hmcw-chaos-'));
  const db = backend === 'postgres' ? await chaosDatabase() : undefined;
  const stateEnv = db ? { HIMANAGER_CHATWORK_STATE: db.url, HIMANAGER_CHATWORK_STATE_KEY: randomBytes(32).toString('base64') } : {};
  const cli = cliFor({ configDir, env: { ...sandbox.env, ...stateEnv } });
  await login(sandbox, cli);
  const people = await linkEmployees(sandbox, cli, configDir);
  return {
    sandbox, cli, db, configDir, people, backend,
    async stop() {
      await sandbox.stop();
      await db?.stop();
      rmSync(configDir, { recursive: true, force: true });
    },
  };
}

/** `auth login --no-browser`: the harness plays the browser (許可する) and pastes the redirected URL. */
async function login(sandbox, cli) {
  const redirectUri = `https://127.0.0.1:${await freePort()}/oauth2/chatwork/`;
  const client = await sandbox.registerClient(redirectUri);
  const proc = cli.start(['auth', 'login', '--client-id', client.clientId, '--redirect-uri', redirectUri, '--no-browser', '--timeout', '60',
    '--client-secret-stdin'], { stdin: null });
  proc.child.stdin.write(`${client.clientSecret}\n`);
  let url;
  for (let i = 0; i < 600 && !url; i++) {
    // The URL ends its line; logs put time, run id and level before it.
    url = /(?:^|\s)(http:\/\/127\.0\.0\.1:\d+\/packages\/oauth2\/login\.php\?\S+)$/m.exec(proc.stderr())?.[1];
    if (!url) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (!url) throw new Error(`auth login printed no URL:\n${proc.stderr()}`);
  const form = new URLSearchParams(new URL(url).searchParams);
  form.set('decision', 'allow');
  const consent = await fetch(sandbox.authorizeUrl, { method: 'POST', body: form, redirect: 'manual' });
  proc.child.stdin.end(`${consent.headers.get('location')}\n`);
  const result = await proc.result;
  if (result.code !== 0) throw new Error(`auth login failed (${result.code}):\n${result.stderr}`);
}

/**
 * Every employee who is both a contact (a DM room) and a member of the two group chats becomes a
 * HiManager user P<account id>, linked to that account, through `users import` and `links import`.
 */
async function linkEmployees(sandbox, cli, configDir) {
  const rooms = await sandbox.rooms();
  const group = (name) => rooms.find((r) => r.type === 'group' && r.name === name);
  const all = group('全社連絡');
  const hr = group('人事部 HiManager通知');
  const contacts = new Set(rooms.filter((r) => r.type === 'direct').flatMap((r) => r.members.map((m) => m.account_id)));
  const inHr = new Set(hr.members.map((m) => m.account_id));
  const members = all.members.filter((m) => m.account_id !== OPERATOR && contacts.has(m.account_id) && inHr.has(m.account_id));
  const people = members.map((m) => ({ userId: `P${m.account_id}`, accountId: m.account_id, name: m.name }));
  const usersFile = join(configDir, 'chaos-users.csv');
  writeFileSync(usersFile, `社員番号,氏名,メールアドレス\n${people.map((p) => `${p.userId},${p.name},p${p.accountId}@sample.co.jp`).join('\n')}\n`);
  const linksFile = join(configDir, 'chaos-links.csv');
  writeFileSync(linksFile, `user id,chatwork account id\n${people.map((p) => `${p.userId},${p.accountId}`).join('\n')}\n`);
  for (const args of [['users', 'import', usersFile], ['links', 'import', linksFile, '--yes']]) {
    const result = await cli.run(args);
    if (result.code !== 0) throw new Error(`${args.join(' ')} failed (${result.code}):\n${result.stderr}`);
  }
  return { people, rooms: { all: all.room_id, hr: hr.room_id } };
}

function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => resolve(port)); });
  });
}
