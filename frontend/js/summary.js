// The end of a session teaches: the words that went well and the ones to practise again (each with its sound), the
// skills that moved (a card that became known or mastered), the week, and what comes next: another round, or, when
// the day's work is done, what tomorrow brings and more on request (new words, or what comes back soon). The same
// outlook answers "Oefenen" when there is nothing to practise.

import { playButton, speakWithPhone } from "./audio.js";
import { h, hidden, show } from "./dom.js";
import { fitWords } from "./fit.js";
import { MASTERY_NAMES, SKILL_ICONS, SKILL_NAMES, both, nl, support } from "./hints.js";
import { loadProgress, weekCard } from "./home.js";
import { link } from "./router.js";
import { prefetchNext, today } from "./sessions.js";
import { feedbackTone } from "./sounds.js";
import { heldCards } from "./store.js";
import { flush, status } from "./sync.js";

const RANK = { new: 0, learning: 1, known: 2, mastered: 3 };
const SUMMARY_TODAY_TIMEOUT = 6_000;

function words(n, one = "woord", many = "woorden") {
  return `${n} ${n === 1 ? one : many}`;
}

function clock(iso) {
  const at = new Date(iso);
  return `${String(at.getHours()).padStart(2, "0")}:${String(at.getMinutes()).padStart(2, "0")}`;
}

// The session's terms by id: as the server sent them, else pieced together from the exercises (a session kept by an
// older version of the app).
function termsOf(current) {
  const terms = new Map((current.terms || []).map((t) => [t.term_id, t]));
  for (const e of current.exercises) {
    if (terms.has(e.term_id)) continue;
    const option = (e.options || []).find((o) => o.id === e.term_id);
    const text = (e.answer && e.answer.text) || (e.prompt && e.prompt.text) || (option && option.label) || "";
    const audio = (e.prompt && e.prompt.audio_url) || (e.answer && e.answer.model_audio_url) || null;
    terms.set(e.term_id, { term_id: e.term_id, text, emoji: (e.prompt && e.prompt.emoji) || null, audio_url: audio });
  }
  return terms;
}

// Terms answered right every time this session, and terms with a slip or a wrong answer, in the session's order.
function outcome(current) {
  const byCard = new Map(current.exercises.map((e) => [e.card_id, e.term_id]));
  const missed = new Set();
  const seen = [];
  for (const r of current.results || []) {
    const termId = r.term_id || byCard.get(r.card_id);
    if (termId === undefined) continue;
    if (!seen.includes(termId)) seen.push(termId);
    if (r.result !== "correct") missed.add(termId);
  }
  return { right: seen.filter((id) => !missed.has(id)), again: seen.filter((id) => missed.has(id)) };
}

function wordList(ids, terms, cls) {
  return h(
    "ul",
    { class: `summary-words ${cls}` },
    ids.map((id) => {
      const term = terms.get(id);
      return h(
        "li",
        {},
        h("span", { class: "sw-emoji", "aria-hidden": "true" }, term.emoji || ""),
        h("span", { class: "sw-text", lang: "nl", dir: "ltr" }, term.text),
        playButton(term.audio_url, term.text),
      );
    }),
  );
}

function part(name, language, body, cls = "") {
  return h("section", { class: `summary-part ${cls}` }, h("h2", {}, both(name, language)), body);
}

// Cards of this session that became known or mastered: the server's word after the answers were sent.
async function movedSkills(me, current, terms, language) {
  const held = new Map((await heldCards(me.id)).map((row) => [row.card_id, row]));
  const items = [];
  for (const exercise of current.exercises.slice(0, current.index)) {
    const row = held.get(exercise.card_id);
    const after = row && row.mastery;
    const before = exercise.mastery || "new";
    if (!after || RANK[after] < RANK.known || RANK[after] <= RANK[before]) continue;
    const skill = exercise.skill || exercise.type;
    const term = terms.get(exercise.term_id);
    items.push(
      h(
        "li",
        {},
        h("span", { class: "sw-emoji", "aria-hidden": "true" }, SKILL_ICONS[skill] || ""),
        h(
          "span",
          { class: "moved-text" },
          h("span", { class: "sw-text", lang: "nl", dir: "ltr" }, term ? term.text : ""),
          h(
            "span",
            { class: "moved-skill" },
            `${SKILL_NAMES[skill] ? SKILL_NAMES[skill].nl : skill}: ${MASTERY_NAMES[after].nl}`,
            support(after, language, "support", MASTERY_NAMES),
          ),
        ),
      ),
    );
  }
  return items.length ? part("nowKnown", language, h("ul", { class: "summary-words moved" }, items), "moved") : null;
}

function tomorrowLine(day) {
  const parts = [];
  if (day.tomorrow_due) parts.push(`${words(day.tomorrow_due)} herhalen`);
  if (day.tomorrow_new) parts.push(`${day.tomorrow_new} ${day.tomorrow_new === 1 ? "nieuw woord" : "nieuwe woorden"}`);
  return parts.length ? `Morgen: ${parts.join(" en ")}.` : "Morgen: geen nieuwe woorden. Oefen als je wilt.";
}

// Words come back later today (a learning step): "for now", not "for today".
const laterToday = (day) => Boolean(day.due_today > 0 && day.next_due);

