// Settings: one form per stored section, drawn from GET /api/config/settings. Secrets are write-only:
// the API answers `<key>_set`, shown as "•••• set"; an empty secret field keeps the stored value.
// Extras: S3 test, alert tests (email, webhook, heartbeat), encryption key generation (shown once),
// retention preview.
import {get, put, post, query} from '../api.js';
import {h, setChildren, field, clearErrors, showError, notice, table, button, bytes, when, badge} from '../dom.js';

const titles = {general: 'General', backup: 'Backups', s3: 'S3', encryption: 'Encryption',
  notifications: 'Alerts: email, webhooks, heartbeat', retention: 'Retention defaults'};
const order = ['encryption', 's3', 'notifications', 'retention', 'backup', 'general'];
const readOnly = new Set(['installation_id', 'passphrases', 'webhook_url_count', 'backup_directory']);
const optional = {general: ['public_base_url'], backup: ['pg_dump_path', 'pg_restore_path', 'scratch_directory'],
  notifications: ['ses_endpoint']};
const choices = {email_transport: ['none', 'smtp', 'ses'], format: ['custom', 'plain', 'directory', 'tar'],
  compression: ['zstd', 'gzip', 'none']};
const lists = new Set(['email_to', 'webhook_urls', 'email_events', 'webhook_events']);

const acronyms = {s3: 'S3', ses: 'SES', smtp: 'SMTP', tls: 'TLS', url: 'URL', urls: 'URLs', mib: 'MiB', id: 'id',
  pg: 'pg'};
function label(key) {
  const words = key.split('_').map((w) => acronyms[w] || w);
  return words.join(' ').replace(/^[a-z]/, (c) => c.toUpperCase());
}

// Field order within a section; keys not listed follow in the API's order.
const fieldOrder = ['enabled', 'active_passphrase_id', 'bucket', 'region', 'endpoint', 'prefix', 'path_style',
  'access_key_id', 'secret_key', 'email_transport', 'email_from', 'email_to', 'smtp_host', 'smtp_port', 'smtp_user',
  'smtp_password', 'smtp_start_tls', 'smtp_tls', 'ses_region', 'ses_access_key_id', 'ses_secret_key', 'ses_endpoint',
  'webhook_urls', 'heartbeat_url', 'on_failure', 'on_missed', 'on_success', 'daily_digest', 'throttle_minutes',
  'keep_last', 'daily', 'weekly', 'monthly', 'yearly', 'format', 'compression', 'compression_level', 'verify'];
function rank(key) { const i = fieldOrder.indexOf(key); return i < 0 ? fieldOrder.length : i; }

export async function render(main, ctx) {
  const settings = await get('/api/config/settings');
  const sections = order.filter((s) => settings[s]).concat(Object.keys(settings).filter((s) => !order.includes(s)));
  setChildren(main, h('h1', {}, 'Settings'),
    h('nav', {class: 'actions', 'aria-label': 'Sections'}, sections.map((s) => h('a', {href: `#/settings`, class: 'button',
      onclick: (e) => { e.preventDefault(); document.getElementById(`section-${s}`).scrollIntoView(); }}, titles[s] || s))),
    sections.map((s) => sectionCard(s, settings[s], ctx, main)));
}

function sectionCard(name, values, ctx, main) {
  const secrets = Object.keys(values).filter((k) => k.endsWith('_set')).map((k) => k.slice(0, -4));
  const keys = [...new Set([...Object.keys(values), ...(optional[name] || [])])]
    .filter((k) => !k.endsWith('_set') && !readOnly.has(k) && !secrets.includes(k))
    .concat(secrets).sort((a, b) => rank(a) - rank(b));
  const inputs = keys.map((key) => {
    if (secrets.includes(key)) return secretField(name, key, values);
    const value = values[key];
    const opts = {value: Array.isArray(value) ? value.join('\n') : value, errorName: `${name}.${key}`};
    if (typeof value === 'boolean') return field(label(key), `${name}.${key}`, {...opts, type: 'checkbox'});
    if (typeof value === 'number') return field(label(key), `${name}.${key}`, {...opts, type: 'number'});
    if (choices[key]) return field(label(key), `${name}.${key}`, {...opts, options: choices[key]});
    if (lists.has(key)) return field(label(key), `${name}.${key}`, {...opts, type: 'textarea', help: 'One per line.'});
    if (key === 'active_passphrase_id') {
      return field('Active passphrase', `${name}.${key}`, {...opts, options: (values.passphrases || []).map((p) => p.id)});
    }
    return field(label(key), `${name}.${key}`, opts);
  });

  const result = h('div', {class: 'section-result'});
  const form = h('form', {class: 'card', id: `section-${name}`, dataset: {section: name}},
    h('h2', {}, titles[name] || name),
    name === 'encryption' ? encryptionInfo(values) : null,
    h('div', {class: 'grid'}, inputs),
    h('p', {class: 'error form-error', role: 'alert'}),
    ctx.admin ? h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, `Save ${titles[name] || name}`),
      extras(name, result, ctx, main)) : null,
    result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const changes = collect(form, name, values, secrets);
    try {
      if (Object.keys(changes).length) await put('/api/config/settings', {[name]: changes});
      const fresh = await get('/api/config/settings');
      const card = sectionCard(name, fresh[name], ctx, main);
      form.replaceWith(card);
      card.querySelector('.section-result').append(notice('ok', Object.keys(changes).length ? 'Saved.' : 'Nothing changed.'));
    } catch (error) { showError(form, error); }
  });
  return form;
}

