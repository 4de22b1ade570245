// The console's one script. Every page works without it; it only makes lists filter as you
// type and asks before a change that cannot be undone in one click. No framework, no build.
'use strict';

// <input data-filter="#list">: hides the list's [data-text] items that do not contain every word typed.
// The texts are read once; a keystroke that only narrows the search tests only the items shown;
// only items whose state changes are written, in one animation frame, and the count once.
function wireFilter(input) {
  const list = document.querySelector(input.dataset.filter);
  if (!list) return;
  const items = Array.from(list.querySelectorAll('[data-text]'));
  const texts = items.map((item) => item.dataset.text);
  const status = input.dataset.status ? document.querySelector(input.dataset.status) : null;
  let shown = items.map((_, i) => i).filter((i) => !items[i].hidden);
  let applied = null;
  let pending = 0;
  const apply = () => {
    pending = 0;
    const words = input.value.toLowerCase().normalize('NFKC').split(/\s+/).filter(Boolean);
    // Every earlier word inside a word typed now: nothing hidden can come back.
    const narrower = applied !== null && applied.every((before) => words.some((word) => word.includes(before)));
    const candidates = narrower ? shown : items.map((_, i) => i);
    const hits = candidates.filter((i) => words.every((word) => texts[i].includes(word)));
    const hit = new Uint8Array(items.length);
    for (const i of hits) hit[i] = 1;
    for (const i of narrower ? shown : candidates) {
      const hide = hit[i] === 0;
      if (items[i].hidden !== hide) items[i].hidden = hide;
    }
    shown = hits;
    applied = words;
    if (status) {
      const text = status.dataset.template.replace('{count}', String(hits.length));
      if (status.textContent !== text) status.textContent = text;
    }
    list.dispatchEvent(new CustomEvent('filtered', { detail: { shown: hits.length } }));
  };
  input.addEventListener('input', () => { if (!pending) pending = requestAnimationFrame(apply); });
  if (input.value) apply();
}

// <form data-confirm="text">: asks first.
function wireConfirm(form) {
  form.addEventListener('submit', (event) => {
    if (!window.confirm(form.dataset.confirm)) event.preventDefault();
  });
}

// <select data-autosubmit>: a filter applies as soon as it is chosen (the button stays for keyboards without JS).
function wireAutosubmit(select) {
  select.addEventListener('change', () => select.form && select.form.requestSubmit());
}

document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll('input[data-filter]').forEach(wireFilter);
  document.querySelectorAll('form[data-confirm]').forEach(wireConfirm);
  document.querySelectorAll('select[data-autosubmit]').forEach(wireAutosubmit);
});
