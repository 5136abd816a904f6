// "Voortgang" (#voortgang), the staff tab: the caller's participants of today with who needs attention first (a
// coach's caseload, a teacher's groups, a coordinator's organisation). On a phone each participant is a block (the
// flags with their reasons, last practice, days this week, words known); on a laptop the same rows are a table.
// Filters and sort are kept for the tab's session, so coming back from a participant keeps them. Loaded when opened.

import { api } from "./api.js";
import { errorLine, h, hidden, show } from "./dom.js";
import { link } from "./router.js";

export const FLAG_NAMES = {
  inactive: "Oefent niet",
  failing_terms: "Woorden lukken niet",
  safety_behind: "Veiligheidswoorden achter",
  far_from_target: "Ver van doel",
};
const FLAG_ICONS = { inactive: "💤", failing_terms: "🔁", safety_behind: "⚠️", far_from_target: "🎯" };
export const STATUS_NAMES = { active: "Actief", paused: "Gepauzeerd", finished: "Klaar", left: "Gestopt" };
const SORTS = {
  flags: "Aandacht eerst",
  name: "Naam",
  last_practice: "Langst niet geoefend",
  terms_known: "Meeste woorden",
};
const FILTER_KEY = "vaktaal.caseload-filters";

export function progressStyles() {
  if (document.querySelector("link[data-progress-css]")) return;
  document.head.append(h("link", { rel: "stylesheet", href: "/static/css/progress.css", "data-progress-css": "" }));
}

// "3 dec" (this year) or "3 dec 2025"; dates from the API are local days (YYYY-MM-DD).
export function shortDate(iso) {
  if (!iso) return "";
  const day = new Date(`${iso}T12:00:00`);
  const options = { day: "numeric", month: "short" };
  if (day.getFullYear() !== new Date().getFullYear()) options.year = "numeric";
  return day.toLocaleDateString("nl-NL", options);
}

// "vandaag", "gisteren", "5 dagen geleden" or a date, for the last practice day.
export function lastPracticeText(iso) {
  if (!iso) return "nog nooit";
  const today = new Date();
  today.setHours(12, 0, 0, 0);
  const days = Math.round((today - new Date(`${iso}T12:00:00`)) / 86_400_000);
  if (days <= 0) return "vandaag";
  if (days === 1) return "gisteren";
  if (days < 14) return `${days} dagen geleden`;
  return shortDate(iso);
}

export function flagList(flags) {
  if (!flags.length) return h("span", { class: "no-flags" }, hidden("✓ "), "Geen aandachtspunten");
  return h(
    "ul",
    { class: "flags" },
    flags.map((f) =>
      h(
        "li",
        { class: `flag flag-${f.flag}` },
        hidden(`${FLAG_ICONS[f.flag] || "❗"} `),
        h("strong", {}, FLAG_NAMES[f.flag] || f.flag),
        h("span", { class: "flag-reason" }, f.reason),
      ),
    ),
  );
}

function loadFilters() {
  try {
    return { sort: "flags", ...JSON.parse(sessionStorage.getItem(FILTER_KEY) || "{}") };
  } catch {
    return { sort: "flags" };
  }
}

function cell(label, ...content) {
  return h("td", { "data-label": label }, ...content);
}

// "lezen A2 → B1" for the skills with a measured level; none measured yet: just the target.
function levelsText(levels) {
  const all = levels || [];
  const measured = all.filter((l) => l.current);
  if (!measured.length) {
    const targets = [...new Set(all.map((l) => l.target).filter(Boolean))];
    return h("span", { class: "muted" }, targets.length ? `nog niet gemeten (doel ${targets.join(", ")})` : "—");
  }
  return h(
    "span",
    { class: "level-list" },
    measured.map((l) =>
      h(
        "span",
        { class: `level-pair${l.gap >= 2 ? " behind" : ""}` },
        `${l.name} ${l.current}`,
        l.target ? h("span", { class: "muted" }, ` → ${l.target}`) : null,
      ),
    ),
  );
}

function row(entry) {
  const p = entry.participant;
  const t = entry.terms;
  return h(
    "tr",
    { class: entry.flags.length ? "has-flags" : "" },
    h(
      "th",
      { scope: "row", class: "cl-name" },
      h("a", { href: link("voortgang", p.id) }, p.name),
      entry.status !== "active" ? h("span", { class: "status-tag" }, STATUS_NAMES[entry.status] || entry.status) : null,
    ),
    cell("Aandacht", flagList(entry.flags)),
    cell("Laatst geoefend", lastPracticeText(entry.last_practice)),
    cell(
      "Dagen deze week",
      h("strong", {}, String(entry.practice_days_this_week)),
      h("span", { class: "muted" }, ` (4 weken: ${entry.practice_days_four_weeks})`),
    ),
    cell(
      "Woorden",
      h("strong", {}, `${t.known} bekend`),
      t.known_this_week ? h("span", { class: "muted" }, ` (+${t.known_this_week})`) : null,
      h("span", { class: "muted" }, `, ${t.mastered} goed`),
    ),
    cell("Van het werk", entry.assigned_terms ? `${entry.assigned_learned} van ${entry.assigned_terms}` : "—"),
    cell("Niveaus", levelsText(entry.levels)),
  );
}

