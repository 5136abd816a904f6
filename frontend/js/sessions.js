// Which session to practise: the one in progress, a fresh one from the server, the one the phone kept ready, or,
// without a connection and with both done, free practice of the cards the phone already holds. The next session
// and the audio of every session are kept on the phone (IndexedDB and Cache Storage). A session kept from before
// the teacher assigned new terms or corrected one is replaced (the server's "anything new?", /me/today), so new
// words from work and corrections come at once. Once the day's work is done a learner may ask for more: new words
// or what comes back soon.

import { api, isOffline } from "./api.js";
import { deleteState, getState, heldCards, holdCards, setState } from "./store.js";
import { flush } from "./sync.js";

export const SESSION_SIZE = 20;
const FREE_SIZE = 10;
const FETCH_TIMEOUT = 12_000;
const FALLBACK_TIMEOUT = 5_000;
const TODAY_TIMEOUT = 3_000;
// The service worker serves audio from this cache (cache-first); its name is shared with sw.js.
export const AUDIO_CACHE = "vaktaal-audio";
const AUDIO_KEEP = 1500;

const key = (user, name) => `${user}:${name}`;

export function currentSession(user) {
  return getState(key(user, "current"));
}

export function saveCurrent(user, current) {
  return setState(key(user, "current"), current);
}

export function finished(current) {
  return !current || current.index >= current.exercises.length;
}

function newCurrent(session, kind) {
  return {
    id: session.id,
    kind, // "server", "kept" (the session kept ready) or "free"
    exercises: session.exercises,
    terms: session.terms || [], // as the presentation of a new word and the summary show them
    presented: [], // the new terms presented so far
    index: 0,
    results: [],
    started_at: new Date().toISOString(),
  };
}

// "Anything new?": the day's outlook from the server (null without a connection). Never throws.
export async function today(timeout = TODAY_TIMEOUT) {
  try {
    return await api("/me/today", { timeout });
  } catch {
    return null;
  }
}

// A kept session is out of date when terms were assigned after it was made (they should come first), or when a
// term the learner practises was corrected since (it would show the old text once more).
function outdated(kept, day) {
  if (!day || !kept.created_at) return false;
  const made = Date.parse(kept.created_at);
  const after = (time) => Boolean(time) && Date.parse(time) > made;
  return (day.assigned_waiting > 0 && after(day.assigned_latest)) || after(day.terms_changed_latest);
}

// Every audio URL an exercise may play.
export function audioUrls(exercise) {
  const urls = [
    exercise.prompt && exercise.prompt.audio_url,
    exercise.answer.audio_url,
    exercise.answer.model_audio_url,
    exercise.answer.example_audio_url,
  ];
  for (const option of exercise.options || []) urls.push(option.audio_url);
  return urls.filter(Boolean);
}

