// Schedules: list with next run, run now / pause / resume; create and edit with presets, a raw cron field,
// a time zone picker and a live preview of the next 5 runs (the field error while the expression is invalid).
import {get, post, put, del, query} from '../api.js';
import {h, setChildren, field, formValues, clearErrors, showError, table, button, when, badge} from '../dom.js';

export async function list(main, ctx) {
  const page = await get('/api/schedules?limit=500');
  const rows = page.items.map((s) => ({dataset: {schedule: s.id}, cells: [
    s.database_name || `#${s.database_id}`, h('code', {}, s.cron), s.description || '', s.timezone,
    s.enabled ? badge('active', 'ok') : badge('paused', 'warn'),
    s.next_run_at ? when(s.next_run_at) : '—', s.last_run_at ? when(s.last_run_at) : '—',
    ctx.admin ? h('div', {class: 'actions'},
      button('Run now', async () => { const r = await post(`/api/schedules/${s.id}/run`); ctx.go(`/backups/${r.run_id}`); }),
      s.enabled ? button('Pause', async () => { await post(`/api/schedules/${s.id}/pause`); await list(main, ctx); })
        : button('Resume', async () => { await post(`/api/schedules/${s.id}/resume`); await list(main, ctx); }),
      h('a', {class: 'button', href: `#/schedules/${s.id}`}, 'Edit'),
      button('Delete', async () => {
        if (!confirm('Delete this schedule? Its past backups stay.')) return;
        await del(`/api/schedules/${s.id}`);
        await list(main, ctx);
      }, {class: 'danger'})) : '',
  ]}));
  setChildren(main, h('h1', {}, 'Schedules'),
    ctx.admin ? h('p', {}, h('a', {class: 'button primary', href: '#/schedules/new', id: 'add-schedule'}, 'New schedule')) : null,
    table(['Database', 'Cron', 'When', 'Time zone', 'State', 'Next run', 'Last run', ''], rows,
      {id: 'schedules', empty: 'No schedule yet.'}));
}

const days = [['1', 'Monday'], ['2', 'Tuesday'], ['3', 'Wednesday'], ['4', 'Thursday'], ['5', 'Friday'],
  ['6', 'Saturday'], ['0', 'Sunday']];

/** The cron expression of a preset with its parameters. */
function presetCron(v) {
  const [hour, minute] = (v.time || '02:00').split(':').map(Number);
  switch (v.preset) {
    case 'hourly': return `${Number(v.minute || 0)} * * * *`;
    case 'daily': return `${minute} ${hour} * * *`;
    case 'weekly': return `${minute} ${hour} * * ${v.weekday || 1}`;
    case 'monthly': return `${minute} ${hour} ${v.monthday || 1} * *`;
    default: return null;
  }
}

function timeZones(current) {
  let zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  zones = ['UTC', ...zones.filter((z) => z !== 'UTC')];
  if (current && !zones.includes(current)) zones.unshift(current);
  return zones;
}

export async function edit(main, ctx) {
  const id = ctx.params[0];
  const [schedule, databases] = await Promise.all([
    id ? get(`/api/schedules/${id}`) : Promise.resolve({cron: '0 2 * * *', timezone: 'UTC', enabled: true}),
    get('/api/config/databases?limit=500'),
  ]);
  const preview = h('div', {id: 'cron-preview', 'aria-live': 'polite'});
  const presetFields = h('div', {class: 'row'});
  const form = h('form', {class: 'card', id: 'schedule-form'},
    field('Database', 'database_id', {value: schedule.database_id,
      options: databases.items.map((d) => [d.id, d.name])}),
    field('Preset', 'preset', {value: id ? 'custom' : 'daily', onchange: () => { drawPresetFields(); applyPreset(); },
      options: [['hourly', 'Every hour'], ['daily', 'Every day at…'], ['weekly', 'Every week on…'],
        ['monthly', 'Every month on…'], ['custom', 'Custom cron expression']], errorName: 'preset'}),
    presetFields,
    field('Cron expression', 'cron', {value: schedule.cron, required: true, oninput: () => {
      form.elements.preset.value = 'custom'; drawPresetFields(); schedulePreview();
    }, help: 'minute hour day-of-month month day-of-week, e.g. 30 2 * * 1-5'}),
    field('Time zone', 'timezone', {value: schedule.timezone, options: timeZones(schedule.timezone),
      onchange: () => schedulePreview()}),
    field('Enabled', 'enabled', {type: 'checkbox', value: schedule.enabled}),
    h('h2', {}, 'Next 5 runs'), preview,
    h('p', {class: 'error form-error', role: 'alert'}),
    h('div', {class: 'actions'}, h('button', {type: 'submit', class: 'primary'}, id ? 'Save' : 'Create schedule'),
      h('a', {class: 'button', href: '#/schedules'}, 'Back')));

  function drawPresetFields() {
    const p = form.elements.preset.value;
    setChildren(presetFields,
      p === 'hourly' ? field('At minute', 'minute', {type: 'number', value: 0, min: 0, max: 59, oninput: applyPreset}) : null,
      p === 'weekly' ? field('On', 'weekday', {options: days, value: '1', onchange: applyPreset}) : null,
      p === 'monthly' ? field('On day', 'monthday', {type: 'number', value: 1, min: 1, max: 31, oninput: applyPreset}) : null,
      ['daily', 'weekly', 'monthly'].includes(p) ? field('At', 'time', {type: 'time', value: '02:00', oninput: applyPreset}) : null);
  }
  function applyPreset() {
    const v = formValues(form);
    const cron = presetCron(v);
    if (cron) { form.elements.cron.value = cron; schedulePreview(); }
  }
  let timer = null;
  let generation = 0;
  function schedulePreview() { clearTimeout(timer); timer = setTimeout(refreshPreview, 250); }
  async function refreshPreview() {
    const mine = ++generation;
    const v = formValues(form);
    clearErrors(form);
    try {
      const r = await get(`/api/schedules/preview${query({cron: v.cron || '', timezone: v.timezone, count: 5})}`);
      if (mine !== generation) return;
      const local = Intl.DateTimeFormat().resolvedOptions().timeZone;
      const at = (t, timeZone) => new Date(t).toLocaleString(undefined, {timeZone, dateStyle: 'full', timeStyle: 'short'});
      setChildren(preview, h('p', {}, r.description || ''), h('ol', {class: 'preview'},
        r.next_runs.map((t) => h('li', {}, h('time', {datetime: t}, `${at(t, r.timezone)} ${r.timezone}`),
          local === r.timezone ? '' : h('span', {class: 'muted'}, ` (${at(t, local)} here)`)))));
    } catch (error) {
      if (mine !== generation) return;
      preview.replaceChildren();
      showError(form, error, {focus: false});
    }
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const v = formValues(form);
    const body = {database_id: Number(v.database_id), cron: v.cron || '', timezone: v.timezone, enabled: v.enabled};
    try {
      if (id) await put(`/api/schedules/${id}`, body); else await post('/api/schedules', body);
      ctx.go('/schedules');
    } catch (error) { showError(form, error); }
  });
  setChildren(main, h('h1', {}, id ? 'Edit schedule' : 'New schedule'),
    databases.items.length ? form : h('p', {}, 'Add a database first: ', h('a', {href: '#/databases/new'}, 'Add database')));
  drawPresetFields();
  if (!id) applyPreset(); else refreshPreview();
}
