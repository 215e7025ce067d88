// Setup (first admin, with the setup token from the server's log) and login.
import {get, post} from '../api.js';
import {h, setChildren, field, formValues, clearErrors, showError} from '../dom.js';

export async function setup(main, ctx) {
  const form = h('form', {class: 'card', id: 'setup-form'},
    h('p', {}, 'Create the first administrator. The setup token is in pgbm-server\'s log (',
      h('code', {}, 'pgbm.setup.token'), ').'),
    field('Setup token', 'setup_token', {required: true, autocomplete: 'off'}),
    field('Username', 'username', {required: true, autocomplete: 'username'}),
    field('Password', 'password', {type: 'password', required: true, help: 'At least 12 characters.'}),
    h('p', {class: 'error form-error', role: 'alert'}),
    h('button', {type: 'submit', class: 'primary'}, 'Create administrator'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const values = formValues(form);
    try {
      await post('/api/auth/setup', values);
      ctx.onLogin(await post('/api/auth/login', {username: values.username, password: values.password}));
    } catch (error) { showError(form, error); }
  });
  setChildren(main, h('div', {class: 'auth-box'}, h('h1', {}, 'Welcome to pgbm'), form));
  form.querySelector('input').focus();
}

export async function login(main, ctx) {
  try {
    if ((await get('/api/auth/setup')).setup_required) { ctx.go('/setup'); return; }
  } catch { /* show the form anyway */ }
  const form = h('form', {class: 'card', id: 'login-form'},
    field('Username', 'username', {required: true, autocomplete: 'username'}),
    field('Password', 'password', {type: 'password', required: true, autocomplete: 'current-password'}),
    h('p', {class: 'error form-error', role: 'alert'}),
    h('button', {type: 'submit', class: 'primary'}, 'Log in'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    try {
      ctx.onLogin(await post('/api/auth/login', formValues(form), {noRedirect: true}));
    } catch (error) {
      form.querySelector('.form-error').textContent = error.message;
    }
  });
  setChildren(main, h('div', {class: 'auth-box'}, h('h1', {}, 'Log in to pgbm'), form));
  form.querySelector('input').focus();
}
