// Practising: one exercise per screen, each answer stored on the phone the moment it is given (and sent when
// there is a connection), a short quiet summary at the end. Closing the app mid-session loses nothing: the session
// and its place are in IndexedDB and "Oefenen" goes on from there.

import { api } from "./api.js";
import { speakWithPhone, stopSound } from "./audio.js";
import { demoSeen, showDemo } from "./demos.js";
import { errorLine, h, hidden, show } from "./dom.js";
import { exerciseView } from "./exercise-views.js";
import { currentParts, link } from "./router.js";
import { begin, finished, freeSession, prefetchNext, saveCurrent, startSession } from "./sessions.js";
import { feedbackTone } from "./sounds.js";
import { saveAnswer } from "./store.js";
import { countToday, flush, refreshCount, status } from "./sync.js";

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

export async function practiceScreen(me) {
  show(h("p", { class: "loading" }, "Oefeningen klaarzetten…"));
  let started;
  try {
    started = await startSession(me.id);
  } catch (err) {
    if (active())
      show(errorLine(err.message), h("a", { class: "button secondary wide", href: link() }, "Terug naar start"));
    return;
  }
  if (!active()) return;
  if (started.nothing) nothingScreen(me, started);
  else run(me, started.current);
}

function run(me, current) {
  if (!active()) return;
  if (finished(current)) {
    summary(me, current);
    return;
  }
  const exercise = current.exercises[current.index];
  if (!demoSeen(exercise.type)) showDemo(exercise.type, supportLanguage(me), () => present(me, current));
  else present(me, current);
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
      current.results.push({ card_id: exercise.card_id, type: exercise.type, result });
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
  if (ctx.autoplay) setTimeout(() => active() && ctx.autoplay(), 250);
}

function summary(me, current) {
  const results = current.results || [];
  const right = results.filter((r) => r.result === "correct").length;
  const close = results.filter((r) => r.result === "slip").length;
  const sent = h("p", { class: "summary-sync", role: "status" });
  const showSent = (s) => {
    sent.replaceChildren(
      ...(s.waiting
        ? [hidden("📱 "), "Je antwoorden staan op je telefoon. Ze gaan mee zodra er internet is."]
        : [hidden("✓ "), "Je antwoorden zijn verstuurd."]),
    );
  };
  showSent(status);
  show(
    h(
      "section",
      { class: "summary" },
      h("div", { class: "summary-mark", "aria-hidden": "true" }, "✓"),
      h("h1", {}, "Goed zo!"),
      h(
        "p",
        { class: "summary-count" },
        h("strong", {}, String(right)),
        ` van de ${results.length} goed`,
        close ? [h("br"), `${close} bijna goed`] : null,
      ),
      sent,
      h(
        "div",
        { class: "summary-actions" },
        h("a", { class: "button primary big-link", href: link(), id: "done" }, hidden("🏠 "), "Klaar"),
        h(
          "button",
          { type: "button", class: "secondary big", id: "again", onclick: () => practiceScreen(me) },
          hidden("▶️ "),
          "Nog een ronde",
        ),
      ),
    ),
  );
  feedbackTone("correct").then(() => speakWithPhone("Goed zo!"));
  flush().then((s) => {
    showSent(s);
    if (!s.waiting) prefetchNext(me.id, { replace: true });
  });
}

// Nothing to practise from the server (all done for now, or no connection): offer free practice of the cards the
// phone holds; those answers are sent like any other.
function nothingScreen(me, { nothing, free }) {
  const done = nothing === "done";
  const freeButton = h(
    "button",
    {
      type: "button",
      class: "primary big",
      id: "free",
      onclick: async () => {
        const session = await freeSession(me.id);
        if (session) run(me, await begin(me.id, session));
      },
    },
    hidden("🔁 "),
    "Vrij oefenen",
  );
  show(
    h(
      "section",
      { class: "summary nothing" },
      h("div", { class: "summary-mark", "aria-hidden": "true" }, done ? "✓" : "📶"),
      done
        ? [h("h1", {}, "Alles geoefend voor nu"), h("p", {}, "Straks of morgen zijn er weer nieuwe oefeningen.")]
        : [
            h("h1", {}, "Geen internet"),
            h("p", {}, free ? "Oefen met de woorden op je telefoon." : "Oefenen kan zodra er verbinding is."),
          ],
      free ? h("p", { class: "muted" }, "Vrij oefenen: woorden die je al kent, nog een keer.") : null,
      h(
        "div",
        { class: "summary-actions" },
        free ? freeButton : null,
        h(
          "a",
          { class: `button ${free ? "secondary" : "primary"} big-link`, href: link() },
          hidden("🏠 "),
          "Naar start",
        ),
      ),
    ),
  );
}
