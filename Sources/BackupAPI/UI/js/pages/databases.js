// Databases: list, add/edit, test connection (version and size, or the exact error), delete.
import {get, post, put, del} from '../api.js';
import {h, setChildren, field, formValues, clearErrors, showError, table, button, notice, bytes} from '../dom.js';

export async function list(main, ctx) {
  const page = await get('/api/config/databases?limit=500');
  const results = new Map();
  const rows = page.items.map((db) => {
    const result = h('div', {class: 'test-result', dataset: {database: db.name}});
    results.set(db.id, result);
    return {dataset: {database: db.name}, cells: [
      h('a', {href: `#/databases/${db.id}`}, db.name),
      h('span', {class: 'mono'}, `${db.user}@${db.host}:${db.port}/${db.database}`),
      db.ssl_mode, db.password_set ? 'set' : 'not set',
      h('div', {}, h('div', {class: 'actions'},
        button('Test', () => testConnection(db.id, result)),
        ctx.admin ? button('Back up now', async () => {
          const run = await post(`/api/backups/run/${db.id}`);
          ctx.go(`/backups/${run.run_id}`);
        }) : null,
        ctx.admin ? h('a', {class: 'button', href: `#/databases/${db.id}`}, 'Edit') : null,
        ctx.admin ? button('Delete', () => remove(db, main, ctx), {class: 'danger'}) : null), result),
    ]};
  });
  setChildren(main, h('h1', {}, 'Databases'),
    ctx.admin ? h('p', {}, h('a', {class: 'button primary', href: '#/databases/new', id: 'add-database'}, 'Add database')) : null,
    table(['Name', 'Connection', 'SSL', 'Password', ''], rows, {id: 'databases', empty: 'No database yet.'}));
}

async function remove(db, main, ctx) {
  if (!confirm(`Delete database "${db.name}"? Its schedules are disabled; its backups stay.`)) return;
  await del(`/api/config/databases/${db.id}`);
  await list(main, ctx);
}

/** Runs the connection test and shows the server version and size, or the error code and message. */
async function testConnection(id, slot) {
  setChildren(slot, h('span', {class: 'muted'}, 'Testing…'));
  try {
    const r = await post(`/api/config/databases/${id}/test`);
    setChildren(slot, r.ok
      ? notice('ok', `Connected: PostgreSQL ${r.server_version}, database size ${bytes(r.database_size_bytes)}`,
        r.ssl ? ', over SSL' : '')
      : notice('bad', `Connection failed (${r.error.code}): ${r.error.message}`));
  } catch (error) {
    setChildren(slot, notice('bad', error.message));
  }
}

export async function edit(main, ctx) {
  const id = ctx.params[0];
  const db = id ? await get(`/api/config/databases/${id}`) : {port: 5432, ssl_mode: 'prefer'};
  const result = h('div', {id: 'test-result'});
  const form = h('form', {class: 'card', id: 'database-form'},
    h('div', {class: 'grid'},
      field('Name', 'name', {value: db.name, required: true, help: 'Shown in pgbm; its slug names the files.'}),
      field('Host', 'host', {value: db.host, required: true}),
      field('Port', 'port', {type: 'number', value: db.port, min: 1, max: 65535}),
      field('Database', 'database', {value: db.database, required: true}),
      field('User', 'user', {value: db.user, required: true}),
      field('Password', 'password', {type: 'password',
        placeholder: db.password_set ? '•••• (set — leave empty to keep)' : '',
        help: db.password_set ? 'A password is stored; it is never shown.' : undefined}),
      field('SSL mode', 'ssl_mode', {value: db.ssl_mode, options: ['disable', 'prefer', 'require', 'verify-full']}),
      field('SSL root certificate (path)', 'ssl_root_certificate', {value: db.ssl_root_certificate,
        help: 'Needed for verify-full.'}),
      field('Retention time zone', 'retention_time_zone', {value: db.retention_time_zone || 'UTC'})),
    field('Extra pg_dump options', 'options', {value: db.options}),
    h('p', {class: 'error form-error', role: 'alert'}),
    h('div', {class: 'actions'},
      h('button', {type: 'submit', class: 'primary'}, id ? 'Save' : 'Add database'),
      id ? button('Test connection', () => testConnection(id, result), {id: 'test-connection'}) : null,
      h('a', {class: 'button', href: '#/databases'}, 'Back')),
    result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    try {
      const saved = id ? await put(`/api/config/databases/${id}`, formValues(form))
        : await post('/api/config/databases', formValues(form));
      if (id) setChildren(result, notice('ok', 'Saved.'));
      else ctx.go(`/databases/${saved.id}`);
    } catch (error) { showError(form, error); }
  });
  setChildren(main, h('h1', {}, id ? `Database ${db.name}` : 'Add a database'), form,
    id ? null : h('p', {class: 'help'}, 'After adding it you can test the connection.'));
}