/** A write-only field: empty, with "•••• set" as placeholder when a value is stored. */
function secretField(name, key, values) {
  const isSet = values[`${key}_set`];
  const count = values[`${key.replace(/_urls$/, '_url')}_count`];
  return field(label(key), `${name}.${key}`, {
    type: lists.has(key) ? 'textarea' : 'password', errorName: `${name}.${key}`,
    placeholder: isSet ? `•••• set${count ? ` (${count})` : ''} — leave empty to keep` : 'not set',
    help: isSet ? 'Stored; never shown again. Type a new value to replace it.' : undefined,
  });
}

/** The changed keys of a section form (secrets only when typed). */
function collect(form, name, original, secrets) {
  const changes = {};
  for (const el of form.elements) {
    if (!el.name || !el.name.startsWith(`${name}.`)) continue;
    const key = el.name.slice(name.length + 1);
    let value;
    if (el.type === 'checkbox') value = el.checked;
    else if (el.type === 'number') value = el.value === '' ? null : Number(el.value);
    else if (lists.has(key)) value = el.value.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
    // An empty field clears an optional key (absent from the answer: null) or empties a plain one ("").
    else value = el.value === '' && typeof original[key] !== 'string' ? null : el.value;
    if (secrets.includes(key)) {
      if (value !== null && !(Array.isArray(value) && value.length === 0)) changes[key] = value;
      continue;
    }
    const before = original[key] ?? null;
    if (JSON.stringify(before) !== JSON.stringify(value)) changes[key] = value;
  }
  return changes;
}

function encryptionInfo(values) {
  const list = values.passphrases || [];
  return h('div', {}, h('p', {}, 'Encryption is ', values.enabled ? badge('on', 'ok') : badge('off', 'warn'), '. Passphrases are never shown after they are generated; keep a copy outside pgbm.'),
  list.length ? table(['Passphrase id', 'Created', 'Active'], list.map((p) => [h('span', {class: 'mono'}, p.id),
    when(p.created_at), p.active ? 'active' : ''])) : null);
}

function extras(name, result, ctx, main) {
  switch (name) {
    case 's3': return button('Test S3 connection', async (event) => {
      const form = event.target.closest('form');
      const body = {};
      for (const el of form.elements) {
        if (!el.name.startsWith('s3.')) continue;
        const key = el.name.slice(3);
        if (el.type === 'checkbox') body[key] = el.checked;
        else if (el.type === 'number') { if (el.value !== '') body[key] = Number(el.value); }
        else if (el.value !== '') body[key] = el.value;
      }
      try {
        const r = await post('/api/config/settings/s3/test', body);
        setChildren(result, r.ok ? notice('ok', `S3 bucket ${r.bucket}: ${r.message || 'answers'}`)
          : notice('bad', `S3 test failed (${r.error.code}): ${r.error.message}`));
      } catch (error) { showError(form, error); }
    }, {id: 's3-test'});
    case 'notifications': return ['email', 'webhook', 'heartbeat'].map((channel) => button(`Send test ${channel}`, async () => {
      try {
        const r = await post('/api/config/settings/email/test', {channel});
        setChildren(result, r.ok ? notice('ok', r.message || `Test ${channel} sent.`)
          : notice('bad', `Test ${channel} failed (${r.error.code}): ${r.error.message}`));
      } catch (error) { setChildren(result, notice('bad', error.message)); }
    }));
    case 'encryption': return button('Generate a new key', async () => {
      if (!confirm('Generate a new passphrase, make it active and turn encryption on?')) return;
      const r = await post('/api/config/settings/encryption/generate-key');
      const box = h('div', {class: 'notice warn', id: 'generated-key'},
        h('p', {}, h('strong', {}, 'Save this passphrase now. '), 'It is shown only this once; without it, encrypted backups cannot be restored elsewhere.'),
        h('p', {class: 'secret', id: 'generated-passphrase'}, r.passphrase),
        h('p', {class: 'muted'}, `Passphrase id: ${r.id}`),
        button('I saved it', async () => {
          box.remove();
          await render(main, ctx);
        }, {class: 'primary', id: 'key-saved'}));
      setChildren(result, box);
      box.querySelector('button').focus();
    }, {id: 'generate-key'});
    case 'retention': return retentionPreview(result);
    default: return null;
  }
}

function retentionPreview(result) {
  return button('Preview what would be deleted', async () => {
    const databases = await get('/api/config/databases?limit=500');
    const select = h('select', {'aria-label': 'Database'}, databases.items.map((d) => h('option', {value: d.id}, d.name)));
    const out = h('div');
    async function show() {
      const r = await get(`/api/retention/preview${query({database_id: select.value})}`);
      setChildren(out, h('p', {}, `Keeps ${r.kept_count}, deletes ${r.delete_count} (${bytes(r.bytes_freed)}).`),
        table(['Where', 'File', 'Created', 'Size', 'Verdict', 'Why'], r.items.map((i) => ({class: i.keep ? '' : 'warn', cells: [
          i.location, h('span', {class: 'mono'}, i.name), when(i.created_at), bytes(i.size_bytes),
          i.keep ? 'keep' : 'delete', (i.reasons || []).join(', ')]})), {empty: 'No backups.'}));
    }
    select.addEventListener('change', show);
    setChildren(result, h('div', {class: 'card'}, h('h2', {}, 'Retention preview (the stored policy)'), select, out));
    if (databases.items.length) await show();
  });
}
