// Restore: a three-step form (source: local, S3 or upload → target: a configured database or a new
// connection → options), then the job page with a live progress bar and the final result.
import {get, post, api, query} from '../api.js';
import {h, setChildren, field, formValues, clearErrors, showError, table, notice, stateBadge, bytes, when, button} from '../dom.js';

export async function wizard(main, ctx) {
  const [databases, local, s3, jobs] = await Promise.all([
    get('/api/config/databases?limit=500'),
    get('/api/restore/local-backups?limit=200'),
    get('/api/restore/s3-backups?limit=200').catch((e) => ({items: [], error: e.message})),
    get('/api/restore/jobs?limit=20'),
  ]);
  const preselect = new URLSearchParams(location.hash.split('?')[1] || '').get('file');
  const sourceSlot = h('div');
  const targetSlot = h('div');
  const form = h('form', {id: 'restore-form'},
    h('fieldset', {}, h('legend', {}, '1. Source'),
      field('From', 'source', {options: [['local', 'Backup folder'], ['s3', 'S3 bucket'], ['upload', 'Upload a file']],
        value: 'local', onchange: drawSource}), sourceSlot),
    h('fieldset', {}, h('legend', {}, '2. Target'),
      field('Restore into', 'target_kind', {options: [['database', 'A configured database'], ['connection', 'Another server (new connection)']],
        value: 'database', onchange: drawTarget}), targetSlot),
    h('fieldset', {}, h('legend', {}, '3. Options'), h('div', {class: 'grid'},
      field('Database name', 'database', {help: 'Restore into this database instead of the target\'s own.'}),
      field('Create it first', 'create', {type: 'checkbox', value: false}),
      field('Drop objects first (--clean)', 'clean', {type: 'checkbox', value: false}),
      field('IF EXISTS with --clean', 'if_exists', {type: 'checkbox', value: true}),
      field('No owners (--no-owner)', 'no_owner', {type: 'checkbox', value: false}),
      field('No privileges (--no-privileges)', 'no_privileges', {type: 'checkbox', value: false}),
      field('Parallel jobs', 'jobs', {type: 'number', value: 1, min: 1, max: 16}),
      field('Count rows afterwards', 'count_rows', {type: 'checkbox', value: false}),
      field('Passphrase', 'passphrase', {type: 'password', help: 'Only for a backup this installation has no passphrase for.'}))),
    h('p', {class: 'error form-error', role: 'alert'}),
    ctx.admin ? h('button', {type: 'submit', class: 'primary', id: 'start-restore'}, 'Start restore') : null);

  function drawSource() {
    const kind = form.elements.source.value;
    const entry = (e) => `${e.file_name} — ${bytes(e.size)} — ${new Date(e.finished_at || e.modified_at).toLocaleString()}`;
    if (kind === 'local') {
      setChildren(sourceSlot, field('Backup', 'file', {value: preselect,
        options: local.items.map((e) => [e.file, entry(e)])}), local.items.length ? null : h('p', {class: 'help'}, 'No backup in the folder.'));
    } else if (kind === 's3') {
      setChildren(sourceSlot, s3.error ? notice('warn', s3.error) : null,
        field('Backup', 'key', {options: s3.items.map((e) => [e.key, entry(e)])}));
    } else {
      setChildren(sourceSlot, h('div', {class: 'field'}, h('label', {for: 'upload-file'}, 'Backup file'),
        h('input', {type: 'file', id: 'upload-file', name: 'upload'}),
        h('p', {class: 'help'}, 'Keep the file\'s pgbm name (it tells the layers: .dump.zst.enc).'),
        h('p', {class: 'error', dataset: {errorFor: 'upload_id'}})));
    }
  }
  function drawTarget() {
    if (form.elements.target_kind.value === 'database') {
      setChildren(targetSlot, field('Database', 'target.database_id', {options: databases.items.map((d) => [d.id, d.name])}));
    } else {
      setChildren(targetSlot, h('div', {class: 'grid'},
        field('Host', 'target.connection.host'), field('Port', 'target.connection.port', {type: 'number', value: 5432}),
        field('User', 'target.connection.user'), field('Password', 'target.connection.password', {type: 'password'}),
        field('Maintenance database', 'target.connection.database', {value: 'postgres'}),
        field('SSL mode', 'target.connection.ssl_mode', {value: 'prefer', options: ['disable', 'prefer', 'require', 'verify-full']})));
    }
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const v = formValues(form);
    const body = {database: v.database, create: v.create, clean: v.clean, if_exists: v.if_exists,
      no_owner: v.no_owner, no_privileges: v.no_privileges, jobs: v.jobs, count_rows: v.count_rows, passphrase: v.passphrase};
    if (v.target_kind === 'database') body.target = {database_id: Number(v['target.database_id'])};
    else {
      const c = {};
      for (const [k, value] of Object.entries(v)) if (k.startsWith('target.connection.')) c[k.slice(18)] = value;
      body.target = {connection: c};
    }
    try {
      let accepted;
      if (v.source === 'local') accepted = await post('/api/restore/from-local', {...body, file: v.file || ''});
      else if (v.source === 's3') accepted = await post('/api/restore/from-s3', {...body, key: v.key || ''});
      else {
        const file = form.querySelector('#upload-file').files[0];
        if (!file) { showError(form, {field: 'upload_id', message: 'Choose a file.'}); return; }
        const upload = await api('POST', `/api/restore/uploads${query({name: file.name})}`, file);
        accepted = await post('/api/restore/from-upload', {...body, upload_id: upload.upload_id});
      }
      ctx.go(`/restore/jobs/${accepted.job_id}`);
    } catch (error) { showError(form, error); }
  });
  setChildren(main, h('h1', {}, 'Restore'),
    ctx.admin ? h('div', {class: 'card'}, form) : notice('warn', 'Only administrators can start a restore.'),
    h('h2', {}, 'Recent restore jobs'),
    table(['#', 'Source', 'Target', 'State', 'Created', 'Error'], jobs.items.map((j) => [
      h('a', {href: `#/restore/jobs/${j.id}`}, `#${j.id}`), sourceText(j.source), targetText(j.target),
      stateBadge(j.state), when(j.created_at), j.error || '']), {id: 'restore-jobs', empty: 'No restore yet.'}));
  drawSource();
  drawTarget();
}