// What the day holds once a session would be empty: when words come back, what tomorrow brings, and more on request.
function outlookBlock(day, language, onMore, { titled = true } = {}) {
  const later = laterToday(day);
  const choices = [];
  if (day.more_new > 0) {
    choices.push(
      h(
        "button",
        { type: "button", class: "secondary big more", id: "more-new", onclick: () => onMore("new") },
        label("➕", "moreNew", language),
        h("span", { class: "more-sub" }, `Vandaag kan het nog: ${words(day.more_new)}`),
      ),
    );
  }
  if (day.due_soon > 0) {
    choices.push(
      h(
        "button",
        { type: "button", class: "secondary big more", id: "more-soon", onclick: () => onMore("soon") },
        label("🔁", "soon", language),
        h(
          "span",
          { class: "more-sub" },
          `${day.due_soon} ${day.due_soon === 1 ? "oefening komt" : "oefeningen komen"} straks terug`,
        ),
      ),
    );
  }
  return h(
    "section",
    { class: "outlook", "aria-labelledby": titled ? "outlook-title" : null },
    titled
      ? h(
          "h2",
          { id: "outlook-title" },
          hidden(later ? "⏳ " : "✓ "),
          both(later ? "doneForNow" : "doneToday", language),
        )
      : null,
    later ? h("p", {}, `Om ${clock(day.next_due)} komen er weer woorden terug.`) : null,
    h("p", { class: "tomorrow" }, tomorrowLine(day), support("tomorrow", language)),
    choices.length ? h("div", { class: "more-choices" }, choices) : null,
  );
}

function syncLine(s, language) {
  return [hidden(s.waiting ? "📱 " : "✓ "), ...both(s.waiting ? "onPhone" : "sent", language)].filter(Boolean);
}

// A button's words: an icon and the Dutch on one line, the support language under it.
function label(icon, name, language) {
  return [
    h("span", { class: "both-nl" }, hidden(`${icon} `), nl(name)),
    support(name, language, "support both-support"),
  ];
}

// `onAgain()` starts another round, `onMore(kind)` asks for more ("new" or "soon").
export function summaryScreen(me, current, language, { onAgain, onMore }) {
  const results = current.results || [];
  const right = results.filter((r) => r.result === "correct").length;
  const close = results.filter((r) => r.result === "slip").length;
  const terms = termsOf(current);
  const { right: good, again } = outcome(current);
  const sent = h("p", { class: "summary-sync", role: "status" }, syncLine(status, language));
  const moved = h("div", { class: "moved-slot" });
  const week = h("div", { class: "week-slot" });
  const next = h("div", { class: "next-slot" });
  const againButton = h(
    "button",
    { type: "button", class: "secondary big", id: "again", onclick: onAgain },
    label("▶️", "roundAgain", language),
  );
  next.replaceChildren(againButton);
  const section = h(
    "section",
    { class: "summary", "aria-labelledby": "summary-title" },
    h("div", { class: "summary-mark", "aria-hidden": "true" }, "✓"),
    h("h1", { id: "summary-title" }, both("wellDone", language)),
    h(
      "p",
      { class: "summary-count" },
      h("strong", {}, String(right)),
      ` van de ${results.length} goed`,
      close ? [h("br"), `${close} bijna goed`] : null,
    ),
    good.length ? part("learned", language, wordList(good, terms, "right"), "right") : null,
    again.length ? part("again", language, wordList(again, terms, "again"), "again") : null,
    moved,
    week,
    sent,
    next,
    h(
      "div",
      { class: "summary-actions" },
      h("a", { class: "button primary big-link", href: link(), id: "done" }, label("🏠", "finish", language)),
    ),
  );
  show(section);
  fitWords(section);
  feedbackTone("correct").then(() => speakWithPhone(nl("wellDone")));
  loadProgress(me)
    .then((data) => week.replaceChildren(weekCard(data, language)))
    .catch(() => {});
  flush().then(async (s) => {
    sent.replaceChildren(...syncLine(s, language));
    const skills = await movedSkills(me, current, terms, language).catch(() => null);
    if (skills) {
      moved.replaceChildren(skills);
      fitWords(moved);
    }
    if (s.waiting) return;
    const day = await today(SUMMARY_TODAY_TIMEOUT);
    if (day && day.done_for_now) next.replaceChildren(outlookBlock(day, language, onMore));
    // Then the next session is made ready on the phone (after the outlook: it introduces today's next words).
    prefetchNext(me.id, { replace: true });
  });
}

// Nothing to practise from the server (all done for now, or no connection): say what the day holds and offer more,
// or, offline, free practice of the cards the phone holds (those answers are sent like any other).
export function nothingScreen(started, language, { onFree, onMore }) {
  const done = started.nothing === "done";
  const day = started.today;
  // Free practice repeats what the phone holds: for when there is no connection, or nothing more to ask for.
  const free = started.free && (!done || !day || !(day.more_new > 0 || day.due_soon > 0));
  const freeButton = h(
    "button",
    { type: "button", class: "primary big", id: "free", onclick: onFree },
    label("🔁", "free", language),
  );
  show(
    h(
      "section",
      { class: "summary nothing", "aria-labelledby": "nothing-title" },
      h("div", { class: "summary-mark", "aria-hidden": "true" }, done ? "✓" : "📶"),
      done
        ? [
            h("h1", { id: "nothing-title" }, both(day && !laterToday(day) ? "doneToday" : "doneForNow", language)),
            day
              ? outlookBlock(day, language, onMore, { titled: false })
              : h("p", {}, "Straks of morgen zijn er weer nieuwe oefeningen."),
          ]
        : [
            h("h1", { id: "nothing-title" }, both("offline", language)),
            h("p", {}, both(free ? "offlineFree" : "offlineWait", language)),
          ],
      free ? h("p", { class: "muted" }, "Vrij oefenen: woorden die je al kent, nog een keer.") : null,
      h(
        "div",
        { class: "summary-actions" },
        free ? freeButton : null,
        h(
          "a",
          { class: `button ${free ? "secondary" : "primary"} big-link`, href: link() },
          label("🏠", "toStart", language),
        ),
      ),
    ),
  );
}
