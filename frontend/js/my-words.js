// A participant's own words: "Van mijn werk" (what the teacher heard at their workplace) and "Mijn woorden" (every
// word met in practice), each with how well it is known per skill. Tapping a skill explains the signs, in the
// support language too.

import { api, isOffline } from "./api.js";
import { playButton } from "./audio.js";
import { backLink, errorLine, h, hidden, show, wordCount } from "./dom.js";
import { fitWords } from "./fit.js";
import { MASTERY_NAMES, SKILL_ICONS, SKILL_NAMES, both, support, supportText } from "./hints.js";
import { supportLanguage } from "./practice.js";
import { link } from "./router.js";
import { termTitle } from "./term-view.js";

const PAGE_SIZE = 50;

const SKILLS = Object.keys(SKILL_ICONS);
const LEVELS = { new: 0, learning: 1, known: 2, mastered: 3 };

function meter(mastery) {
  const level = LEVELS[mastery] || 0;
  return h("span", { class: `meter level-${level}`, "aria-hidden": "true" }, h("span"), h("span"), h("span"));
}

// The legend of the signs: each skill's icon and name, the meter's steps, and "geleerd"; opened from a skill of a
// word, it says first what that sign means for that word.
function legend(language, { skill = null, mastery = null, term = null } = {}) {
  const dialog = h("dialog", { class: "legend", "aria-labelledby": "legend-title" });
  const close = () => {
    dialog.close();
    dialog.remove();
  };
  dialog.append(
    h(
      "div",
      { class: "legend-head" },
      h("h2", { id: "legend-title" }, both("legend", language)),
      h(
        "button",
        { type: "button", class: "icon-button", "aria-label": "Sluiten", autofocus: true, onclick: close },
        hidden("✕"),
      ),
    ),
    skill
      ? h(
          "p",
          { class: "legend-this" },
          h("span", { class: "skill-icon", "aria-hidden": "true" }, SKILL_ICONS[skill]),
          meter(mastery),
          h(
            "span",
            {},
            term ? [h("strong", { lang: "nl", dir: "ltr" }, term), ": "] : null,
            `${SKILL_NAMES[skill].nl}: ${MASTERY_NAMES[mastery || "new"].nl}`,
            support(skill, language, "support", SKILL_NAMES),
            support(mastery || "new", language, "support", MASTERY_NAMES),
          ),
        )
      : null,
    h(
      "ul",
      { class: "legend-list" },
      SKILLS.map((name) =>
        h(
          "li",
          { class: name === skill ? "current" : null },
          h("span", { class: "skill-icon", "aria-hidden": "true" }, SKILL_ICONS[name]),
          h("span", {}, both(name, language, SKILL_NAMES)),
        ),
      ),
    ),
    h("h3", {}, both("howWell", language)),
    h(
      "ul",
      { class: "legend-list" },
      Object.keys(LEVELS).map((name) => h("li", {}, meter(name), h("span", {}, both(name, language, MASTERY_NAMES)))),
      h(
        "li",
        {},
        h("span", { class: "learned" }, hidden("✓ "), "geleerd"),
        h("span", {}, both("learnedMark", language)),
      ),
    ),
    h("button", { type: "button", class: "primary big", id: "legend-close", onclick: close }, both("close", language)),
  );
  dialog.addEventListener("close", () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}

// Per skill an icon and a small meter of three steps, with the words for a screen reader; tapping one explains it.
function skillMeters(skills, language, term) {
  const items = SKILLS.filter((skill) => skills[skill]).map((skill) => {
    const mastery = MASTERY_NAMES[skills[skill]] ? skills[skill] : "new";
    const words = `${SKILL_NAMES[skill].nl}: ${MASTERY_NAMES[mastery].nl}`;
    return h(
      "li",
      {},
      h(
        "button",
        {
          type: "button",
          class: "skill",
          "aria-label": `${words}. Uitleg`,
          "data-skill": skill,
          onclick: () => legend(language, { skill, mastery, term }),
        },
        h("span", { class: "skill-icon", "aria-hidden": "true" }, SKILL_ICONS[skill]),
        meter(mastery),
      ),
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
      skillMeters(row.skills || {}, language, termTitle(term)),
      row.learned ? h("span", { class: "learned" }, hidden("✓ "), "geleerd") : null,
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
    h("h1", {}, hidden(assigned ? "🧰 " : "📖 "), assigned ? "Van mijn werk" : "Mijn woorden"),
    assigned ? h("p", { class: "muted" }, "Woorden die je docent op je werk hoorde.") : null,
    h(
      "button",
      { type: "button", class: "secondary legend-open", id: "legend-open", onclick: () => legend(language) },
      hidden("❓ "),
      both("legend", language),
    ),
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
      const items = data.map((row) => wordItem(row, language));
      list.append(...items);
      for (const item of items) fitWords(item);
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
          support(isOffline(err) ? "offline" : "error", language),
        ),
      );
      more.hidden = true;
    } finally {
      more.disabled = false;
    }
  }
  await load();
}
