// "Deelnemers": the participants a coordinator (or a teacher or coach: their own) manages. The list searched by
// name on the server, page by page; former members of the caller's group or caseload only to look at; adding one
// (a teacher into one of their groups, a coach into the caseload), editing the profile and the organisation's own
// client number (never a BSN), the status with what each one means (coordinators), and a new
// login card for one participant after a warning that the old card stops working. Loaded when opened.

import { api } from "./api.js";
import { backLink, errorLine, h, hidden, show } from "./dom.js";
import { link, setNotice, takeNotice } from "./router.js";
import { adminStyles, fieldForm } from "./staff-admin.js";
import { LANGUAGES } from "./term-view.js";

export const STATUS = {
  active: { name: "Actief", text: "Logt in en oefent." },
  paused: {
    name: "Gepauzeerd",
    text: "Even gestopt (ziek, verlof, vakantie). Kan wel inloggen en oefenen; de coach krijgt geen meldingen.",
  },
  finished: {
    name: "Afgerond",
    text: "Het traject is klaar. Nog 6 maanden nazorg: de deelnemer kan inloggen en oefenen. Daarna niet meer.",
  },
  left: { name: "Gestopt", text: "Uit het traject vertrokken. Kan niet meer inloggen. De voortgang blijft bewaard." },
};

const ROUTES = { "": "Nog niet bekend", b1: "B1-route", onderwijs: "Onderwijsroute", z: "Z-route" };
const SECTORS = {
  algemeen: "Algemeen",
  schoonmaak: "Schoonmaak",
  tuinbouw: "Tuinbouw",
  installatie: "Installatie",
  logistiek: "Logistiek",
  zorg: "Zorg",
};
const REF_HINT = "Jullie eigen klantnummer, als je dat wilt bijhouden. Nooit een BSN.";

export function adminCss() {
  adminStyles();
  if (document.querySelector("link[data-people-css]")) return;
  document.head.append(
    h("link", { rel: "stylesheet", href: "/static/css/participant-admin.css", "data-people-css": "" }),
  );
}

// One page of the participants the caller may see whose name holds the words of q (the server searches).
const PAGE_SIZE = 50;

function participantsPage(q, page) {
  const query = new URLSearchParams({ page: String(page), page_size: String(PAGE_SIZE) });
  if (q) query.set("q", q);
  return api(`/participants?${query}`, { paginated: true });
}

// A former member of the caller's group or caseload: they may look, not change (the API says why).
function readOnlyNote(p) {
  return h("span", { class: "read-only-note" }, hidden("👁 "), p.read_only_reason || "Alleen kijken.");
}

function statusBadge(status) {
  const known = STATUS[status] || STATUS.active;
  return h("span", { class: `status-badge status-${status || "active"}` }, known.name);
}

function personRow(p) {
  const ref = p.profile && p.profile.ref;
  return h(
    "li",
    { class: "staff-row" },
    h(
      "a",
      { href: link("deelnemers", p.id), class: "staff-link" },
      h("span", { class: "staff-name" }, p.name),
      h("span", { class: "muted" }, statusBadge(p.profile && p.profile.status), ref ? ` · ${ref}` : ""),
      p.read_only ? readOnlyNote(p) : null,
    ),
  );
}

