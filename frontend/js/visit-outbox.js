// The outbox of visits: a visit and the words heard there are saved on the phone first (IndexedDB, with ids the
// phone makes) and sent when there is a connection: on opening, on the `online` event, right after saving, and
// again with a back-off up to 5 minutes. In order: the visit, then its words, then each word's photo and recording.
// The server answers a retry with what the first sending made (the client ids), so sending twice makes one visit.
// Nothing leaves the outbox before the server has it. A refusal never blocks the rest: a new word the lists turn out
// to have is sent as the existing word and the teacher is told; any other refusal waits, with its reason, for the
// teacher to throw it away. A screen may wait a moment for its own item (`wait`): then a refusal comes back to the
// form (and leaves the outbox) instead, so the teacher can fix it there.

import { ApiError, api, isOffline, token } from "./api.js";
import { refreshCopies, rememberTerm } from "./term-cache.js";
import { termTitle } from "./term-view.js";
import { all, get, put, remove, update } from "./visit-db.js";

const KEEP_SENT_VISITS = 30 * 24 * 60 * 60_000; // a sent visit's id stays known this long (to add words offline)
const RETRY_FIRST = 15_000;
const RETRY_MAX = 5 * 60_000;
const SEND_TIMEOUT = 20_000;
const FILE_TIMEOUT = 90_000;
// Screens loaded on demand that a teacher needs without a connection: the service worker keeps them (and what they
// import) in every later version of the app shell on this phone.
const OFFLINE_MODULES = [
  "/static/js/workplaces.js",
  "/static/js/visits.js",
  "/static/js/visit-outbox.js",
  "/static/js/staff-outbox.js",
];
const FILES = ["photo", "recording"];

let user = null;
let running = null;
let again = null;
let retryTimer = null;
let retryDelay = RETRY_FIRST;
const listeners = new Set();
const waiting = new Map(); // client id -> resolve(outcome) of a screen waiting for its item
// `visits`, `words`, `photos`, `recordings`: waiting to be sent; `failed`: refused, waiting for the teacher.
export const status = {
  known: false,
  visits: 0,
  words: 0,
  photos: 0,
  recordings: 0,
  failed: 0,
  sending: false,
  offline: false,
  loginNeeded: false,
};

// Call `listener(status, event)` now and on every change (`event`: {kind: "word", record, observation} when a word
// was sent); returns a function that stops it.
export function onChange(listener) {
  listeners.add(listener);
  listener({ ...status }, null);
  return () => listeners.delete(listener);
}

function emit(event = null) {
  for (const listener of listeners) listener({ ...status }, event);
}

export function newId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const isClientId = (text) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(String(text));

function keepModules() {
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker.ready
    .then((registration) => registration.active?.postMessage({ type: "keep", urls: OFFLINE_MODULES }))
    .catch(() => {});
}

// The teacher (or coach) logged in on this phone: their outbox is sent, their copies fetched when old.
export function start(id) {
  if (user === id) return flush();
  user = id;
  status.known = false;
  status.loginNeeded = false;
  retryDelay = RETRY_FIRST;
  keepModules();
  refreshCopies(id);
  prune(id).catch(() => {});
  return flush();
}

// Visits sent long ago with nothing of theirs left on the phone are forgotten.
async function prune(id) {
  const words = await all("observations", id);
  const old = Date.now() - KEEP_SENT_VISITS;
  for (const visit of await all("visits", id)) {
    const used = words.some((w) => w.visit_client_id === visit.client_id);
    if (visit.server_id && visit.created < old && !used) await remove("visits", visit.client_id);
  }
}

export async function recount() {
  if (user === null) return;
  try {
    const [visits, words] = await Promise.all([all("visits", user), all("observations", user)]);
    const failedVisits = new Set(visits.filter((v) => v.failed).map((v) => v.client_id));
    const stuck = (o) => o.failed || failedVisits.has(o.visit_client_id);
    const open = words.filter((o) => !o.done && !stuck(o));
    status.visits = visits.filter((v) => !v.server_id && !v.failed).length;
    status.words = open.filter((o) => !o.server_id).length;
    status.photos = open.filter((o) => o.photo && !o.photo_sent).length;
    status.recordings = open.filter((o) => o.recording && !o.recording_sent).length;
    status.failed = failedVisits.size + words.filter((o) => o.failed).length;
    status.known = true;
  } catch {
    status.known = false;
  }
}

// Save a visit made on this phone ({workplace, date, notes, participant_ids, participants}) and send it. With
// `wait` (ms) the promise tells what became of it within that time: {sent}, {refused: ApiError} or {waiting}.
export async function saveVisit(fields, { wait = 0 } = {}) {
  const record = { ...fields, client_id: newId(), user, created: Date.now(), server_id: null, failed: null };
  await put("visits", record);
  return { record, outcome: await afterSaving(record.client_id, wait) };
}

