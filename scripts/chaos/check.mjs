// The invariants, judged against the sandbox's own record (GET /_sandbox/rooms) and the store
// (`history --json`): (a) each (reminder, person) reached at most once; (b) a pair is recorded as
// delivered if and only if its message is there and reaches them; and, after the clean run, every
// pair of the input reached (nothing lost).

/** The demo seed's notification account: every delivery is posted as it. */
export const OPERATOR = 1_000_001;
const TOKEN = /\bk\d+c\d+r\d+\b/g;

/** (reminder id, account id) → every item that reaches that person: a DM, a group post mentioning them, a task. */
export function reachOf(rooms) {
  const reach = new Map();
  const add = (rid, account, item) => {
    const key = `${rid}|${account}`;
    if (!reach.has(key)) reach.set(key, []);
    reach.get(key).push(item);
  };
  for (const room of rooms) {
    const members = new Set(room.members.map((m) => m.account_id));
    for (const message of room.messages) {
      if (message.account.account_id !== OPERATOR) continue;
      const rids = new Set(message.body.match(TOKEN) ?? []);
      const reached = room.type === 'direct'
        ? [...members].filter((id) => id !== OPERATOR)
        : [...new Set([...message.body.matchAll(/\[To:(\d+)\]/g)].map((m) => Number(m[1])))].filter((id) => id !== OPERATOR && members.has(id));
      const item = { kind: room.type === 'direct' ? 'dm' : 'mention', room: room.room_id, ids: [message.message_id] };
      for (const rid of rids) for (const account of reached) add(rid, account, item);
    }
    for (const task of room.tasks) {
      if (task.assigned_by_account.account_id !== OPERATOR) continue;
      const item = { kind: 'task', room: room.room_id, ids: [String(task.message_id), `task:${task.task_id}`] };
      for (const rid of new Set(task.body.match(TOKEN) ?? [])) add(rid, task.account.account_id, item);
    }
  }
  return reach;
}

/** Every violation for the pairs of the inputs so far; `pairs` maps reminder id → user ids. */
export function checkPairs({ pairs, people, rooms, history }) {
  const reach = reachOf(rooms);
  // History is newest first: a pair's first row is its current state.
  const recorded = new Map();
  for (const row of history) if (!recorded.has(`${row.reminderId}|${row.userId}`)) recorded.set(`${row.reminderId}|${row.userId}`, row);
  const accountOf = new Map(people.map((p) => [p.userId, p.accountId]));
  const violations = [];
  for (const [rid, users] of pairs) {
    for (const userId of users) {
      const items = reach.get(`${rid}|${accountOf.get(userId)}`) ?? [];
      const row = recorded.get(`${rid}|${userId}`);
      const delivered = row?.status === 'delivered';
      const pair = { reminderId: rid, userId, status: row?.status ?? 'none', reached: items.map((i) => `${i.kind}@${i.room}:${i.ids[0]}`) };
      if (items.length > 1) violations.push({ rule: 'a: reached more than once', ...pair });
      if (delivered && !items.length) violations.push({ rule: 'b: recorded delivered, not reached', ...pair });
      else if (delivered && row.messageId && !items.some((i) => i.ids.some((id) => recordedIds(row.messageId).includes(id)))) {
        violations.push({ rule: 'b: the recorded message does not reach them', ...pair, detail: `recorded ${row.messageId} in room ${row.roomId}` });
      }
      if (items.length && !delivered) violations.push({ rule: 'b: reached, not recorded delivered', ...pair });
      if (!items.length && !delivered) violations.push({ rule: 'lost: neither reached nor delivered after the clean run', ...pair });
    }
  }
  return violations;
}

/** A message id, or a task POST's "task:<id>,<id>…" (one task per assignee): each id it names. */
const recordedIds = (messageId) => {
  const text = String(messageId);
  return text.startsWith('task:') ? text.slice(5).split(',').map((id) => `task:${id}`) : [text];
};
