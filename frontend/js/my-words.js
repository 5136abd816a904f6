// A participant's own words: "Van mijn werk" (what the teacher heard at their workplace) and "Mijn woorden" (every
// word met in practice), each with how well it is known per skill.

import { api, isOffline } from "./api.js";
import { playButton } from "./audio.js";
import { backLink, errorLine, h, show, wordCount } from "./dom.js";
import { supportText } from "./hints.js";
import { supportLanguage } from "./practice.js";
import { link } from "./router.js";
import { termTitle } from "./term-view.js";

const PAGE_SIZE = 50;

const SKILLS = [
  ["listening", "👂", "luisteren"],
  ["reading", "👀", "lezen"],
  ["writing", "✍️", "schrijven"],
  ["speaking", "🗣️", "spreken"],
  ["conversation", "💬", "gesprek"],
];

const MASTERY = {
  new: [0, "nieuw"],
  learning: [1, "aan het leren"],
  known: [2, "bekend"],
  mastered: [3, "goed bekend"],
};

// Per skill an icon and a small meter of three steps, with the words for a screen reader.
function skillMeters(skills) {
  const items = SKILLS.filter(([skill]) => skills[skill]).map(([skill, icon, name]) => {
    const [level, word] = MASTERY[skills[skill]] || MASTERY.new;
    return h(
      "li",
      { class: "skill", title: `${name}: ${word}` },
      h("span", { class: "skill-icon", "aria-hidden": "true" }, icon),
      h("span", { class: `meter level-${level}`, "aria-hidden": "true" }, h("span"), h("span"), h("span")),
      h("span", { class: "sr-only" }, `${name}: ${word}`),
    );
  });
  return items.length ? h("ul", { class: "skills" }, items) : null;
}

function wordItem(row, language) {
  const term = row.term;
  const translation = language && term.translations[language] && term.translations[language].text;
  return h(
    "li",
    { class: "word-item" },
    h("span", { class: "term-emoji", "aria-hidden": "true" }, term.emoji || ""),
    h(
      "div",
      { class: "word-body" },
      h("span", { class: "term-title", lang: "nl", dir: "ltr" }, termTitle(term)),
      translation ? supportText(language, translation, "span", "term-tr") : null,
      skillMeters(row.skills || {}),
      row.learned ? h("span", { class: "learned" }, h("span", { "aria-hidden": "true" }, "✓ "), "geleerd") : null,
    ),
    playButton(term.audio_url, termTitle(term)),
  );
}

export async function myWordsScreen(me, { assigned = false } = {}) {
  const language = supportLanguage(me);
  const list = h("ul", { class: "word-list" });
  const count = h("p", { class: "result-count", role: "status" }, "Laden…");
  let nextPage = 1;
  const more = h(
    "button",
    { type: "button", class: "secondary big", hidden: true, onclick: () => load() },
    "Meer laden",
  );
  show(
    backLink(link(), "Start"),
    h(
      "h1",
      {},
      h("span", { "aria-hidden": "true" }, assigned ? "🧰 " : "📖 "),
      assigned ? "Van mijn werk" : "Mijn woorden",
    ),
    assigned ? h("p", { class: "muted" }, "Woorden die je docent op je werk hoorde.") : null,
    count,
    list,
    more,
  );

  async function load() {
    more.disabled = true;
    const params = new URLSearchParams({ page: String(nextPage), page_size: String(PAGE_SIZE) });
    if (assigned) params.set("assigned", "true");
    try {
      const { data, pagination } = await api(`/me/terms?${params}`, { paginated: true });
      list.append(...data.map((row) => wordItem(row, language)));
      const total = pagination ? pagination.total : data.length;
      nextPage = pagination ? pagination.next_page : null;
      more.hidden = !nextPage;
      count.textContent = total
        ? wordCount(total)
        : assigned
          ? "Je docent heeft nog geen woorden van je werk toegevoegd."
          : "Nog geen woorden. Begin met oefenen!";
    } catch (err) {
      count.textContent = "";
      list.append(
        h(
          "li",
          {},
          errorLine(isOffline(err) ? "Geen internet. Deze lijst komt terug als er verbinding is." : err.message),
        ),
      );
      more.hidden = true;
    } finally {
      more.disabled = false;
    }
  }
  await load();
}
