// The 送信先 and テンプレート pages' script (docs/console-pages.md). Every page works without it:
// each form has a button that does the same by a plain post. No framework, no build.
'use strict';

// Fetches the page again for other inputs and puts the named parts of the answer in place. The
// answer is parsed as an inert document (its scripts never run) and only our own ids are taken.
// Resolves to the parsed answer, or null when it was refused.
async function refreshParts(url, ids) {
  const answer = await fetch(url, { credentials: 'same-origin', headers: { accept: 'text/html' } });
  if (!answer.ok) return null;
  const doc = new DOMParser().parseFromString(await answer.text(), 'text/html');
  swapParts(doc, ids);
  return doc;
}

function swapParts(doc, ids) {
  for (const id of ids) {
    const fresh = doc.getElementById(id);
    const here = document.getElementById(id);
    if (fresh && here) here.replaceChildren(...Array.from(fresh.childNodes).map((node) => document.importNode(node, true)));
  }
}

// <textarea data-live-preview>: the CLI's checks and the preview, redrawn as you type (the server checks; nothing is saved).
function wireLivePreview(textarea) {
  const form = textarea.form;
  let timer = 0;
  let latest = 0;
  // A check still waiting when the form is sent is dropped: the page that follows has the answer.
  form.addEventListener('submit', () => { clearTimeout(timer); latest += 1; });
  textarea.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const mine = ++latest;
      const query = new URLSearchParams({ type: form.elements.type.value, lang: form.elements.lang.value, draft: textarea.value });
      const url = `${location.pathname}?${query}`;
      // Only the newest answer is drawn: an older one arriving late would show a text no longer typed.
      const answer = await fetch(url, { credentials: 'same-origin' });
      if (!answer.ok || mine !== latest) return;
      const doc = new DOMParser().parseFromString(await answer.text(), 'text/html');
      swapParts(doc, ['tpl-problems', 'tpl-preview', 'tpl-status']);
      if (doc.getElementById('tpl-text')?.getAttribute('aria-invalid') === 'true') textarea.setAttribute('aria-invalid', 'true');
      else textarea.removeAttribute('aria-invalid');
    }, 250);
  });
}

// <select data-member-check="<type>">: who the chosen group chat does not reach, as soon as it is chosen.
function wireMemberCheck(select) {
  select.addEventListener('change', () => {
    const type = select.dataset.memberCheck;
    const room = select.value;
    if (!room) return;
    const query = new URLSearchParams({ check: type, room });
    refreshParts(`${location.pathname}?${query}`, [`dest-${type}-members`]);
    const kind = select.form.querySelector('input[name="kind"][value="room"]');
    if (kind) kind.checked = true;
  });
}

// <button data-copy="#id">: the element's text to the clipboard, for the invitation text.
function wireCopy(button) {
  button.hidden = false;
  button.addEventListener('click', async () => {
    const source = document.querySelector(button.dataset.copy);
    if (!source) return;
    try {
      await navigator.clipboard.writeText(source.value ?? source.textContent);
    } catch {
      source.select?.();
      document.execCommand('copy');
    }
    const status = document.querySelector(button.dataset.status);
    if (status) status.textContent = button.dataset.done;
  });
}

document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll('textarea[data-live-preview]').forEach(wireLivePreview);
  document.querySelectorAll('select[data-member-check]').forEach(wireMemberCheck);
  document.querySelectorAll('button[data-copy]').forEach(wireCopy);
});