export async function participantsScreen(me, id) {
  adminCss();
  if (id === "nieuw") return newParticipantScreen(me);
  if (id) return oneParticipantScreen(me, Number(id));
  const notice = takeNotice();
  const list = h("ul", { class: "staff-list", id: "people-list" });
  const count = h("p", { class: "muted", role: "status" });
  const search = h("input", { id: "people-q", name: "q", type: "search", autocomplete: "off" });
  const more = h("button", { type: "button", class: "secondary wide", hidden: true }, "Meer laden");
  let asked = 0; // the latest search: an older answer that arrives late is dropped
  let page = 1;

  async function load(next) {
    const q = search.value.trim();
    const mine = ++asked;
    page = next ? page + 1 : 1;
    more.hidden = true;
    try {
      const { data, pagination } = await participantsPage(q, page);
      if (mine !== asked) return;
      if (!next) list.replaceChildren();
      list.append(...data.map(personRow));
      const total = pagination ? pagination.total : data.length;
      count.textContent = total === 1 ? "1 deelnemer" : `${total} deelnemers`;
      if (!total) list.append(h("li", {}, q ? "Niemand met deze naam." : "Nog geen deelnemers."));
      more.hidden = !(pagination && pagination.next_page);
    } catch (err) {
      if (mine === asked) list.replaceChildren(errorLine(err.message));
    }
  }

  let timer = 0;
  function searchSoon() {
    clearTimeout(timer);
    timer = setTimeout(() => load(false), 250);
  }
  more.addEventListener("click", () => load(true));

  search.addEventListener("input", searchSoon);
  show(
    backLink(link(), "Start"),
    h("h1", {}, "Deelnemers"),
    notice ? h("p", { class: "notice", role: "status" }, notice) : null,
    h(
      "div",
      { class: "admin-actions" },
      h("a", { class: "button primary wide", href: link("deelnemers", "nieuw") }, hidden("➕ "), "Deelnemer toevoegen"),
      me.role === "coordinator"
        ? h(
            "a",
            { class: "button secondary wide", href: link("groep-starten") },
            hidden("📋 "),
            "Groep starten met een bestand",
          )
        : null,
    ),
    h("div", { class: "field" }, h("label", { for: search.id }, "Zoek op naam"), search),
    count,
    list,
    more,
  );
  await load(false);
}

function checkboxes(name, options, chosen, extra = () => ({})) {
  return h(
    "fieldset",
    { class: "checks" },
    h("legend", {}, name),
    Object.entries(options).map(([value, text]) =>
      h(
        "label",
        { class: "check small-check" },
        h("input", { type: "checkbox", value, checked: chosen.includes(value) }),
        h("span", extra(value), text),
      ),
    ),
  );
}

// A fieldset (checkboxes, radios) in a field form: its legend is the label, the API's errors show under it.
function setField(f, name, fieldset, hint) {
  const node = f.field(name, "", fieldset, hint);
  node.querySelector("label").remove();
  return node;
}

function checked(fieldset) {
  return [...fieldset.querySelectorAll("input:checked")].map((input) => input.value);
}

// The profile fields of both forms; values() reads them as the API takes them.
function profileFields(f, p = { name: "", profile: {} }) {
  const profile = p.profile || {};
  const name = h("input", { value: p.name, autocomplete: "off", maxlength: 200 });
  const ref = h("input", { value: profile.ref || "", autocomplete: "off", maxlength: 40 });
  const languageNames = Object.fromEntries(Object.entries(LANGUAGES).map(([code, l]) => [code, l.name]));
  const languages = checkboxes("Steuntalen", languageNames, profile.support_languages || []);
  const sectors = checkboxes("Sectoren", SECTORS, profile.sectors || []);
  const route = h(
    "select",
    {},
    Object.entries(ROUTES).map(([value, text]) =>
      h("option", { value, selected: (profile.route || "") === value }, text),
    ),
  );
  const start = h("input", { type: "date", value: profile.start_date || "" });
  const nodes = [
    f.field("name", "Naam", name),
    f.field("ref", "Klantnummer (mag leeg)", ref, REF_HINT),
    setField(f, "support_languages", languages),
    setField(f, "sectors", sectors),
    f.field("route", "Route", route),
    f.field("start_date", "Startdatum", start),
  ];
  function values() {
    return {
      name: name.value,
      ref: ref.value.trim() || null,
      support_languages: checked(languages),
      sectors: checked(sectors),
      route: route.value || null,
      start_date: start.value || null,
    };
  }
  return { nodes, values, focus: () => name.focus() };
}

