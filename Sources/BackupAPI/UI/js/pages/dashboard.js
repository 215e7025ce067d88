// Dashboard: per database the last backup, its age, the next run, size trend, failures and staleness;
// disk usage, S3 status, recent activity. Refreshed every 10 s.
import {get} from '../api.js';
import {h, setChildren, table, stateBadge, badge, bytes, when, ago, notice} from '../dom.js';

export async function render(main, ctx) {
  await draw(main);
  ctx.every(10000, () => draw(main).catch(() => {}));
}

async function draw(main) {
  const [health, runs, events] = await Promise.all([
    get('/api/health/detailed').catch((e) => (e.status === 503 ? null : Promise.reject(e))),
    get('/api/backups?limit=200'),
    get('/api/audit?limit=10'),
  ]);
  const byDatabase = new Map();
  for (const run of runs.items) {
    if (!byDatabase.has(run.database_id)) byDatabase.set(run.database_id, []);
    byDatabase.get(run.database_id).push(run);
  }
  const databases = health ? health.databases : [];
  const rows = databases.map((db) => {
    const history = byDatabase.get(db.id) || [];
    const last = history.find((r) => r.state !== 'queued') || history[0];
    const sizes = history.filter((r) => r.state === 'succeeded' && r.size_bytes !== undefined)
      .slice(0, 5).reverse().map((r) => bytes(r.size_bytes));
    const failed = last && last.state === 'failed';
    return {
      class: failed ? 'bad' : db.stale ? 'warn' : '',
      dataset: {database: db.name},
      cells: [
        h('a', {href: `#/backups?database_id=${db.id}`}, db.name),
        last ? stateBadge(last.state) : badge('never backed up', 'warn'),
        db.last_success_at ? ago(db.age_seconds) : '—',
        db.next_run_at ? when(db.next_run_at) : h('span', {class: 'muted'}, 'no schedule'),
        sizes.length ? sizes.join(' → ') : '—',
        db.stale ? badge('overdue', 'warn') : failed ? h('span', {class: 'error'}, last.error || 'failed') : '',
      ],
    };
  });
  const dir = health && health.backup_directory;
  const s3 = health && health.s3;
  setChildren(main,
    h('h1', {}, 'Dashboard'),
    health ? (health.status === 'ok' ? notice('ok', 'Everything is fine.')
      : notice(health.status === 'failing' ? 'bad' : 'warn', `Status: ${health.status}`))
      : notice('bad', 'The store does not answer.'),
    h('h2', {}, 'Databases'),
    table(['Database', 'Last backup', 'Last success', 'Next run', 'Size trend', 'Attention'], rows,
      {id: 'dashboard-databases', empty: 'No database configured yet. Add one under Databases.'}),
    h('div', {class: 'grid'},
      h('section', {class: 'card', id: 'disk'}, h('h2', {}, 'Backup folder'), dir ? h('dl', {class: 'kv'},
        h('dt', {}, 'Path'), h('dd', {class: 'mono'}, dir.path),
        h('dt', {}, 'Writable'), h('dd', {}, dir.writable ? badge('yes', 'ok') : badge('no', 'bad')),
        h('dt', {}, 'pgbm backups'), h('dd', {}, bytes(dir.used_bytes)),
        h('dt', {}, 'Free'), h('dd', {}, `${bytes(dir.free_bytes)} of ${bytes(dir.total_bytes)}`),
        dir.total_bytes ? [h('dt', {}, 'Disk used'), h('dd', {}, h('progress', {
          max: dir.total_bytes, value: dir.total_bytes - dir.free_bytes}))] : null) : '—'),
      h('section', {class: 'card', id: 's3-status'}, h('h2', {}, 'S3'), !s3 ? '—'
        : !s3.configured ? h('p', {class: 'muted'}, 'Not configured. ', h('a', {href: '#/settings'}, 'Configure'))
          : h('dl', {class: 'kv'},
            h('dt', {}, 'Reachable'), h('dd', {}, s3.reachable ? badge('yes', 'ok') : badge('no', 'bad')),
            h('dt', {}, 'Checked'), h('dd', {}, when(s3.checked_at)),
            s3.error ? [h('dt', {}, 'Error'), h('dd', {class: 'error'}, s3.error)] : null)),
      h('section', {class: 'card'}, h('h2', {}, 'Scheduler'), health ? h('dl', {class: 'kv'},
        h('dt', {}, 'Running'), h('dd', {}, health.scheduler.running ? badge('yes', 'ok') : badge('no', 'bad')),
        h('dt', {}, 'Active'), h('dd', {}, String(health.scheduler.active)),
        h('dt', {}, 'Queued'), h('dd', {}, String(health.scheduler.queued))) : '—')),
    h('h2', {}, 'Recent activity'),
    table(['When', 'Who', 'Action', 'Target', 'Outcome'], events.items.map((e) => [
      when(e.at), e.actor || e.actor_kind, e.action, [e.target_type, e.target_id].filter(Boolean).join(' '),
      stateBadge(e.outcome)]), {empty: 'No activity yet.'}),
    h('p', {}, h('a', {href: '#/audit'}, 'Full audit log')));
}
