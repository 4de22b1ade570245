import { TEXT_LOG_LINE } from '../../src/logging/log-line.js';

/** Off a terminal each stderr line starts with time, run id and level: the log's grammar, not Japanese text. */
function withoutLogPrefix(text: string): string {
  return text.split('\n').map((line) => { const parsed = TEXT_LOG_LINE.exec(line); return parsed ? parsed[4] ?? '' : line; }).join('\n');
}

/**
 * What may stand in Japanese text in ASCII: commands and their options, values typed as
 * they are (ids, placeholders, file names, URLs, environment variables), and names that
 * Japanese text writes in Latin letters too (Chatwork, OAuth, JSON…). Anything else is an
 * English word left in the Japanese UI.
 */
const COMMAND_WORDS = new Set([
  'himanager-chatwork', 'setup', 'auth', 'login', 'status', 'logout', 'users', 'import', 'sync', 'list', 'contacts', 'requests', 'approve', 'decline',
  'invite', 'rooms', 'link', 'reject', 'unlink', 'links', 'export', 'destinations', 'set', 'send-test', 'send-reminders', 'doctor', 'calendar', 'show',
  'add-closure', 'remove-closure', 'state', 'info', 'migrate', 'unlock', 'history', 'prune', 'sandbox', 'help', 'templates', 'recall',
  'edit', 'preview', 'reset', 'lang', 'sqlite3', 'trust-org', 'rekey', 'alerts', 'runs', 'reminders', 'schedule', 'digest', 'stats', 'console', 'audit',
  // users leave, reminders escalate (issue 27)
  'leave', 'escalate',
]);
/** Values typed as they are: types, destinations, settings, languages, encodings, statuses. */
const VALUE_WORDS = new Set([
  'praise', 'survey', 'follow-up', 'due-today', 'update-survey', 'update_survey', 'dm', 'room', 'off', 'on', 'ja', 'en', 'keychain', 'file', 'utf8', 'cp932',
  'send', 'defer', 'skip', 'timezone', 'window', 'weekends', 'holidays', 'policy', 'demo', 'empty', 'hostile', 'text', 'csv', 'json',
  'new-skips', 'rid', 'sent', 'delivered', 'in-flight', 'failed', 'pending', 'skipped', 'deferred', 'recalled', 'withdrawn', 'task', 'message', 'yes', 'no', 'r', 'back', 'y', 'n', 'chmod', 'timedatectl', 'set-ntp', 'true', 'printf',
  'export', 'unset', 'crontab', 'npm', 'node', 'npx', 'sudo', 'apt', 'install', 'gnome-keyring', 'dbus', 'secret-tool', 'sh', 'bash',
  'curl', 'nvm', 'mkdir',
]);
/** Names and abbreviations that Japanese technical writing keeps in Latin letters. */
const NAME_WORDS = new Set([
  'HiManager', 'healthchecks.io', 'healthchecks', 'io', 'Chatwork', 'OAuth', 'CLI', 'JSON', 'CSV', 'NDJSON', 'SQLite', 'PostgreSQL', 'Node.js', 'Node', 'URL', 'URI', 'API', 'ID', 'IDs',
  'HTTP', 'HTTPS', 'DNS', 'http', 'https', 'UTF-8', 'Shift_JIS', 'cron', 'PKCE', 'PID', 'pid', 'TLS', 'OS', 'Excel', 'Google', 'Windows', 'macOS', 'Linux',
  'SSH', 'Ctrl-C', 'Enter', 'Tab', 'ESC', 'BOM', 'UTF', 'S256', 'mode', 'To', 'info', 'title', 'hr', 'Secret', 'Service', 'SQL', 'NFKC',
  'Bearer', 'Authorization', 'Name', 'value', 'VAR', 'DB', 'IANA', 'Asia', 'Tokyo', 'JST', 'UTC', 'Chromium', 'Chrome', 'Safari', 'Firefox',
  'README', 'ISO', 'Confidential', 'NUL', 'LANG', 'LC_ALL', 'TZ', 'NO_COLOR', 'SIGTERM', 'SIGINT', 'GET', 'POST', 'PUT', 'DELETE', 'OK', 'KB', 'MB', 'GB', 'ms', 'kB', 'D-Bus', 'Secret Service',
  'Debian', 'Ubuntu', 'NodeSource', 'systemd', 'localhost',
]);

/** The ASCII words of a Japanese text that are none of the above. */
export function strayEnglish(text: string): string[] {
  const stripped = withoutLogPrefix(text)
    .replace(/`[^`]*`/g, ' ')                                  // code spans
    .replace(/'[^'\n]*'|"[^"\n]*"|「[^」\n]*」/g, ' ')           // quoted input: what the admin typed
    .replace(/\{\w+(?::time)?\}/g, ' ')                        // placeholders
    .replace(/<[^<>\s]*>/g, ' ').replace(/\[[^\]\s]*\]/g, ' ') // <file>, [options], [To:123]
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/\S*/gi, ' ')             // URLs
    .replace(/\S+@\S+/g, ' ')                                   // e-mail addresses
    .replace(/(?<![\w-])-{1,2}[a-z][\w-]*(=\S*)?/gi, ' ')       // --options
    .replace(/\$\{?\w+\}?/g, ' ')                              // $VAR
    .replace(/\b[A-Z][A-Z0-9]*(_[A-Z0-9]+)+\b/g, ' ')          // ENV_VARS
    .replace(/[\w.-]*[/\\][\w./\\*-]*/g, ' ')                  // paths, a/b
    .replace(/\b[\w-]+\.(csv|jsonl?|txt|ndjson|db|pem|tgz|ts|js)\b/gi, ' ') // file names
    .replace(/\b\w+\.\w+(\.\w+)*\b/g, (word) => (NAME_WORDS.has(word) ? ' ' : word.split('.').join(' '))) // users.all:read
    .replace(/\b[a-z_]+:(read|write|read_write)\b/g, ' ');    // scopes
  const words = stripped.match(/[A-Za-z][A-Za-z0-9_'-]*/g) ?? [];
  return words.filter((word) => {
    const bare = word.replace(/[-']+$/, '');
    if (bare.length <= 1) return false;
    if (/\d|_/.test(bare)) return false;                       // ids: E0012, 09:00, 300s, sato_taro
    if (/^(YYYY|MM|DD|HH)(-(MM|DD))*$/.test(bare)) return false;       // date formats: YYYY-MM-DD
    return !COMMAND_WORDS.has(bare) && !VALUE_WORDS.has(bare) && !NAME_WORDS.has(bare) && !NAME_WORDS.has(bare.toUpperCase());
  });
}
