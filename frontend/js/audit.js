// The coordinator's "Logboek": who looked at or changed whose data, newest first, with filters that fit a phone
// (participant, staff member, action, period) and "Meer laden" for the next page (GET /api/audit).

import { api } from "./api.js";
import { backLink, errorLine, h, hidden, show } from "./dom.js";
import { link } from "./router.js";

export function auditStyles() {
  if (document.querySelector("link[data-audit-css]")) return;
  document.head.append(h("link", { rel: "stylesheet", href: "/static/css/audit.css", "data-audit-css": "" }));
}

const ROLES = { teacher: "docent", coach: "jobcoach", coordinator: "coördinator", participant: "deelnemer" };
export const ACTIONS = {
  view: "bekeek",
  create: "maakte",
  change: "wijzigde",
  remove: "verwijderde",
  export: "downloadde (export)",
  erase: "wiste",
  login: "logde in",
  "login-failed": "inloggen mislukt",
  "login-code": "inlogcode gemaakt of gestopt",
  "reset-link": "herstellink",
  consent: "toestemming",
};
export const KINDS = {
  participant: "gegevens",
  "participant-list": "lijst deelnemers",
  "group-list": "groepen",
  device: "telefoons",
  "login-code": "inlogcode",
  settings: "instellingen",
  term: "woorden",
  assignment: "woorden van een term",
  visit: "bezoek",
  "visit-list": "bezoeken",
  observation: "waarneming",
  "suggestion-list": "suggesties",
  workplace: "werkplek",
  preparation: "voorbereiding bezoek",
  audit: "logboek",
  account: "account",
  "device-session": "uitgelogd",
  consent: "toestemming",
  erasure: "verwijderen (voorbeeld)",
  "second-factor": "tweestapsverificatie",
  password: "wachtwoord",
  organisation: "organisatie",
  group: "groep",
  caseload: "caseload jobcoach",
  placement: "werkplek van deelnemer",
  "participant-import": "deelnemers uit bestand",
  level: "niveaus",
  "employer-summary": "samenvatting werkgever",
  report: "rapport (totalen)",
  "caseload-list": "overzicht deelnemers",
  progress: "voortgang",
};

const pad = (n) => String(n).padStart(2, "0");
function moment(iso) {
  const d = new Date(iso);
  return `${d.getDate()}-${pad(d.getMonth() + 1)}-${d.getFullYear()} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function field(id, label, control, wide = false) {
  return h("div", { class: `field${wide ? " wide-field" : ""}` }, h("label", { for: id }, label), control);
}

function select(id, options) {
  return h(
    "select",
    { id, name: id },
    h("option", { value: "" }, "Alle"),
    options.map(([value, text]) => h("option", { value }, text)),
  );
}

function actorText(entry) {
  if (entry.actor) return `${entry.actor.name} (${ROLES[entry.actor_role] || entry.actor_role})`;
  if (entry.actor_role) return `Verwijderde gebruiker (${ROLES[entry.actor_role] || entry.actor_role})`;
  return entry.action === "login-failed" ? "Onbekend e-mailadres" : "Verwijderde gebruiker";
}

function participantText(entry) {
  if (entry.participant) return entry.participant.name;
  if (entry.participant_pseudonym) return `gewist (${entry.participant_pseudonym})`;
  return null;
}

export async function auditScreen(me) {
  auditStyles();
  const list = h("ul", { class: "audit-entries", "aria-live": "polite" });
  const more = h("button", { type: "button", class: "secondary wide audit-more", hidden: true }, "Meer laden");
  const people = select("audit-participant", []);
  const staff = select("audit-user", []);
  const action = select("audit-action", Object.entries(ACTIONS));
  const since = h("input", { id: "audit-since", name: "since", type: "date" });
  const until = h("input", { id: "audit-until", name: "until", type: "date" });
  const count = h("p", { class: "muted", role: "status" });
  const staffSeen = new Map();
  let next = 1;

  function addStaff(entry) {
    if (!entry.actor || staffSeen.has(entry.actor.id)) return;
    staffSeen.set(entry.actor.id, entry.actor.name);
    staff.append(h("option", { value: String(entry.actor.id) }, entry.actor.name));
  }

  function filterBy(control, value) {
    control.value = String(value);
    load(true);
  }

  function row(entry) {
    addStaff(entry);
    const whom = participantText(entry);
    const kind = KINDS[entry.object_kind] || entry.object_kind;
    return h(
      "li",
      { class: "audit-entry" },
      h("div", { class: "audit-when muted" }, moment(entry.at)),
      h(
        "div",
        {},
        entry.actor
          ? h(
              "button",
              { type: "button", class: "link", onclick: () => filterBy(staff, entry.actor.id) },
              actorText(entry),
            )
          : actorText(entry),
        " · ",
        h("strong", {}, ACTIONS[entry.action] || entry.action),
        " · ",
        kind,
        entry.object_id ? ` #${entry.object_id}` : "",
        whom ? " · " : "",
        whom && entry.participant
          ? h("button", { type: "button", class: "link", onclick: () => filterBy(people, entry.participant.id) }, whom)
          : whom,
      ),
    );
  }

  async function load(fresh) {
    if (fresh) next = 1;
    more.disabled = true;
    const query = new URLSearchParams({ page: String(next), page_size: "50" });
    for (const [name, control] of [
      ["participant_id", people],
      ["user_id", staff],
      ["action", action],
      ["since", since],
      ["until", until],
    ])
      if (control.value) query.set(name, control.value);
    try {
      const { data, pagination } = await api(`/audit?${query}`, { paginated: true });
      if (fresh) list.replaceChildren();
      if (fresh && !data.length) list.append(h("li", { class: "muted" }, "Niets gevonden met deze filters."));
      list.append(...data.map(row));
      count.textContent = pagination ? `${pagination.total} regels` : "";
      next = pagination ? pagination.next_page : null;
      more.hidden = !next;
    } catch (err) {
      list.replaceChildren(h("li", {}, errorLine(err.message)));
    } finally {
      more.disabled = false;
    }
  }
  more.addEventListener("click", () => load(false));

  const form = h(
    "form",
    {
      class: "card audit-filters",
      "aria-label": "Filters",
      onsubmit: (event) => {
        event.preventDefault();
        load(true);
      },
    },
    field("audit-participant", "Deelnemer", people, true),
    field("audit-user", "Medewerker", staff),
    field("audit-action", "Wat", action),
    field("audit-since", "Van", since),
    field("audit-until", "Tot en met", until),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary wide" }, "Zoeken")),
  );
  show(
    backLink(link(), "Start"),
    h("h1", {}, hidden("🔎 "), "Logboek: wie bekeek wat"),
    h(
      "p",
      { class: "muted" },
      `Wie in ${me.organisation.name} gegevens van deelnemers bekeek of wijzigde, en wie inlogde. Alleen nummers en vaste woorden, nooit de gegevens zelf.`,
    ),
    form,
    count,
    h("section", { class: "card" }, list),
    more,
  );
  try {
    const participants = await api("/participants?page_size=100");
    for (const p of participants) people.append(h("option", { value: String(p.id) }, p.name));
  } catch {
    // The list still works without the participant filter.
  }
  await load(true);
}
