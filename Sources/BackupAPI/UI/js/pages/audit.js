// Audit log: newest first, filters (actor, action, target, outcome, dates), "load more" through the cursor.
import {get, query} from '../api.js';
import {h, setChildren, field, formValues, table, stateBadge, when, button} from '../dom.js';

export async function render(main, ctx) {
  const filters = Object.fromEntries(new URLSearchParams(location.hash.split('?')[1] || ''));
  const form = h('form', {class: 'card row', id: 'audit-filters'},
    field('Actor', 'actor', {value: filters.actor}),
    field('Action', 'action', {value: filters.action, placeholder: 'backup.run'}),
    field('Target type', 'target_type', {value: filters.target_type}),
    field('Outcome', 'outcome', {value: filters.outcome, options: [['', 'All'], 'success', 'failure', 'denied']}),
    field('From', 'since', {type: 'date', value: filters.since}),
    field('Until', 'until', {type: 'date', value: filters.until}),
    h('div', {class: 'field push'}, h('button', {type: 'submit'}, 'Filter')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    ctx.go(`/audit${query(formValues(form))}`);
  });
  const params = {...filters};
  if (params.since) params.since = new Date(params.since).toISOString();
  if (params.until) params.until = new Date(new Date(params.until).getTime() + 86400000).toISOString();
  const rows = [];
  const slot = h('div');
  let cursor = null;
  async function more() {
    const page = await get(`/api/audit${query({...params, limit: 100, cursor})}`);
    cursor = page.next_cursor;
    rows.push(...page.items.map((e) => ({class: e.outcome === 'success' ? '' : 'warn', dataset: {action: e.action}, cells: [
      when(e.at), e.actor || e.actor_kind, h('code', {}, e.action),
      [e.target_type, e.target_id].filter(Boolean).join(' '), stateBadge(e.outcome),
      e.details && Object.keys(e.details).length ? h('span', {class: 'mono'}, Object.entries(e.details)
        .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : v}`).join(' ')) : '']})));
    setChildren(slot, table(['When', 'Who', 'Action', 'Target', 'Outcome', 'Details'], rows, {id: 'audit', empty: 'No events match.'}),
      cursor ? button('Load more', more) : null);
  }
  setChildren(main, h('h1', {}, 'Audit log'), form, slot);
  await more();
}
