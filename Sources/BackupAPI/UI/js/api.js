// The API client: JSON in and out, the session's CSRF token on every change, 401 → the login page.

let csrfToken = null;
let onUnauthenticated = () => {};

/** An error answer of the API: `{"error": {"code", "message", "field"}}`. */
export class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message || `HTTP ${status}`);
    this.status = status;
    this.code = code;
    this.field = field;
  }
}

export function setCsrfToken(token) { csrfToken = token || null; }
export function setUnauthenticatedHandler(handler) { onUnauthenticated = handler; }

/**
 * Calls the API. `body` is sent as JSON unless it is a Blob/File (sent raw). Answers the parsed JSON
 * (null for 204); throws ApiError for any non-2xx answer.
 */
export async function api(method, path, body, options = {}) {
  const headers = {Accept: 'application/json'};
  let payload;
  if (body instanceof Blob) {
    payload = body;
    headers['Content-Type'] = 'application/octet-stream';
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['Content-Type'] = 'application/json';
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response;
  try {
    response = await fetch(path, {method, headers, body: payload, credentials: 'same-origin', cache: 'no-store'});
  } catch (error) {
    throw new ApiError(0, 'network', `pgbm-server did not answer (${error.message})`);
  }
  if (response.status === 204) return null;
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  if (!response.ok) {
    const e = (data && data.error) || {};
    const error = new ApiError(response.status, e.code, e.message || text || response.statusText, e.field);
    if (response.status === 401 && !options.noRedirect) onUnauthenticated(error);
    throw error;
  }
  return data;
}

export const get = (path, options) => api('GET', path, undefined, options);
export const post = (path, body, options) => api('POST', path, body, options);
export const put = (path, body, options) => api('PUT', path, body, options);
export const del = (path, options) => api('DELETE', path, undefined, options);

/** A query string from an object, skipping empty values: query({a: 1, b: ''}) → '?a=1'. */
export function query(params) {
  // encodeURIComponent, not URLSearchParams: the server does not read '+' as a space.
  const parts = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  return parts.length ? `?${parts.join('&')}` : '';
}