// Put the audio in the cache the service worker reads, a few at a time; already cached audio is not fetched again.
export async function cacheAudio(exercises) {
  if (!("caches" in window)) return;
  const urls = [...new Set(exercises.flatMap(audioUrls))];
  const cache = await caches.open(AUDIO_CACHE);
  const queue = [...urls];
  const worker = async () => {
    while (queue.length) {
      const url = queue.shift();
      try {
        if (await cache.match(url)) continue;
        const response = await fetch(url);
        if (response.ok) await cache.put(url, response);
      } catch {
        // Offline or no audio for this term: the phone's own voice speaks instead.
      }
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  await pruneAudio(cache);
}

async function pruneAudio(cache) {
  const keys = await cache.keys();
  for (const request of keys.slice(0, Math.max(0, keys.length - AUDIO_KEEP))) await cache.delete(request);
}

async function fetchSession(user, timeout = FETCH_TIMEOUT, exclude = [], more = null) {
  const body = { size: SESSION_SIZE, exclude_card_ids: exclude.slice(0, 200), more };
  const session = await api("/me/sessions", { method: "POST", body, timeout });
  session.fetched_at = new Date().toISOString();
  await holdCards(user, session.exercises, session.terms);
  return session;
}

// Keep the next session ready on the phone, with its audio (replacing an older one). Never throws.
export async function prefetchNext(user, { replace = false } = {}) {
  try {
    if (!replace && (await getState(key(user, "next")))) return;
    // The server skips the cards of the session in hand, so the next one does not repeat its due cards.
    const current = await currentSession(user);
    const held = current && !finished(current) ? current.exercises.map((e) => e.card_id) : [];
    const session = await fetchSession(user, FETCH_TIMEOUT, held);
    if (session.exercises.length) {
      await setState(key(user, "next"), session);
      await cacheAudio(session.exercises);
    }
  } catch {
    // Offline: the phone practises with what it has.
  }
}

// Cards answered on this phone after `since` (so a session kept from before would repeat them).
async function answeredSince(user, since) {
  const cards = await heldCards(user);
  return new Set(cards.filter((c) => c.last_answered_at && c.last_answered_at > since).map((c) => c.card_id));
}

// Free practice: the cards held longest without an answer first (already met: nothing is presented).
export async function freeSession(user) {
  const cards = await heldCards(user);
  cards.sort((a, b) => (a.last_answered_at || "").localeCompare(b.last_answered_at || "") || a.card_id - b.card_id);
  const chosen = cards.slice(0, FREE_SIZE);
  const terms = [...new Map(chosen.filter((c) => c.term).map((c) => [c.term.term_id, c.term])).values()];
  // Each card's mastery as the server last said it, so the summary tells only what moved in this session.
  const exercises = chosen.map((c) => ({ ...c.exercise, mastery: c.mastery || c.exercise.mastery }));
  const session = { id: `vrij-${Date.now()}`, exercises, terms: terms.map((t) => ({ ...t, new: false })) };
  return exercises.length ? newCurrent(session, "free") : null;
}

// The session to practise now. Resolves to {current} or {nothing: "done" | "offline", free, today}: "done" when the
// server has nothing for now (`today` says what the learner may ask for and what tomorrow brings), "offline" when
// there is no connection and nothing left to practise; `free` tells whether the phone holds cards to practise
// freely. `more` ("new" or "soon") asks the server for more once the day's work is done.
export async function startSession(user, { more = null } = {}) {
  const current = await currentSession(user);
  if (!more && !finished(current)) return { current };
  const kept = more ? null : await getState(key(user, "next"));
  let usable = [];
  if (kept) {
    const answered = await answeredSince(user, kept.fetched_at);
    usable = kept.exercises.filter((e) => !answered.has(e.card_id));
  }
  let started = null;
  if (kept && usable.length === kept.exercises.length && !outdated(kept, await today())) {
    // Kept after the last answers were sent, and before no new terms from work: nothing in it is stale.
    started = newCurrent(kept, "kept");
  } else {
    await flush();
    try {
      // Quicker to give up on a slow connection when the phone has something to practise meanwhile.
      const session = await fetchSession(user, usable.length ? FALLBACK_TIMEOUT : FETCH_TIMEOUT, [], more);
      if (!session.exercises.length) {
        await deleteState(key(user, "next"));
        return { nothing: "done", today: session.today, free: (await heldCards(user)).length > 0 };
      }
      started = newCurrent(session, "server");
    } catch (err) {
      if (!isOffline(err) && err.status !== 401) throw err;
      if (usable.length) {
        const terms = (kept.terms || []).filter((t) => usable.some((e) => e.term_id === t.term_id));
        started = newCurrent({ id: kept.id, exercises: usable, terms }, "kept");
      }
    }
  }
  if (!started) return { nothing: "offline", free: (await heldCards(user)).length > 0 };
  return { current: await begin(user, started) };
}

// Make `current` the session in progress (stored, its audio cached) and keep the next one ready.
export async function begin(user, current) {
  if (current.kind !== "free") await deleteState(key(user, "next")).catch(() => {});
  await saveCurrent(user, current);
  cacheAudio(current.exercises).catch(() => {});
  if (current.kind !== "free") prefetchNext(user);
  return current;
}
