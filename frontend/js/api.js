// The one fetch wrapper: JSON in and out, the bearer token, and the API's error shape turned into ApiError.

const TOKEN_KEY = "vaktaal.token";

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || "Er ging iets mis. Probeer het opnieuw.");
    this.status = status;
    this.errors = (body && body.errors) || null;
  }
  // The first field message, for forms that show one line.
  fieldMessage() {
    const json = this.errors && this.errors.json;
    if (!json || typeof json !== "object") return null;
    const first = Object.values(json)[0];
    return Array.isArray(first) ? first[0] : null;
  }
}

// No answer from the server (no network, or a proxy in between that cannot reach it): work from the phone.
export function isOffline(err) {
  return (
    err instanceof ApiError && (err.status === 0 || err.status === 502 || err.status === 503 || err.status === 504)
  );
}

export const token = {
  get: () => localStorage.getItem(TOKEN_KEY),
  set: (value) => localStorage.setItem(TOKEN_KEY, value),
  clear: () => localStorage.removeItem(TOKEN_KEY),
};

// Options beyond JSON: `text` sends a raw body (with `contentType`), `form` sends FormData (a file upload; the
// browser sets the multipart type), `paginated` returns {data, pagination} (the X-Pagination header), `blob`
// returns {blob, filename} for a download; `timeout` (ms) gives up on a slow connection as if there were none.
export async function api(
  path,
  { method = "GET", body, text, form, contentType = "text/plain", paginated = false, blob = false, timeout = 0 } = {},
) {
  const headers = { Accept: blob ? "*/*" : "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  else if (text !== undefined) headers["Content-Type"] = contentType;
  const current = token.get();
  if (current) headers.Authorization = `Bearer ${current}`;
  let response;
  const controller = timeout ? new AbortController() : null;
  const timer = controller ? setTimeout(() => controller.abort(), timeout) : null;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      body: body !== undefined ? JSON.stringify(body) : form !== undefined ? form : text,
      signal: controller ? controller.signal : undefined,
    });
  } catch {
    throw new ApiError(0, { message: "Geen verbinding. Probeer het straks opnieuw." });
  } finally {
    clearTimeout(timer);
  }
  if (response.status === 204) return null;
  if (blob && response.ok) {
    const match = (response.headers.get("Content-Disposition") || "").match(/filename="?([^";]+)"?/);
    return { blob: await response.blob(), filename: match ? match[1] : "download" };
  }
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (!response.ok) throw new ApiError(response.status, data);
  if (paginated) return { data, pagination: parsePagination(response.headers.get("X-Pagination")) };
  return data;
}

function parsePagination(header) {
  try {
    return header ? JSON.parse(header) : null;
  } catch {
    return null;
  }
}