// Save a word heard on a visit ({visit_client_id or visit_id, sector, label, body, photo, recording}) and send it.
export async function saveObservation(fields, { wait = 0 } = {}) {
  const record = {
    ...fields,
    client_id: newId(),
    user,
    created: Date.now(),
    server_id: null,
    photo_sent: false,
    recording_sent: false,
    failed: null,
    note: null,
    done: false,
  };
  await put("observations", record);
  return { record, outcome: await afterSaving(record.client_id, wait) };
}

async function afterSaving(clientId, wait) {
  await recount();
  emit();
  if (!wait) {
    flush();
    return { waiting: true };
  }
  const outcome = new Promise((resolve) => waiting.set(clientId, resolve));
  const timer = setTimeout(() => settle(clientId, { waiting: true }), wait);
  flush().then(() => settle(clientId, { waiting: true }));
  return outcome.finally(() => clearTimeout(timer));
}

function settle(clientId, outcome) {
  const resolve = waiting.get(clientId);
  if (resolve) {
    waiting.delete(clientId);
    resolve(outcome);
  }
}

// The server will never take this request as it is (a 4xx other than a lost login or too many requests).
function refused(err) {
  return err instanceof ApiError && err.status >= 400 && err.status < 500 && ![401, 408, 429].includes(err.status);
}

// What to tell the teacher: a word's field ("Vul de Nederlandse term in."), a visit's own message.
function reason(err, field = true) {
  return (field && err.fieldMessage()) || err.message;
}

async function sendVisit(visit) {
  const body = {
    client_id: visit.client_id,
    workplace_id: visit.workplace.id,
    date: visit.date,
    notes: visit.notes,
    participant_ids: visit.participant_ids,
  };
  try {
    const sent = await api("/visits", { method: "POST", body, timeout: SEND_TIMEOUT });
    visit.server_id = sent.id;
    await update("visits", visit.client_id, (r) => {
      r.server_id = sent.id;
    });
    settle(visit.client_id, { sent });
    emit({ kind: "visit", record: visit, visit: sent });
  } catch (err) {
    if (!refused(err)) throw err;
    if (waiting.has(visit.client_id)) {
      await remove("visits", visit.client_id);
      settle(visit.client_id, { refused: err });
    } else {
      visit.failed = reason(err, false);
      await update("visits", visit.client_id, (r) => {
        r.failed = visit.failed;
      });
    }
  }
}

// The term the lists have, when a new word typed offline turns out to be there already (the server said 409).
async function existingTerm(word) {
  const params = new URLSearchParams({ term: word.body.term, sector: word.sector || "" });
  if (word.body.pos) params.set("pos", word.body.pos);
  if (word.body.article) params.set("article", word.body.article);
  const check = await api(`/terms/check?${params}`, { timeout: SEND_TIMEOUT });
  return check.existing[0] || null;
}

async function sendWord(word, visitId, replaced = false) {
  try {
    const sent = await api(`/visits/${visitId}/observations`, {
      method: "POST",
      body: { ...word.body, client_id: word.client_id },
      timeout: SEND_TIMEOUT,
    });
    word.server_id = sent.id;
    word.sent = sent;
    word.advice = sent.suggestions;
    await update("observations", word.client_id, (r) => {
      r.server_id = sent.id;
      r.sent = sent;
      r.advice = sent.suggestions;
      r.body = word.body;
      r.label = word.label;
      r.note = word.note;
    });
    rememberTerm(user, sent.term).catch(() => {});
  } catch (err) {
    if (!refused(err)) throw err;
    if (waiting.has(word.client_id)) {
      await remove("observations", word.client_id);
      settle(word.client_id, { refused: err });
      return;
    }
    const duplicate = err.status === 409 && word.body.term && err.errors?.json?.term;
    const existing = duplicate && !replaced ? await existingTerm(word) : null;
    if (existing) {
      // Typed as new without a connection, but the lists have it: the word heard is that one.
      word.note = `Je typte „${word.body.term}”. Dat woord stond al in de lijst: „${termTitle(existing)}” is gebruikt.`;
      word.label = termTitle(existing);
      word.body = { term_id: existing.id, context: word.body.context, participant_ids: word.body.participant_ids };
      // Kept before sending: a retry after a lost answer must send this same request again.
      await update("observations", word.client_id, (r) => {
        r.body = word.body;
        r.label = word.label;
        r.note = word.note;
      });
      return sendWord(word, visitId, true);
    }
    word.failed = reason(err);
    await update("observations", word.client_id, (r) => {
      r.failed = word.failed;
    });
  }
}

async function sendFiles(word) {
  for (const field of FILES) {
    if (!word[field] || word[`${field}_sent`]) continue;
    const form = new FormData();
    form.append("file", word[field], word[`${field}_name`] || field);
    try {
      word.sent = await api(`/observations/${word.server_id}/${field}`, {
        method: "POST",
        form,
        timeout: FILE_TIMEOUT,
      });
    } catch (err) {
      if (!refused(err)) throw err;
      // The word is saved; a photo or recording the server cannot use is not kept waiting.
      const what = field === "photo" ? "De foto" : "De opname";
      word.note = [word.note, `${what} bij „${word.label}” is niet opgeslagen: ${reason(err)}`]
        .filter(Boolean)
        .join(" ");
    }
    word[`${field}_sent`] = true;
    await update("observations", word.client_id, (r) => {
      r[`${field}_sent`] = true;
      r.sent = word.sent;
      r.note = word.note;
    });
  }
}