function select(id, label, options, value) {
  const el = h(
    "select",
    { id, name: id },
    options.map(([v, text]) => h("option", { value: v, selected: String(v) === String(value ?? "") }, text)),
  );
  return { el, field: h("div", { class: "filter" }, h("label", { for: id }, label), el) };
}

export async function caseloadScreen(me) {
  progressStyles();
  const filters = loadFilters();
  const body = h("tbody", {});
  const count = h("p", { class: "muted", role: "status" });
  const more = h("button", { type: "button", class: "secondary wide", hidden: true }, "Meer laden");
  const table = h(
    "table",
    { class: "caseload" },
    h("caption", { class: "sr-only" }, "Deelnemers en hun voortgang"),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        ["Naam", "Aandacht", "Laatst geoefend", "Dagen deze week", "Woorden", "Van het werk", "Niveaus"].map((t) =>
          h("th", { scope: "col" }, t),
        ),
      ),
    ),
    body,
  );
  const flag = select("cl-flag", "Aandachtspunt", [["", "Alle"], ...Object.entries(FLAG_NAMES)], filters.flag);
  const status = select("cl-status", "Status", [["", "Alle"], ...Object.entries(STATUS_NAMES)], filters.status);
  const sort = select("cl-sort", "Sorteer", Object.entries(SORTS), filters.sort);
  const group = select("cl-group", "Groep", [["", "Alle groepen"]], filters.group);
  const workplace = select("cl-workplace", "Werkplek", [["", "Alle werkplekken"]], filters.workplace);
  let next = 1;

  // Only the answer to the latest choice of filters is shown (quick changes on a slow connection).
  let asked = 0;
  async function load(fresh) {
    if (fresh) next = 1;
    const mine = ++asked;
    const params = new URLSearchParams({ page: String(next), page_size: "50" });
    for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
    try {
      const { data, pagination } = await api(`/caseload?${params}`, { paginated: true });
      if (mine !== asked) return;
      if (fresh) body.replaceChildren();
      body.append(...data.map(row));
      const total = pagination ? pagination.total : data.length;
      count.textContent = total === 1 ? "1 deelnemer" : `${total} deelnemers`;
      if (!total) body.append(h("tr", {}, h("td", { colspan: 7 }, "Niemand gevonden met deze keuzes.")));
      next = pagination && pagination.next_page ? pagination.next_page : null;
      more.hidden = !next;
    } catch (err) {
      if (mine !== asked) return;
      body.replaceChildren(h("tr", {}, h("td", { colspan: 7 }, errorLine(err.message))));
      more.hidden = true;
    }
  }

  for (const [key, s] of Object.entries({ flag, status, sort, group, workplace })) {
    s.el.addEventListener("change", () => {
      filters[key] = s.el.value;
      sessionStorage.setItem(FILTER_KEY, JSON.stringify(filters));
      load(true);
    });
  }
  more.addEventListener("click", () => load(false));
  const active = ["flag", "status", "group", "workplace"].filter((k) => filters[k]).length;
  show(
    h(
      "div",
      { class: "caseload-head" },
      h("h1", {}, hidden("📈 "), "Voortgang"),
      h("a", { class: "button secondary", href: link("rapport") }, hidden("📄 "), "Rapportage"),
    ),
    h(
      "p",
      { class: "muted intro" },
      me.role === "coach"
        ? "Jouw caseload: wie vooruitgaat en wie hulp nodig heeft."
        : me.role === "teacher"
          ? "De deelnemers van jouw groepen: wie vooruitgaat en wie hulp nodig heeft."
          : "Alle deelnemers: wie vooruitgaat en wie hulp nodig heeft.",
    ),
    h(
      "details",
      { class: "cl-filters", open: active > 0 || window.innerWidth >= 900 },
      h("summary", {}, hidden("⚙️ "), active ? `Filters en sorteren (${active} aan)` : "Filters en sorteren"),
      h("div", { class: "filter-grid" }, flag.field, status.field, group.field, workplace.field, sort.field),
    ),
    count,
    h("div", { class: "caseload-wrap" }, table),
    more,
  );
  await load(true);
  // The choices of groups and workplaces come after the list: the list matters most on the floor.
  Promise.all([api("/groups?page_size=100"), api("/workplaces?page_size=100")])
    .then(([groups, workplaces]) => {
      group.el.append(...groups.map((g) => h("option", { value: String(g.id) }, g.name)));
      workplace.el.append(
        ...workplaces.map((w) =>
          h("option", { value: String(w.id) }, w.site ? `${w.employer} (${w.site})` : w.employer),
        ),
      );
      group.el.value = filters.group || "";
      workplace.el.value = filters.workplace || "";
    })
    .catch(() => {});
}