function sourceText(s) {
  if (!s) return '—';
  return s.kind === 's3' ? `S3 ${s.key}` : s.kind === 'local' ? `folder ${s.path}` : `upload ${s.file_name}`;
}

function targetText(t) {
  if (!t) return '—';
  const where = t.database_id ? `database #${t.database_id}` : t.connection ? `${t.connection.host}:${t.connection.port || 5432}` : '';
  return [where, t.database ? `→ ${t.database}` : '', t.create ? '(created)' : ''].filter(Boolean).join(' ');
}

export async function job(main, ctx) {
  const id = ctx.params[0];
  async function draw() {
    const j = await get(`/api/restore/status/${id}`);
    const running = j.state === 'running' || j.state === 'queued';
    const details = j.details || {};
    setChildren(main, h('h1', {}, `Restore job #${j.id}`),
      h('div', {class: 'card'},
        h('p', {}, 'State: ', h('span', {id: 'job-state', dataset: {state: j.state}}, stateBadge(j.state)),
          j.phase ? ` — ${j.phase}` : ''),
        running ? h('progress', {id: 'job-progress', max: j.total_bytes || undefined, value: j.total_bytes ? j.progress_bytes || 0 : undefined,
          'aria-label': 'Restore progress'}) : null,
        j.total_bytes ? h('p', {class: 'muted'}, `${bytes(j.progress_bytes || 0)} of ${bytes(j.total_bytes)}`) : null,
        j.state === 'succeeded' ? notice('ok', 'The restore finished successfully.') : null,
        j.error ? notice('bad', j.error) : null,
        h('dl', {class: 'kv'},
          h('dt', {}, 'Source'), h('dd', {}, sourceText(j.source)),
          h('dt', {}, 'Target'), h('dd', {}, targetText(j.target)),
          h('dt', {}, 'Created'), h('dd', {}, when(j.created_at)),
          h('dt', {}, 'Started'), h('dd', {}, when(j.started_at)),
          h('dt', {}, 'Finished'), h('dd', {}, when(j.finished_at)),
          details.server_version ? [h('dt', {}, 'Server'), h('dd', {}, details.server_version)] : null,
          details.tool ? [h('dt', {}, 'Tool'), h('dd', {}, details.tool)] : null,
          details.warnings && details.warnings.length ? [h('dt', {}, 'Warnings'), h('dd', {}, details.warnings.join('\n'))] : null,
          details.row_counts ? [h('dt', {}, 'Rows'), h('dd', {}, Object.entries(details.row_counts).map(([t, n]) => `${t}: ${n}`).join(', '))] : null),
        ctx.admin && running ? h('p', {}, button('Cancel', async () => { await post(`/api/restore/jobs/${id}/cancel`); await draw(); }, {class: 'danger'})) : null),
      h('p', {}, h('a', {href: '#/restore'}, 'Back to restore')));
    return running;
  }
  let running = await draw();
  const timer = ctx.every(1000, async () => {
    if (!running) { ctx.stop(timer); return; }
    running = await draw().catch(() => false);
  });
}