async function newParticipantScreen(me) {
  const back = backLink(link("deelnemers"), "Deelnemers");
  const f = fieldForm("new-participant");
  const fields = profileFields(f);
  let group = null;
  if (me.role !== "coach") {
    let groups = [];
    try {
      groups = await api("/groups?page_size=100");
    } catch (err) {
      return show(back, errorLine(err.message));
    }
    const options = groups.map((g) => h("option", { value: g.id }, g.name));
    if (me.role === "coordinator") options.unshift(h("option", { value: "" }, "Nog geen groep"));
    group = h("select", {}, options);
  }
  const save = h("button", { type: "submit", class: "primary big wide" }, "Toevoegen");
  f.form.append(
    ...fields.nodes.slice(0, 2),
    group ? f.field("group_id", "Groep", group, "De deelnemer zit vanaf vandaag in deze groep.") : null,
    ...fields.nodes.slice(2),
    f.line,
    save,
  );
  f.form.addEventListener("submit", async (event) => {
    event.preventDefault();
    f.clear();
    const body = fields.values();
    for (const key of ["ref", "route", "start_date"]) if (body[key] === null) delete body[key];
    if (group && group.value) body.group_id = Number(group.value);
    save.disabled = true;
    try {
      const made = await api("/participants", { method: "POST", body });
      setNotice(`${made.name} is toegevoegd. Maak een inlogkaart om te printen.`);
      location.replace(link("deelnemers", made.id));
    } catch (err) {
      f.showErrors(err);
    } finally {
      save.disabled = false;
    }
  });
  show(
    back,
    h("h1", {}, "Deelnemer toevoegen"),
    me.role === "coach" ? h("p", { class: "muted" }, "De deelnemer komt in jouw caseload.") : null,
    f.form,
  );
  fields.focus();
}

function statusFields(f, profile) {
  const current = profile.status || "active";
  const choices = h(
    "fieldset",
    { class: "status-choices" },
    h("legend", {}, "Status"),
    Object.entries(STATUS).map(([value, s]) =>
      h(
        "label",
        { class: "choice status-choice" },
        h("input", { type: "radio", name: "status", value, checked: value === current }),
        h("span", {}, h("strong", {}, s.name), h("span", { class: "status-text" }, s.text)),
      ),
    ),
  );
  const ended = h("input", { type: "date", value: profile.ended_on || "" });
  const endedField = f.field("ended_on", "Einddatum", ended, "Leeg laten: vandaag.");
  const sync = () => {
    const value = choices.querySelector("input:checked").value;
    endedField.hidden = value !== "finished" && value !== "left";
  };
  choices.addEventListener("change", sync);
  sync();
  function changes() {
    const value = choices.querySelector("input:checked").value;
    const out = {};
    if (value !== current) out.status = value;
    if ((value === "finished" || value === "left") && ended.value && ended.value !== (profile.ended_on || ""))
      out.ended_on = ended.value;
    return out;
  }
  return { nodes: [setField(f, "status", choices), endedField], changes };
}

async function oneParticipantScreen(me, id) {
  const back = backLink(link("deelnemers"), "Deelnemers");
  let p;
  try {
    p = await api(`/participants/${id}`);
  } catch (err) {
    return show(back, errorLine(err.message));
  }
  const notice = takeNotice();
  if (p.read_only) return readOnlyParticipant(back, p, notice);
  const f = fieldForm("edit-participant");
  const fields = profileFields(f, p);
  const status = me.role === "coordinator" ? statusFields(f, p.profile || {}) : null;
  const saved = h("p", { class: "notice", role: "status", hidden: true });
  const save = h("button", { type: "submit", class: "primary big wide" }, "Opslaan");
  f.form.append(
    ...fields.nodes,
    ...(status ? status.nodes : [h("p", {}, "Status: ", statusBadge(p.profile && p.profile.status))]),
    f.line,
    saved,
    save,
  );
  f.form.addEventListener("submit", async (event) => {
    event.preventDefault();
    f.clear();
    saved.hidden = true;
    const before = profileValues(p);
    const now = fields.values();
    const changes = {};
    for (const [key, value] of Object.entries(now))
      if (JSON.stringify(value) !== JSON.stringify(before[key])) changes[key] = value;
    Object.assign(changes, status ? status.changes() : {});
    if (!Object.keys(changes).length) {
      saved.textContent = "Er was niets veranderd.";
      saved.hidden = false;
      return;
    }
    save.disabled = true;
    try {
      p = await api(`/participants/${id}`, { method: "PATCH", body: changes });
      saved.textContent = "Opgeslagen.";
      saved.hidden = false;
    } catch (err) {
      f.showErrors(err);
    } finally {
      save.disabled = false;
    }
  });
  show(
    back,
    h("h1", {}, p.name),
    notice ? h("p", { class: "notice", role: "status" }, notice) : null,
    levelsLink(p),
    f.form,
    cardSection(p),
  );
}

