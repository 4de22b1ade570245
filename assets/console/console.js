// The console's one script. Every page works without it; it only makes lists filter as you
// type and asks before a change that cannot be undone in one click. No framework, no build.
'use strict';

// <input data-filter="#list">: hides the list's [data-text] items that do not contain every word typed.
function wireFilter(input) {
  const list = document.querySelector(input.dataset.filter);
  if (!list) return;
  const items = Array.from(list.querySelectorAll('[data-text]'));
  const texts = items.map((item) => item.dataset.text);
  const status = input.dataset.status ? document.querySelector(input.dataset.status) : null;
  let pending = 0;
  const apply = () => {
    pending = 0;
    const words = input.value.toLowerCase().normalize('NFKC').split(/\s+/).filter(Boolean);
    let shown = 0;
    for (let i = 0; i < items.length; i += 1) {
      const hit = words.every((word) => texts[i].includes(word));
      if (items[i].hidden === hit) items[i].hidden = !hit;
      if (hit) shown += 1;
    }
    if (status) status.textContent = status.dataset.template.replace('{count}', String(shown));
    list.dispatchEvent(new CustomEvent('filtered', { detail: { shown } }));
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
