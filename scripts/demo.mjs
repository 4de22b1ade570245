// npm run demo [-- --exit]: the whole job on a fresh machine, with no Chatwork account.
// Starts the sandbox, runs the real CLI end to end (login through the https loopback with a
// scripted browser, users import, automatic linking, the invitation for the people who are
// not contacts, their contact requests approved and linked, destinations, a test message,
// send-reminders on the demo file), prints what was delivered to whom, and leaves the
// sandbox running for its page until Ctrl-C. Nothing here touches the real Chatwork.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'himanager-chatwork.js');
const { startSandbox } = await import(join(root, 'sandbox', 'dist', 'server.js'));
const { formatTable } = await import(join(root, 'dist', 'io', 'table.js'));
const exitWhenDone = process.argv.includes('--exit');

const sandbox = await startSandbox({ seed: 'demo' });
const configDir = mkdtempSync(join(tmpdir(), 'himanager-chatwork-demo-'));
const env = { ...process.env, ...sandbox.env };
const base = ['--config-dir', configDir, '--secret-store', 'file'];
const say = (text) => process.stdout.write(`\n\x1b[1m▶ ${text}\x1b[0m\n`);

function cli(args, { input, onStderr } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...base, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => { stdout += c; });
    child.stderr.on('data', (c) => { stderr += c; process.stderr.write(c); onStderr?.(stderr, child); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (input !== undefined) child.stdin.write(input);
    if (!onStderr) child.stdin.end();
  });
}

/** A scripted browser: opens the consent page, submits its form with 許可する, follows the redirect. */
async function browser(authorizeUrl) {
  const html = await (await fetch(authorizeUrl)).text();
  const action = new URL(/<form method="post" action="([^"]+)"/.exec(html)[1], authorizeUrl);
  const form = new URLSearchParams([...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)]
    .map(([, name, value]) => [name, value.replace(/&amp;/g, '&').replace(/&quot;/g, '"')]));
  form.set('decision', 'allow'); // the 許可する button
  const location = (await fetch(action, { method: 'POST', body: form, redirect: 'manual' })).headers.get('location');
  // The admin accepts the certificate warning for 127.0.0.1: here, by trusting the CLI's own certificate.
  const ca = readFileSync(join(configDir, 'loopback-cert.pem'), 'utf8');
  await new Promise((resolve, reject) => request(location, { ca }, (res) => { res.resume(); res.on('end', resolve); }).on('error', reject).end());
}

async function step(title, args, options) {
  say(title);
  const result = await cli(args, options);
  if (result.stdout.trim() && !args.includes('--json')) process.stdout.write(result.stdout);
  if (result.code !== 0 && !(args[0] === 'send-reminders' && result.code === 3)) {
    process.stderr.write(`\nThe demo stopped: "${args.join(' ')}" exited ${result.code}.\n`);
    await sandbox.stop();
    process.exit(1);
  }
  return result;
}

say(`Chatwork sandbox at ${sandbox.url} (127.0.0.1 only); config dir ${configDir}`);
let visited = false;
await step('auth login (https loopback, PKCE; a scripted browser clicks 許可する)',
  ['auth', 'login', '--client-id', sandbox.client.clientId, '--client-secret-stdin', '--redirect-uri', sandbox.client.redirectUri, '--no-browser'], {
    input: `${sandbox.client.clientSecret}\n`,
    onStderr: (stderr) => {
      // Off a terminal each line carries the log prefix (time, run id, level): the URL ends its line.
      const line = stderr.split('\n').find((l) => l.includes(sandbox.authorizeUrl));
      const url = line?.slice(line.indexOf(sandbox.authorizeUrl));
      if (url && !visited) {
        visited = true;
        browser(url).catch((error) => process.stderr.write(`browser: ${error.message}\n`));
      }
    },
  });
await step('users import demo/users.csv', ['users', 'import', join(root, 'demo', 'users.csv')]);
await step('link --auto --yes (Japanese-aware name matching: variants, readings, romaji, decorations)', ['link', '--auto', '--yes']);
const reach = async () => {
  const list = JSON.parse((await cli(['users', 'list', '--json'])).stdout);
  return `${list.filter((u) => u.linked).length} of ${list.length}`;
};
const before = await reach();
say(`Reach after link --auto: ${before} people can get a direct chat`);
const invitation = join(configDir, 'invitation.txt');
await step('invite --output invitation.txt (for the people who are not contacts yet)', ['invite', '--output', invitation]);
process.stdout.write(readFileSync(invitation, 'utf8').split('\n').slice(0, 4).map((line) => `  | ${line}`).join('\n') + '\n  | …\n');
say('Two employees follow the invitation and send a contact request; so do an outsider with an employee\'s name and two impostors (no organisation; the company\'s name under another organisation id)');
for (const chatworkId of ['kana_okada', 'shun_goto', 'partner_goto', 'impostor_okada', 'impostor_goto']) sandbox.control.sendRequest({ chatworkId, message: 'HiManager の通知を受け取ります' });
await step('contacts requests', ['contacts', 'requests']);
await step('contacts approve --auto --yes (approve and link in one step; the outsider and the impostors stay pending)', ['contacts', 'approve', '--auto', '--yes']);
const after = await reach();
say(`Reach: ${before} after link --auto, ${after} after the invitation loop`);
const rooms = JSON.parse((await cli(['rooms', '--json'])).stdout);
const hr = rooms.find((room) => room.name === '人事部 HiManager通知');
await step('destinations set praise dm', ['destinations', 'set', 'praise', 'dm']);
await step('destinations set survey dm', ['destinations', 'set', 'survey', 'dm']);
await step(`destinations set update-survey room:${hr.roomId}`, ['destinations', 'set', 'update-survey', `room:${hr.roomId}`]);
await step('send-test --type survey (to the account\'s own My Chat)', ['send-test', '--type', 'survey']);
// --now: a rehearsal should show the delivery at any hour; cron runs leave it out and respect the send window.
const sent = await step('send-reminders --input demo/reminders.json --now', ['send-reminders', '--input', join(root, 'demo', 'reminders.json'), '--now', '--json']);

say('What was delivered to whom');
const users = new Map(JSON.parse((await cli(['users', 'list', '--json'])).stdout).map((u) => [u.id, u.name]));
const rows = JSON.parse(sent.stdout).recipients.map((r) => [
  r.reminderId, `${users.get(r.recipient) ?? r.recipient} (${r.recipient})`, r.outcome,
  r.reason ?? (r.roomId === hr.roomId ? `room ${hr.name}` : `DM (room ${r.roomId})`),
]);
for (const line of formatTable(['REMINDER', 'RECIPIENT', 'OUTCOME', 'WHERE / WHY'], rows)) process.stdout.write(`  ${line}\n`);
say(`See the messages as recipients do: ${sandbox.url}/`);
if (exitWhenDone) {
  await sandbox.stop();
} else {
  process.stdout.write('The sandbox keeps running for that page. Press Ctrl-C to stop.\n');
  process.once('SIGINT', async () => { await sandbox.stop(); process.exit(0); });
}