// The participant's levels per skill, with the evidence from practice (levels.js).
function levelsLink(p) {
  return h("a", { class: "button secondary wide", href: link("niveaus", p.id) }, hidden("📊 "), "Niveaus");
}

// A former member, for the teacher or coach they left: what is known, no form and no new login card.
function readOnlyParticipant(back, p, notice) {
  const profile = p.profile || {};
  const languages = (profile.support_languages || [])
    .map((code) => (LANGUAGES[code] ? LANGUAGES[code].name : code))
    .join(", ");
  const sectors = (profile.sectors || []).map((slug) => SECTORS[slug] || slug).join(", ");
  return show(
    back,
    h("h1", {}, p.name),
    notice ? h("p", { class: "notice", role: "status" }, notice) : null,
    h("p", { class: "notice read-only", role: "status" }, readOnlyNote(p)),
    levelsLink(p),
    h(
      "dl",
      { class: "card columns" },
      h("dt", {}, "Status"),
      h("dd", {}, statusBadge(profile.status)),
      profile.ref ? [h("dt", {}, "Klantnummer"), h("dd", {}, profile.ref)] : null,
      languages ? [h("dt", {}, "Talen"), h("dd", {}, languages)] : null,
      sectors ? [h("dt", {}, "Sectoren"), h("dd", {}, sectors)] : null,
    ),
  );
}

function profileValues(p) {
  const profile = p.profile || {};
  return {
    name: p.name,
    ref: profile.ref || null,
    support_languages: profile.support_languages || [],
    sectors: profile.sectors || [],
    route: profile.route || null,
    start_date: profile.start_date || null,
  };
}

// A new login card for one participant: first the warning, then the card to print.
function cardSection(p) {
  const line = h("p", { class: "error", role: "alert", hidden: true });
  const button = h("button", { type: "button", class: "secondary wide" }, hidden("🪪 "), "Nieuwe inlogkaart");
  const warning = h(
    "div",
    { class: "card warn", role: "alertdialog", "aria-labelledby": "card-warning", hidden: true },
    h("p", { id: "card-warning" }, h("strong", {}, "De oude kaart werkt dan niet meer.")),
    h("p", {}, `${p.name} logt daarna in met de nieuwe kaart. Telefoons die al ingelogd zijn, blijven werken.`),
    h(
      "div",
      { class: "button-row" },
      h("button", { type: "button", class: "secondary", onclick: () => toggle(false) }, "Annuleren"),
      h("button", { type: "button", class: "primary", onclick: issue }, "Ja, nieuwe kaart maken"),
    ),
  );
  function toggle(open) {
    warning.hidden = !open;
    button.hidden = open;
    if (open) warning.querySelector("button.primary").focus();
  }
  button.addEventListener("click", () => toggle(true));
  async function issue() {
    line.hidden = true;
    try {
      const { cards } = await api("/participants/login-cards", { method: "POST", body: { participant_ids: [p.id] } });
      const module = await import("./login-cards.js");
      module.openCards(cards, { back: link("deelnemers", p.id), backText: p.name });
    } catch (err) {
      line.textContent = err.message;
      line.hidden = false;
    }
  }
  return h(
    "section",
    { class: "card", "aria-labelledby": "card-title" },
    h("h2", { id: "card-title" }, "Inlogkaart"),
    h("p", { class: "muted" }, "Een kaart met QR-code en code om in te loggen, om te printen."),
    button,
    warning,
    line,
  );
}