// A word fully sent leaves the outbox; one with something to tell the teacher stays (without its files) until read.
async function finish(word) {
  if (word.note) {
    await update("observations", word.client_id, (r) => {
      r.done = true;
      r.photo = null;
      r.recording = null;
    });
  } else {
    await remove("observations", word.client_id);
  }
  settle(word.client_id, { sent: word.sent, note: word.note, advice: word.advice || [] });
  emit({ kind: "word", record: word, observation: word.sent });
}

async function sendAll() {
  const visits = await all("visits", user);
  for (const visit of visits) {
    if (!visit.server_id && !visit.failed) await sendVisit(visit);
  }
  const sentVisits = new Map(visits.filter((v) => v.server_id).map((v) => [v.client_id, v.server_id]));
  for (const word of await all("observations", user)) {
    if (word.done || word.failed) continue;
    const visitId = word.visit_id || sentVisits.get(word.visit_client_id);
    if (!visitId) continue; // its visit is not sent yet (or was refused)
    if (!word.server_id) await sendWord(word, visitId);
    if (word.failed || !word.server_id) continue;
    await sendFiles(word);
    await finish(word);
  }
}

export function waitingCount(s) {
  return s.visits + s.words + s.photos + s.recordings;
}

function scheduleRetry() {
  clearTimeout(retryTimer);
  retryTimer = setTimeout(() => flush(), retryDelay);
  retryDelay = Math.min(retryDelay * 2, RETRY_MAX);
}

async function run() {
  clearTimeout(retryTimer);
  if (user === null) return { ...status };
  await recount();
  const pending = waitingCount(status) > 0;
  if (pending && token.get()) {
    status.sending = true;
    emit();
    try {
      await sendAll();
      status.offline = false;
      status.loginNeeded = false;
      retryDelay = RETRY_FIRST;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) status.loginNeeded = true;
      else status.offline = isOffline(err) || !(err instanceof ApiError) || err.status >= 500;
    }
    status.sending = false;
  }
  await recount();
  emit();
  if (waitingCount(status) > 0 && !status.loginNeeded) scheduleRetry();
  return { ...status };
}

// Send what waits; one run at a time (a call during a run gets a run after it). Never rejects.
export function flush() {
  if (running) {
    again =
      again ||
      running.then(() => {
        again = null;
        return flush();
      });
    return again;
  }
  running = run().finally(() => {
    running = null;
  });
  return running;
}

window.addEventListener("online", () => flush());
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible" && waitingCount(status) > 0) flush();
});

// What the screens show.

export function localVisit(clientId) {
  return get("visits", clientId);
}

export async function visitWithServerId(id) {
  if (user === null) return null;
  return (await all("visits", user)).find((v) => v.server_id === id) || null;
}

// The words of one visit still on the phone (waiting, refused, or sent with something to tell), oldest first.
export async function wordsOf({ clientId = null, serverId = null }) {
  if (user === null) return [];
  return (await all("observations", user)).filter(
    (o) => (clientId && o.visit_client_id === clientId) || (serverId && o.visit_id === serverId),
  );
}

// Throw away a refused word, or a refused visit with its words (the teacher asked and confirmed); or put away a
// sent word's message once read.
export async function discard(clientId) {
  const visit = await get("visits", clientId);
  if (visit) {
    for (const word of await wordsOf({ clientId })) await remove("observations", word.client_id);
    await remove("visits", clientId);
  } else {
    await remove("observations", clientId);
  }
  await recount();
  emit();
}

// Plain Dutch for what waits: "1 bezoek en 2 woorden wachten op internet".
export function waitingText(s) {
  const parts = [];
  if (s.visits) parts.push(s.visits === 1 ? "1 bezoek" : `${s.visits} bezoeken`);
  if (s.words) parts.push(s.words === 1 ? "1 woord" : `${s.words} woorden`);
  if (s.photos) parts.push(s.photos === 1 ? "1 foto" : `${s.photos} foto's`);
  if (s.recordings) parts.push(s.recordings === 1 ? "1 opname" : `${s.recordings} opnames`);
  if (!parts.length) return "";
  const count = waitingCount(s);
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(", ")} en ${parts.at(-1)}` : parts[0];
  if (s.loginNeeded) return `${list} ${count === 1 ? "wacht" : "wachten"} tot je weer inlogt`;
  if (s.sending) return `${list} ${count === 1 ? "wordt" : "worden"} verstuurd…`;
  return `${list} ${count === 1 ? "wacht" : "wachten"} op internet`;
}
