// Backups: history with filters, live progress of running backups (polling), details, files, download,
// verify, delete.
import {get, post, del, query} from '../api.js';
import {h, setChildren, field, formValues, table, button, notice, stateBadge, bytes, when, duration} from '../dom.js';

function hashQuery() {
  const q = location.hash.split('?')[1] || '';
  return Object.fromEntries(new URLSearchParams(q));
}

function progress(run) {
  if (run.state === 'running') {
    return h('span', {class: 'progress-bytes'}, `${bytes(run.progress_bytes || 0)} written`);
  }
  return run.size_bytes !== undefined ? bytes(run.size_bytes) : '—';
}

export async function list(main, ctx) {
  const filters = hashQuery();
  const databases = await get('/api/config/databases?limit=500');
  const form = h('form', {class: 'card row', id: 'backup-filters'},
    field('Database', 'database_id', {value: filters.database_id,
      options: [['', 'All'], ...databases.items.map((d) => [d.id, d.name])]}),
    field('State', 'state', {value: filters.state,
      options: [['', 'All'], 'queued', 'running', 'succeeded', 'failed', 'cancelled']}),
    field('From', 'since', {type: 'date', value: filters.since}),
    field('Until', 'until', {type: 'date', value: filters.until}),
    h('div', {class: 'field push'}, h('button', {type: 'submit'}, 'Filter')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    ctx.go(`/backups${query(formValues(form))}`);
  });
  const runNow = ctx.admin && databases.items.length ? h('form', {class: 'card row', id: 'run-now'},
    field('Database', 'run_database', {options: databases.items.map((d) => [d.id, d.name])}),
    h('div', {class: 'field push'}, h('button', {type: 'submit', class: 'primary'}, 'Back up now'))) : null;
  runNow?.addEventListener('submit', async (event) => {
    event.preventDefault();
    const run = await post(`/api/backups/run/${runNow.elements.run_database.value}`);
    ctx.go(`/backups/${run.run_id}`);
  });
  const slot = h('div');
  let cursor = null;
  const params = () => query({
    database_id: filters.database_id, state: filters.state, limit: 50,
    since: filters.since ? new Date(filters.since).toISOString() : '',
    until: filters.until ? new Date(new Date(filters.until).getTime() + 86400000).toISOString() : '',
  });
  async function refresh() {
    const page = await get(`/api/backups${params()}`);
    cursor = page.next_cursor;
    setChildren(slot, table(['#', 'Database', 'Trigger', 'State', 'Queued', 'Duration', 'Size / progress', 'Error'],
      page.items.map((r) => ({class: r.state === 'failed' ? 'bad' : '', dataset: {run: r.id, state: r.state}, cells: [
        h('a', {href: `#/backups/${r.id}`}, `#${r.id}`), r.database_name || r.database_slug, r.trigger,
        stateBadge(r.state), when(r.queued_at), duration(r.duration_seconds), progress(r),
        r.error ? h('span', {class: 'error'}, r.error) : '']})),
      {id: 'backups', empty: 'No backups match.'}),
      cursor ? h('p', {class: 'muted'}, 'Showing the newest 50; narrow the filters to see older ones.') : null);
    return page.items.some((r) => r.state === 'running' || r.state === 'queued');
  }
  setChildren(main, h('h1', {}, 'Backups'), runNow, form, slot);
  await refresh();
  ctx.every(2000, () => refresh().catch(() => {}));
}

