// Small DOM helpers: elements are built with h(), never from HTML strings, so API data is always text.

/** Creates an element: h('a', {href: '#/', class: 'x', onclick: fn}, 'text', child). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'value') el.value = value;
    else if (key === 'checked' || key === 'disabled' || key === 'selected') el[key] = Boolean(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of el. */
export function setChildren(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let uniqueId = 0;

/**
 * A labelled form field with its error slot: field('Host', 'host', {value, type, options, help, required}).
 * `options` makes a select ([value, label] pairs or strings); type 'checkbox' makes a check box.
 */
export function field(label, name, opts = {}) {
  const id = `f-${name.replace(/[^a-z0-9]/gi, '-')}-${++uniqueId}`;
  const errorId = `${id}-error`;
  let input;
  if (opts.options) {
    input = h('select', {id, name, 'aria-describedby': errorId, required: opts.required},
      opts.options.map((o) => {
        const [value, text] = Array.isArray(o) ? o : [o, o];
        return h('option', {value, selected: String(value) === String(opts.value ?? '')}, text);
      }));
  } else if (opts.type === 'textarea') {
    input = h('textarea', {id, name, rows: opts.rows || 3, 'aria-describedby': errorId, placeholder: opts.placeholder});
    input.value = opts.value ?? '';
  } else {
    input = h('input', {
      id, name, type: opts.type || 'text', value: opts.type === 'checkbox' ? undefined : opts.value,
      checked: opts.type === 'checkbox' ? opts.value : undefined, placeholder: opts.placeholder,
      required: opts.required, autocomplete: opts.autocomplete || (opts.type === 'password' ? 'new-password' : undefined),
      min: opts.min, max: opts.max, step: opts.step, 'aria-describedby': errorId,
    });
  }
  if (opts.oninput) input.addEventListener('input', opts.oninput);
  if (opts.onchange) input.addEventListener('change', opts.onchange);
  const wrapper = opts.type === 'checkbox'
    ? h('div', {class: 'field check'}, input, h('label', {for: id}, label))
    : h('div', {class: 'field'}, h('label', {for: id}, label), input);
  if (opts.help) wrapper.append(h('p', {class: 'help'}, opts.help));
  wrapper.append(h('p', {class: 'error', id: errorId, dataset: {errorFor: opts.errorName || name}, role: 'alert'}));
  return wrapper;
}

/** The form's named values: checkboxes as booleans, number inputs as numbers, empty strings omitted. */
export function formValues(form) {
  const values = {};
  for (const el of form.elements) {
    if (!el.name || el.disabled) continue;
    if (el.type === 'checkbox') values[el.name] = el.checked;
    else if (el.type === 'radio') { if (el.checked) values[el.name] = el.value; }
    else if (el.type === 'file') continue;
    else if (el.value !== '') values[el.name] = el.type === 'number' ? Number(el.value) : el.value;
  }
  return values;
}

/** Clears the errors shown in a form. */
export function clearErrors(root) {
  for (const el of root.querySelectorAll('.error')) el.textContent = '';
  for (const el of root.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
}

/**
 * Shows an API error next to the field it names (`error.field`, dotted for nested fields); errors naming
 * no field shown in the form's `.form-error` slot (or thrown on if there is none).
 */
export function showError(root, error, {focus = true} = {}) {
  const name = error && error.field;
  const slot = name && (root.querySelector(`[data-error-for="${CSS.escape(name)}"]`)
    || root.querySelector(`[data-error-for="${CSS.escape(name.split('.').pop())}"]`));
  if (slot) {
    slot.textContent = error.message;
    const input = slot.parentElement.querySelector('input, select, textarea');
    if (input) { input.setAttribute('aria-invalid', 'true'); if (focus) input.focus(); }
    return;
  }
  const general = root.querySelector('.form-error');
  if (!general) throw error;
  general.textContent = error.message || String(error);
}

/** A notice box: notice('ok' | 'bad' | 'warn', text...). */
export function notice(kind, ...text) {
  return h('div', {class: `notice ${kind}`, role: kind === 'bad' ? 'alert' : 'status'}, ...text);
}

/** A table in a scrolling wrapper: columns are header texts, rows arrays of cells (or {cells, class}). */
export function table(columns, rows, opts = {}) {
  return h('div', {class: 'table-wrap'}, h('table', {id: opts.id},
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', {scope: 'col'}, c)))),
    h('tbody', {}, rows.length === 0
      ? h('tr', {}, h('td', {colspan: columns.length, class: 'muted'}, opts.empty || 'Nothing yet.'))
      : rows.map((r) => Array.isArray(r) ? h('tr', {}, r.map((c) => h('td', {}, c)))
        : h('tr', {class: r.class, dataset: r.dataset}, r.cells.map((c) => h('td', {}, c)))))));
}

export function badge(text, kind) { return h('span', {class: `badge ${kind || ''}`}, text); }

const stateKinds = {succeeded: 'ok', passed: 'ok', success: 'ok', running: 'warn', queued: 'warn',
  cancelled: '', failed: 'bad', failure: 'bad', denied: 'bad', skipped: ''};
export function stateBadge(state) { return badge(state || '—', stateKinds[state] ?? ''); }

export function bytes(n) {
  if (n === undefined || n === null) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0; let v = Number(n);
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${v.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

export function when(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return h('time', {datetime: iso, title: iso}, d.toLocaleString());
}

export function ago(seconds) {
  if (seconds === undefined || seconds === null) return '—';
  const s = Math.round(seconds);
  if (s < 90) return `${s} s ago`;
  if (s < 5400) return `${Math.round(s / 60)} min ago`;
  if (s < 129600) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} days ago`;
}

export function duration(seconds) {
  if (seconds === undefined || seconds === null) return '—';
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

/** A button that disables itself while its async action runs. */
export function button(text, action, attrs = {}) {
  const el = h('button', {type: 'button', ...attrs}, text);
  el.addEventListener('click', async (event) => {
    event.preventDefault();
    el.disabled = true;
    try { await action(event); } finally { el.disabled = false; }
  });
  return el;
}
