// Users (admin only) and API tokens (one's own; an admin sees everyone's). A new token is shown once.
import {get, post, put, del, query} from '../api.js';
import {h, setChildren, field, formValues, clearErrors, showError, table, button, notice, when, badge} from '../dom.js';

export async function render(main, ctx) {
  const [users, tokens] = await Promise.all([
    ctx.admin ? get('/api/users') : Promise.resolve(null),
    get(`/api/tokens${query({all: ctx.admin ? 'true' : ''})}`),
  ]);
  const names = new Map((users ? users.items : [ctx.user]).map((u) => [u.id, u.username]));
  const redraw = () => render(main, ctx);
  setChildren(main, h('h1', {}, ctx.admin ? 'Users and API tokens' : 'API tokens'),
    users ? [h('h2', {}, 'Users'), table(['User', 'Role', 'State', 'Created', ''], users.items.map((u) => ({
      dataset: {user: u.username}, cells: [u.username, u.role, u.disabled ? badge('disabled', 'bad') : badge('enabled', 'ok'),
        when(u.created_at), h('div', {class: 'actions'},
          button(u.role === 'admin' ? 'Make viewer' : 'Make admin', () => change(u.id, {role: u.role === 'admin' ? 'viewer' : 'admin'}, redraw)),
          button(u.disabled ? 'Enable' : 'Disable', () => change(u.id, {disabled: !u.disabled}, redraw)),
          u.id === ctx.user.id ? null : button('Delete', async () => {
            if (!confirm(`Delete user ${u.username}? Their sessions and tokens go too.`)) return;
            try { await del(`/api/users/${u.id}`); await redraw(); } catch (e) { alert(e.message); }
          }, {class: 'danger'}))]})), {id: 'users'}),
    newUserForm(redraw)] : null,
    h('h2', {}, 'API tokens'),
    table(['Name', 'User', 'Created', 'Last used', 'Expires', ''], tokens.items.map((t) => [t.name,
      names.get(t.user_id) || `#${t.user_id}`, when(t.created_at), when(t.last_used_at), when(t.expires_at),
      button('Revoke', async () => {
        if (!confirm(`Revoke token ${t.name}?`)) return;
        await del(`/api/tokens/${t.id}`); await redraw();
      }, {class: 'danger'})]), {id: 'tokens', empty: 'No token.'}),
    newTokenForm(redraw));
}

async function change(id, body, redraw) {
  try { await put(`/api/users/${id}`, body); await redraw(); } catch (e) { alert(e.message); }
}

function newUserForm(redraw) {
  const form = h('form', {class: 'card', id: 'user-form'}, h('h2', {}, 'Add a user'), h('div', {class: 'row'},
    field('Username', 'username', {required: true, autocomplete: 'off'}),
    field('Password', 'password', {type: 'password', required: true, help: 'At least 12 characters.'}),
    field('Role', 'role', {options: [['viewer', 'viewer (read-only)'], ['admin', 'admin']]})),
  h('p', {class: 'error form-error', role: 'alert'}), h('button', {type: 'submit', class: 'primary'}, 'Add user'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    try { await post('/api/users', formValues(form)); await redraw(); } catch (error) { showError(form, error); }
  });
  return form;
}

function newTokenForm(redraw) {
  const result = h('div');
  const form = h('form', {class: 'card', id: 'token-form'}, h('h2', {}, 'New API token'), h('div', {class: 'row'},
    field('Name', 'name', {required: true, help: 'What uses it, e.g. "prometheus".'}),
    field('Expires', 'expires_at', {type: 'date'})),
  h('p', {class: 'error form-error', role: 'alert'}), h('button', {type: 'submit', class: 'primary'}, 'Create token'), result);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const v = formValues(form);
    if (v.expires_at) v.expires_at = new Date(v.expires_at).toISOString();
    try {
      const t = await post('/api/tokens', v);
      setChildren(result, notice('warn', h('p', {}, 'Copy the token now; it is shown only this once:'),
        h('p', {class: 'secret', id: 'new-token'}, t.token), button('I saved it', redraw, {class: 'primary', id: 'token-saved'})));
    } catch (error) { showError(form, error); }
  });
  return form;
}
