// The wordlist screens: all sectors, and one sector's terms with search, filters and "Meer laden".

import { api } from "./api.js";
import { csvPanel } from "./csv.js";
import { backLink, errorLine, h, hidden, show, wordCount } from "./dom.js";
import { fitWords } from "./fit.js";
import { mayWrite } from "./rights.js";
import { link } from "./router.js";
import { SECTOR_ICONS, forgetSectors, loadSectors } from "./sectors.js";
import { LANGUAGES, LEVELS, readersByLanguage, termCard } from "./term-view.js";

const PAGE_SIZE = 30;
const SEARCH_DELAY = 300;

function sectorCard(sector) {
  const levels = Object.entries(sector.levels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([level, n]) => `${level}: ${n}`)
    .join(" · ");
  return h(
    "li",
    {},
    h(
      "a",
      { class: "sector-card", href: link("woorden", sector.slug) },
      h("span", { class: "sector-icon", "aria-hidden": "true" }, SECTOR_ICONS[sector.slug] || "📚"),
      h(
        "span",
        { class: "sector-text" },
        h("span", { class: "sector-name" }, sector.name),
        h("span", { class: "sector-count" }, sector.total ? wordCount(sector.total) : "Nog geen woorden"),
        levels ? h("span", { class: "sector-levels" }, levels) : null,
      ),
    ),
  );
}

// Teachers and coordinators: a way to the proposals, with how many are open.
function proposalsLink() {
  const count = h("span", { class: "badge" });
  count.hidden = true;
  api("/proposals?page_size=1", { paginated: true })
    .then(({ pagination }) => {
      if (pagination && pagination.total) {
        count.textContent = String(pagination.total);
        count.hidden = false;
      }
    })
    .catch(() => {});
  return h("a", { class: "button secondary wide", href: link("voorstellen") }, hidden("📝 "), "Voorstellen", count);
}

export async function sectorsScreen(me) {
  const list = h("ul", { class: "sector-list" }, h("li", { class: "loading" }, "Laden…"));
  show(
    backLink(link(), "Start"),
    h("h1", {}, hidden("📚 "), "Woordenlijsten"),
    h("p", { class: "muted" }, "Kies je vak."),
    list,
    mayWrite(me) ? proposalsLink() : null,
  );
  try {
    const sectors = [...(await loadSectors())];
    const own = (me.profile && me.profile.sectors) || [];
    sectors.sort((a, b) => Number(own.includes(b.slug)) - Number(own.includes(a.slug)));
    list.replaceChildren(...sectors.map(sectorCard));
  } catch (err) {
    list.replaceChildren(h("li", {}, errorLine(err.message)));
  }
}

// The sector screen is kept while a term is open, so "back" returns to the same search, filters and place.
let kept = null;

export function forgetSectorScreen() {
  kept = null;
}

function toggle(text, pressed, onclick, extra = {}) {
  return h("button", { type: "button", class: "toggle", "aria-pressed": String(pressed), onclick, ...extra }, text);
}

function press(group, pressedButton) {
  for (const button of group.querySelectorAll("button"))
    button.setAttribute("aria-pressed", String(button === pressedButton));
}