export async function detail(main, ctx) {
  const id = ctx.params[0];
  const result = h('div', {id: 'action-result'});
  async function draw() {
    const run = await get(`/api/backups/${id}`);
    const files = run.files || [];
    setChildren(main, h('h1', {}, `Backup #${run.id} of ${run.database_name || run.database_slug}`),
      h('div', {class: 'card'}, h('dl', {class: 'kv', id: 'run-details'},
        h('dt', {}, 'State'), h('dd', {id: 'run-state', dataset: {state: run.state}}, stateBadge(run.state)),
        h('dt', {}, 'Trigger'), h('dd', {}, run.trigger),
        h('dt', {}, 'Queued'), h('dd', {}, when(run.queued_at)),
        h('dt', {}, 'Started'), h('dd', {}, when(run.started_at)),
        h('dt', {}, 'Finished'), h('dd', {}, when(run.finished_at)),
        h('dt', {}, 'Duration'), h('dd', {}, duration(run.duration_seconds)),
        h('dt', {}, run.state === 'running' ? 'Written so far' : 'Size'), h('dd', {}, progress(run)),
        h('dt', {}, 'Checksum'), h('dd', {class: 'mono'}, run.checksum || '—'),
        h('dt', {}, 'Verification'), h('dd', {}, run.verification
          ? [stateBadge(run.verification.result), ' ', run.verification.message || ''] : '—'),
        run.error ? [h('dt', {}, 'Error'), h('dd', {class: 'error', id: 'run-error'}, run.error)] : null),
      ctx.admin && (run.state === 'running' || run.state === 'queued')
        ? h('p', {}, button('Cancel', async () => { await post(`/api/backups/${id}/cancel`); await draw(); }, {class: 'danger'}))
        : null),
      run.state === 'running' ? h('progress', {'aria-label': 'Backup running'}) : null,
      h('h2', {}, 'Files'),
      table(['Name', 'Size', 'On disk', 'In S3', 'Encrypted', 'SHA-256', ''], files.map((f) => ({
        dataset: {file: f.name}, cells: [
          h('span', {class: 'mono'}, f.name), bytes(f.size_bytes), f.on_disk ? 'yes' : 'no',
          f.in_s3 ? h('span', {class: 'mono', title: f.s3_key}, 'yes') : 'no', f.encrypted ? 'yes' : 'no',
          h('span', {class: 'mono sha256', title: f.sha256}, `${f.sha256.slice(0, 12)}…`),
          h('div', {class: 'actions'},
            ctx.admin && f.on_disk && f.download_url
              ? h('a', {class: 'button', href: f.download_url, download: f.name, id: `download-${f.id}`}, 'Download') : null,
            f.on_disk ? button('Verify', async () => {
              try {
                const v = await post(`/api/backups/${id}/verify`);
                setChildren(result, notice(v.result === 'failed' ? 'bad' : 'ok', `Verification ${v.result}: ${v.message || ''}`));
              } catch (error) { setChildren(result, notice('bad', error.message)); }
            }, {hidden: !ctx.admin}) : null,
            ctx.admin ? deleteControls(f, result, draw) : null)]})), {id: 'files', empty: 'No file (yet).'}),
      result,
      h('p', {}, h('a', {href: '#/backups'}, 'All backups'), ' · ', h('a', {href: '#/restore'}, 'Restore a backup')));
    return run.state === 'running' || run.state === 'queued';
  }
  let active = await draw();
  const timer = ctx.every(1500, async () => {
    if (!active) { ctx.stop(timer); return; }
    active = await draw().catch(() => false);
  });
}

function deleteControls(file, result, redraw) {
  const scope = h('select', {'aria-label': `Delete scope of ${file.name}`},
    h('option', {value: 'local'}, 'local copy'), h('option', {value: 's3'}, 'S3 copy'), h('option', {value: 'all'}, 'both'));
  return h('span', {class: 'actions'}, scope, button('Delete', async () => {
    if (!confirm(`Delete the ${scope.selectedOptions[0].text} of ${file.name}?`)) return;
    const path = `/api/backups/files/${encodeURIComponent(file.name)}${query({scope: scope.value})}`;
    try {
      await del(path);
    } catch (error) {
      if (error.code !== 'newest_backup' || !confirm(`${error.message}\nDelete anyway?`)) {
        setChildren(result, notice('bad', error.message));
        return;
      }
      await del(`${path}&force=true`);
    }
    await redraw();
  }, {class: 'danger'}));
}
