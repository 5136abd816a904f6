// Sending the outbox: when the app opens, when the phone comes online, after each answer and after a session, and
// again a little later while answers wait. Answers are only ever removed from the outbox once the server has them
// (accepted or a duplicate of one it has), so a lost connection or an expired login never loses one.

import { ApiError, api, isOffline, token } from "./api.js";
import { noteCards, outbox, outboxCount, removeFromOutbox } from "./store.js";

const BATCH = 500; // the API takes up to 500 answers per request
const RETRY_FIRST = 15_000;
const RETRY_MAX = 5 * 60_000;

let user = null;
let running = null;
let again = null;
let retryTimer = null;
let retryDelay = RETRY_FIRST;
const listeners = new Set();
// `known`: the outbox has been counted (until then the indicator says nothing rather than something untrue).
export const status = { known: false, waiting: 0, offline: false, loginNeeded: false, rejected: 0 };

function emit() {
  for (const listener of listeners) listener({ ...status });
}

// Call `listener(status)` now and on every change; returns a function that stops it.
export function onStatus(listener) {
  listeners.add(listener);
  listener({ ...status });
  return () => listeners.delete(listener);
}

// The participant whose answers this phone sends (null after logging out: nothing is sent).
export function setUser(id) {
  user = id;
  status.known = false;
  status.loginNeeded = false;
  retryDelay = RETRY_FIRST;
  refreshCount();
}

export async function refreshCount() {
  if (user === null) {
    status.waiting = 0;
    status.known = false;
  } else {
    try {
      status.waiting = await outboxCount(user);
      status.known = true;
    } catch {
      status.waiting = 0;
    }
  }
  emit();
  return status.waiting;
}

function scheduleRetry() {
  clearTimeout(retryTimer);
  retryTimer = setTimeout(() => flush(), retryDelay);
  retryDelay = Math.min(retryDelay * 2, RETRY_MAX);
}

async function sendAll() {
  const id = user;
  // Until the outbox is empty: answers given while a batch was on its way go in the next one.
  for (;;) {
    const events = await outbox(id, BATCH);
    if (!events.length || !token.get()) break;
    const response = await api("/me/reviews", { method: "POST", body: { events }, timeout: 30_000 });
    const settled = [];
    for (const result of response.results) {
      if (result.status === "accepted" || result.status === "duplicate") settled.push(result.id);
      else if (result.status === "rejected") {
        // The server will never take this one (a card that is gone, a clock far ahead): keep it out of the way.
        settled.push(result.id);
        status.rejected += 1;
        console.warn("Antwoord geweigerd", result.id, result.reason);
      }
    }
    await removeFromOutbox(settled);
    if (response.cards && response.cards.length) await noteCards(id, response.cards).catch(() => {});
    if (!settled.length) break;
  }
}

async function run() {
  clearTimeout(retryTimer);
  if (user === null) return { ...status };
  try {
    if (token.get()) await sendAll();
    status.offline = false;
    retryDelay = RETRY_FIRST;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      // The login expired or was revoked: the answers stay on the phone until the participant logs in again.
      status.loginNeeded = true;
    } else if (isOffline(err)) {
      status.offline = true;
    }
  }
  await refreshCount();
  if (status.waiting && !status.loginNeeded) scheduleRetry();
  return { ...status };
}

// Send what waits; one run at a time (a call during a run gets a run after it). Resolves to the status
// afterwards, never rejects.
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
  if (document.visibilityState === "visible" && status.waiting) flush();
});

// Answers given per day on this phone (the participant's own days), so the home screen can show today and this
// week without a connection.
const daysKey = (id) => `vaktaal.days.${id}`;

export function localDay(date = new Date()) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function practisedDays(id) {
  try {
    return JSON.parse(localStorage.getItem(daysKey(id)) || "{}");
  } catch {
    return {};
  }
}

export function countToday(id) {
  const days = practisedDays(id);
  const today = localDay();
  days[today] = (days[today] || 0) + 1;
  const kept = Object.keys(days).sort().slice(-14);
  localStorage.setItem(daysKey(id), JSON.stringify(Object.fromEntries(kept.map((d) => [d, days[d]]))));
}
