// Practising: a new word is first presented whole (meet.js), then practised one exercise per screen; each answer is
// stored on the phone the moment it is given (and sent when there is a connection); the summary at the end
// teaches (summary.js). Closing the app mid-session loses nothing: the session and its place are in IndexedDB and
// "Oefenen" goes on from there.

import { api } from "./api.js";
import { stopSound } from "./audio.js";
import { demoSeen, demoType, showDemo } from "./demos.js";
import { errorLine, h, show } from "./dom.js";
import { exerciseView } from "./exercise-views.js";
import { fitWords } from "./fit.js";
import { both, support } from "./hints.js";
import { meetScreen } from "./meet.js";
import { currentParts, link } from "./router.js";
import { begin, finished, freeSession, saveCurrent, startSession } from "./sessions.js";
import { saveAnswer } from "./store.js";
import { nothingScreen, summaryScreen } from "./summary.js";
import { countToday, flush, refreshCount } from "./sync.js";

const LONGEST_ANSWER = 3_600_000; // the API's limit for duration_ms

export function supportLanguage(me) {
  const languages = (me.profile && me.profile.support_languages) || [];
  return languages[0] || null;
}

function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// Still on the practice screen (the participant may have gone elsewhere while a session loaded).
const active = () => currentParts()[0] === "oefenen";

// The audio of each term in this session, for exercises that do not carry it (reading).
function audioByTerm(exercises) {
  const map = new Map();
  for (const e of exercises) {
    for (const o of e.options || []) if (o.audio_url && o.id) map.set(o.id, o.audio_url);
  }
  for (const e of exercises) {
    const url =
      (e.type === "listening" || e.type === "writing" ? e.prompt.audio_url : e.answer.model_audio_url) || null;
    if (url) map.set(e.term_id, url);
  }
  return map;
}

// `more` ("new" or "soon"): the learner asked for more once the day's work was done.
export async function practiceScreen(me, { more = null } = {}) {
  show(h("p", { class: "loading" }, "Oefeningen klaarzetten…"));
  const language = supportLanguage(me);
  let started;
  try {
    started = await startSession(me.id, { more });
  } catch (err) {
    if (active())
      show(
        errorLine(err.message),
        h("p", {}, support("error", language)),
        h("a", { class: "button secondary wide", href: link() }, both("toStart", language)),
      );
    return;
  }
  if (!active()) return;
  if (started.nothing) {
    nothingScreen(started, language, {
      onFree: async () => {
        const session = await freeSession(me.id);
        if (session) run(me, await begin(me.id, session));
      },
      onMore: (kind) => practiceScreen(me, { more: kind }),
    });
  } else run(me, started.current);
}

// The new term an exercise belongs to, when it has not been presented yet in this session.
function toMeet(current, exercise) {
  const term = (current.terms || []).find((t) => t.term_id === exercise.term_id);
  if (!term || !term.new) return null;
  return (current.presented || []).includes(term.term_id) ? null : term;
}

function run(me, current) {
  if (!active()) return;
  if (finished(current)) {
    summaryScreen(me, current, supportLanguage(me), {
      onAgain: () => practiceScreen(me),
      onMore: (kind) => practiceScreen(me, { more: kind }),
    });
    return;
  }
  const exercise = current.exercises[current.index];
  const term = toMeet(current, exercise);
  if (term) {
    meet(me, current, term);
    return;
  }
  const demo = demoType(exercise);
  if (!demoSeen(demo)) showDemo(demo, supportLanguage(me), () => present(me, current));
  else present(me, current);
}

// Show a new term whole before its first exercise; remembered in the session, so going on later does not repeat it.
function meet(me, current, term) {
  const screen = meetScreen(term, {
    language: supportLanguage(me),
    onNext: () => {
      stopSound();
      current.presented = [...(current.presented || []), term.term_id];
      saveCurrent(me.id, current)
        .catch(() => {})
        .finally(() => run(me, current));
    },
    onStop: () => {
      stopSound();
      location.hash = "";
    },
  });
  show(screen.node);
  fitWords(screen.node);
  setTimeout(() => active() && document.contains(screen.node) && screen.autoplay(), 250);
}

function present(me, current) {
  const exercise = current.exercises[current.index];
  const shownAt = Date.now();
  const audio = audioByTerm(current.exercises);
  let answered = false;
  const ctx = {
    language: supportLanguage(me),
    progress: [current.index, current.exercises.length],
    audioFor: (termId) => audio.get(termId) || null,
    async answer(result, { hintUsed = false } = {}) {
      if (answered) return;
      answered = true;
      const event = {
        id: uuid(),
        card_id: exercise.card_id,
        answered_at: new Date().toISOString(),
        result,
        hint_used: hintUsed,
        duration_ms: Math.min(Date.now() - shownAt, LONGEST_ANSWER),
      };
      current.index += 1;
      current.results.push({ card_id: exercise.card_id, term_id: exercise.term_id, type: exercise.type, result });
      try {
        await saveAnswer(me.id, event, current);
      } catch {
        // No storage on this phone (private mode): send it straight away instead.
        api("/me/reviews", { method: "POST", body: { events: [event] } }).catch(() => {});
      }
      countToday(me.id);
      await refreshCount();
      flush();
    },
    next() {
      stopSound();
      if (ctx.cleanup) ctx.cleanup();
      run(me, current);
    },
    stop() {
      stopSound();
      if (ctx.cleanup) ctx.cleanup();
      location.hash = "";
    },
    help() {
      stopSound();
      showDemo(exercise.type, supportLanguage(me), () => present(me, current), { remember: false });
    },
  };
  const node = exerciseView(exercise, ctx);
  if (!node) {
    // A type this version of the app does not know: skip it without an answer.
    current.index += 1;
    saveCurrent(me.id, current).finally(() => run(me, current));
    return;
  }
  show(node);
  fitWords(node);
  // The feedback and the comparison of a recording come later: their words are fitted as they appear.
  let pending = false;
  new MutationObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      if (document.contains(node)) fitWords(node);
    });
  }).observe(node, { childList: true, subtree: true });
  if (ctx.autoplay) setTimeout(() => active() && ctx.autoplay(), 250);
}
