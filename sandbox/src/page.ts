/**
 * The page at /: every room's messages as a recipient would see them, in Japanese,
 * updated live from /_sandbox/events. Chatwork notation is rendered in the browser:
 * [To:id] as a "TO" chip, [info][title]…[/title]…[/info] as a box, [hr] as a rule.
 * Tasks follow a room's messages, with assignee, deadline and status (shown on reload).
 * Everything is escaped first, so a message can never inject markup.
 */
export const PAGE_HTML = `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>Chatwork サンドボックス</title>
<style>
body{font-family:"Hiragino Sans","Noto Sans CJK JP",sans-serif;margin:0;background:#f5f5f5;color:#222}
header{background:#e64a19;color:#fff;padding:.6rem 1rem;font-weight:bold}
main{display:grid;grid-template-columns:repeat(auto-fill,minmax(22rem,1fr));gap:1rem;padding:1rem}
section{background:#fff;border-radius:6px;box-shadow:0 1px 3px #0002;padding:.5rem 1rem}
h2{font-size:1rem;margin:.4rem 0}.type{font-size:.75rem;color:#888;margin-left:.5rem}
.msg{border-top:1px solid #eee;padding:.5rem 0}.from{font-size:.8rem;color:#666}
.to{display:inline-block;background:#2e7d32;color:#fff;border-radius:3px;padding:0 .3rem;font-size:.75rem;margin-right:.2rem}
.info{border:1px solid #90caf9;background:#e3f2fd;border-radius:4px;padding:.4rem .6rem;margin:.3rem 0}
.info .title{font-weight:bold;border-bottom:1px solid #90caf9;margin-bottom:.3rem}
.body{white-space:pre-wrap;word-break:break-word}.empty{color:#999;font-size:.85rem}
.task{border-top:1px dashed #ccc;padding:.5rem 0}.task .meta{font-size:.8rem;color:#666}.task.done .body{text-decoration:line-through;color:#999}
</style></head>
<body><header>Chatwork サンドボックス（送信されたメッセージ）<span id="status"></span></header><main id="rooms"></main>
<script>
const esc = (s) => s.replace(/[&<>"']/g, (c) => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'})[c]);
function render(body) {
  let html = esc(body);
  html = html.replace(/\\[To:(\\d+)\\]/g, '<span class="to" data-to="$1">TO</span>');
  html = html.replace(/\\[toall\\]/g, '<span class="to">TO ALL</span>');
  html = html.replace(/\\[hr\\]/g, '<hr>');
  for (let i = 0; i < 5; i++) {
    html = html.replace(/\\[info\\]\\[title\\]([\\s\\S]*?)\\[\\/title\\]([\\s\\S]*?)\\[\\/info\\]/g, '<div class="info"><div class="title">$1</div>$2</div>');
    html = html.replace(/\\[info\\]([\\s\\S]*?)\\[\\/info\\]/g, '<div class="info">$1</div>');
  }
  return html;
}
async function load() {
  const rooms = await (await fetch('/_sandbox/rooms')).json();
  const main = document.getElementById('rooms');
  const task = (k) => '<div class="task' + (k.status === 'done' ? ' done' : '') + '" data-task-id="' + k.task_id + '"><div class="meta">タスク ・ 担当: ' +
    esc(k.account.name) + (k.limit_time ? ' ・ 期限: ' + new Date(k.limit_time * 1000).toLocaleDateString('ja-JP') : '') + ' ・ ' +
    (k.status === 'done' ? '完了' : '未完了') + '</div><div class="body">' + render(k.body) + '</div></div>';
  main.innerHTML = rooms.filter((r) => r.messages.length || r.tasks.length || r.type === 'group').map((room) =>
    '<section data-room="' + room.room_id + '"><h2>' + esc(room.name) + '<span class="type">' + (room.type === 'direct' ? 'ダイレクトチャット' : 'グループチャット') + '</span></h2>' +
    (room.messages.length ? room.messages.map((m) =>
      '<div class="msg" data-message-id="' + m.message_id + '"><div class="from">' + esc(m.account.name) + ' ・ ' +
      new Date(m.send_time * 1000).toLocaleString('ja-JP') + '</div><div class="body">' + render(m.body) + '</div></div>').join('')
      : '<div class="empty">メッセージはまだありません</div>') + room.tasks.map(task).join('') + '</section>').join('');
}
load();
const events = new EventSource('/_sandbox/events');
events.onmessage = () => load();
</script></body></html>`;