export async function sectorScreen(me, slug) {
  if (kept && kept.slug === slug && kept.userId === me.id) {
    show(...kept.nodes);
    window.scrollTo(0, kept.scroll);
    return;
  }
  const state = { q: "", level: null, theme: null, safety: false, nextPage: 1, seq: 0, timer: null };
  const heading = h("h1", {}, hidden(`${SECTOR_ICONS[slug] || "📚"} `), "…");
  const search = h("input", {
    id: "term-search",
    type: "search",
    enterkeyhint: "search",
    autocomplete: "off",
    placeholder: "bijvoorbeeld: emmer",
    oninput: () => {
      clearTimeout(state.timer);
      state.timer = setTimeout(() => {
        state.q = search.value.trim();
        load(true);
      }, SEARCH_DELAY);
    },
  });
  const levels = h(
    "div",
    { class: "segmented", role: "group", "aria-label": "Niveau" },
    [null, ...LEVELS].map((level) =>
      toggle(level || "Alle", level === null, (event) => {
        state.level = level;
        press(levels, event.currentTarget);
        load(true);
      }),
    ),
  );
  const safety = toggle([hidden("⚠️ "), "Veiligheid"], false, () => {
    state.safety = !state.safety;
    safety.setAttribute("aria-pressed", String(state.safety));
    load(true);
  });
  const themes = h("div", { class: "chips", role: "group", "aria-label": "Thema" });
  const count = h("p", { class: "result-count", role: "status" });
  const list = h("ul", { class: "term-list" });
  // Staff: which languages their participants read, so each card says which translation is still missing.
  const readers = me.role === "participant" ? Promise.resolve(null) : readersByLanguage(me).catch(() => null);
  const readersNote = h("p", { class: "muted small-text readers-note", hidden: true });
  readers.then((found) => {
    if (!found || !Object.keys(found).length) return;
    const languages = Object.entries(found).map(([code, names]) => `${LANGUAGES[code].name} (${names.length})`);
    readersNote.textContent = `Jouw deelnemers lezen ${languages.join(", ")}. “Mist” op een woord: daar ontbreekt die vertaling nog.`;
    readersNote.hidden = false;
  });
  const more = h(
    "button",
    { type: "button", class: "secondary big", hidden: true, onclick: () => load(false) },
    "Meer laden",
  );
  const remember = () => {
    if (kept) kept.scroll = window.scrollY;
  };

  function fillSector(sector) {
    heading.replaceChildren(hidden(`${SECTOR_ICONS[slug] || "📚"} `), sector.name);
    const chip = (theme, content, label) =>
      toggle(content, state.theme === theme, (event) => chooseTheme(theme, event.currentTarget), {
        class: "toggle chip",
        "aria-label": label,
      });
    const chips = Object.entries(sector.themes).map(([theme, n]) =>
      chip(theme, [theme, h("span", { class: "chip-count" }, String(n))], `${theme}, ${wordCount(n)}`),
    );
    const all = chip(null, "Alle thema's", null);
    themes.replaceChildren(all, ...chips);
  }

  function chooseTheme(theme, button) {
    state.theme = theme;
    press(themes, button);
    load(true);
  }

  async function load(reset) {
    const seq = ++state.seq;
    if (reset) state.nextPage = 1;
    const params = new URLSearchParams({ page: String(state.nextPage), page_size: String(PAGE_SIZE) });
    if (state.q) params.set("q", state.q);
    if (state.level) params.set("level", state.level);
    if (state.theme) params.set("theme", state.theme);
    if (state.safety) params.set("safety", "true");
    more.disabled = true;
    try {
      const { data, pagination } = await api(`/sectors/${encodeURIComponent(slug)}/terms?${params}`, {
        paginated: true,
      });
      const languages = await readers;
      if (seq !== state.seq) return;
      if (reset) list.replaceChildren();
      const cards = data.map((term) => termCard(term, me, remember, languages));
      list.append(...cards);
      for (const card of cards) fitWords(card, ".term-title, .term-example");
      state.nextPage = pagination ? pagination.next_page : null;
      more.hidden = !state.nextPage;
      const total = pagination ? pagination.total : data.length;
      count.textContent = total ? `${wordCount(total)} gevonden` : "Geen woorden gevonden. Probeer een ander woord.";
    } catch (err) {
      if (seq !== state.seq) return;
      count.textContent = "";
      more.hidden = true;
      list.replaceChildren(h("li", {}, errorLine(err.message)));
    } finally {
      if (seq === state.seq) more.disabled = false;
    }
  }

  async function refresh() {
    forgetSectors();
    try {
      fillSector(await api(`/sectors/${encodeURIComponent(slug)}`));
    } catch {
      // The list below shows the error.
    }
    await load(true);
  }

  const nodes = [
    backLink(link("woorden"), "Alle vakken"),
    heading,
    h("div", { class: "search" }, h("label", { for: "term-search" }, hidden("🔍 "), "Zoek een woord"), search),
    h("div", { class: "filters" }, levels, safety),
    themes,
    readersNote,
    count,
    list,
    more,
    mayWrite(me)
      ? h("a", { class: "button primary wide", href: link("woorden", slug, "nieuw") }, hidden("➕ "), "Nieuwe term")
      : null,
    me.role !== "participant" ? csvPanel(me, slug, refresh) : null,
  ].filter(Boolean);
  kept = { slug, userId: me.id, nodes, scroll: 0 };
  show(...nodes);
  try {
    fillSector(await api(`/sectors/${encodeURIComponent(slug)}`));
  } catch (err) {
    if (err.status === 404) {
      kept = null;
      show(backLink(link("woorden"), "Alle vakken"), errorLine(err.message));
      return;
    }
  }
  await load(true);
}
