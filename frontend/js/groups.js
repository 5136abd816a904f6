// Groups (cohorts): the list with search, a new group (coordinator), one group with its teachers and dates, its
// members of today and former ones with their dates, joining and leaving on a day. Teachers read their own groups.
// Also the small form and list helpers of the programme screens (workplaces-admin.js, caseloads.js use them).
// Loaded when opened, never on the first load.

import { ApiError, api } from "./api.js";
import { backLink, errorLine, h, hidden, show } from "./dom.js";
import { fieldForm as sharedFieldForm } from "./field-form.js";
import { link, setNotice, takeNotice } from "./router.js";

export function programmeStyles() {
  if (document.querySelector("link[data-programme-css]")) return;
  document.head.append(h("link", { rel: "stylesheet", href: "/static/css/programme.css", "data-programme-css": "" }));
}

let counter = 0;

// The shared form with its field errors (field-form.js), styled as the programme screens' forms.
export function fieldForm(className, onSubmit) {
  return sharedFieldForm(`programme-form ${className}`, onSubmit);
}

export function dateInput(value = "") {
  return h("input", { type: "date", value: value || "" });
}

export function textInput(value = "", attrs = {}) {
  return h("input", { type: "text", value: value || "", autocomplete: "off", ...attrs });
}

// "3 maart 2026" for an ISO date.
export function day(iso) {
  if (!iso) return "";
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString("nl-NL", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
}

export function period(from, until) {
  if (!from && !until) return "";
  if (!until) return `vanaf ${day(from)}`;
  return `${day(from)} tot en met ${day(until)}`;
}

// A search box above a paged list: load(q, page) returns {data, pagination}; row(item) draws one item.
export function searchList({ label, path, row, empty, query = {} }) {
  const box = h("div", { class: "programme-list" });
  const input = h("input", { type: "search", id: `ps${++counter}`, autocomplete: "off" });
  const list = h("ul", { class: "plain programme-rows" });
  const more = h("div", { class: "pager" });
  let page = 1;
  async function load() {
    const params = new URLSearchParams({ ...query, page: String(page), page_size: "20" });
    if (input.value.trim()) params.set("q", input.value.trim());
    try {
      const { data, pagination } = await api(`${path}?${params}`, { paginated: true });
      list.replaceChildren(...(data.length ? data.map(row) : [h("li", { class: "muted" }, empty)]));
      const pages = pagination?.total_pages || 1;
      more.replaceChildren(
        ...[
          page > 1
            ? h("button", { type: "button", class: "secondary", onclick: () => go(page - 1) }, "← Vorige")
            : null,
          pages > 1 ? h("span", { class: "muted" }, ` Pagina ${page} van ${pages} `) : null,
          page < pages
            ? h("button", { type: "button", class: "secondary", onclick: () => go(page + 1) }, "Volgende →")
            : null,
        ].filter(Boolean),
      );
    } catch (err) {
      list.replaceChildren(h("li", {}, errorLine(err.message)));
    }
  }
  function go(n) {
    page = n;
    load();
  }
  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => go(1), 250);
  });
  box.append(h("div", { class: "search" }, h("label", { for: input.id }, hidden("🔎 "), label), input), list, more);
  load();
  return { box, reload: load };
}

// The organisation's staff of one role (coordinators only may list staff).
export async function staffOfRole(role) {
  const staff = await api("/staff?page_size=100");
  return staff.filter((s) => s.role === role && s.active !== false);
}

function checkboxes(name, people, chosen) {
  return h(
    "fieldset",
    { class: "checks" },
    h("legend", {}, name),
    people.length
      ? people.map((p) =>
          h(
            "label",
            { class: "check" },
            h("input", { type: "checkbox", value: String(p.id), checked: chosen.has(p.id) }),
            p.name,
          ),
        )
      : h("p", { class: "muted" }, "Nog geen docenten."),
  );
}

function groupForm(teachers, group, onSaved) {
  const name = textInput(group?.name, { maxlength: 200 });
  const start = dateInput(group?.start_date);
  const end = dateInput(group?.end_date);
  const chosen = new Set((group?.teachers || []).map((t) => t.id));
  const teacherBox = checkboxes("Docenten", teachers, chosen);
  const teacherField = h("div", { class: "field" }, teacherBox);
  const f = fieldForm("group-form", async () => {
    const teacher_ids = [...teacherBox.querySelectorAll("input:checked")].map((i) => Number(i.value));
    const body = { name: name.value, start_date: start.value || null, end_date: end.value || null, teacher_ids };
    const saved = group
      ? await api(`/groups/${group.id}`, { method: "PATCH", body })
      : await api("/groups", { method: "POST", body });
    onSaved(saved);
  });
  // An error about the teachers (one of another organisation) shows on the form's line, below the checkboxes.
  f.form.append(
    h("h2", {}, group ? "Groep wijzigen" : "Nieuwe groep"),
    f.field("name", "Naam van de groep", name),
    f.field("start_date", "Begindatum", start),
    f.field("end_date", "Einddatum", end, "Mag leeg blijven."),
    teacherField,
    f.line,
    h("button", { type: "submit", class: "primary" }, group ? "Opslaan" : "Groep maken"),
  );
  return f.form;
}

export async function groupsScreen(me) {
  programmeStyles();
  const coordinator = me.role === "coordinator";
  const notice = takeNotice();
  const list = searchList({
    label: "Zoek een groep",
    path: "/groups",
    empty: "Geen groepen gevonden.",
    row: (g) =>
      h(
        "li",
        { class: "programme-row" },
        h(
          "a",
          { href: link("groep", g.id), class: "row-link" },
          h("span", { class: "row-name" }, hidden("👥 "), g.name),
          h(
            "span",
            { class: "muted" },
            [
              g.participants.length === 1 ? "1 deelnemer" : `${g.participants.length} deelnemers`,
              period(g.start_date, g.end_date),
            ]
              .filter(Boolean)
              .join(" · "),
          ),
        ),
      ),
  });
  const add = coordinator ? h("div", {}) : null;
  show(
    backLink(link(), "Start"),
    h("h1", {}, "Groepen"),
    notice ? h("p", { class: "notice", role: "status" }, notice) : null,
    list.box,
    add,
  );
  if (add) {
    try {
      const teachers = await staffOfRole("teacher");
      add.append(
        groupForm(teachers, null, (saved) => {
          setNotice(`${saved.name} is gemaakt.`); // the name often says "groep" itself
          location.hash = link("groep", saved.id);
        }),
      );
    } catch (err) {
      add.append(errorLine(err.message));
    }
  }
}

function memberRow(me, group, m, reload) {
  const coordinator = me.role === "coordinator";
  const actions = h("div", { class: "actions" });
  if (coordinator && m.current) {
    const leaveDay = dateInput(new Date().toISOString().slice(0, 10));
    const f = fieldForm("leave-form", async () => {
      await api(`/groups/${group.id}/members/${m.participant.id}/leave`, {
        method: "POST",
        body: { left_on: leaveDay.value || undefined },
      });
      reload();
    });
    f.form.append(
      f.field("left_on", `Laatste dag van ${m.participant.name}`, leaveDay),
      f.line,
      h("button", { type: "submit", class: "secondary" }, hidden("🚪 "), "Uit de groep"),
    );
    const details = h("details", {}, h("summary", {}, "Uitschrijven"), f.form);
    actions.append(details);
  }
  if (me.role !== "participant" && m.current)
    actions.append(
      h("a", { class: "button secondary", href: link("plaatsing", m.participant.id) }, hidden("🏭 "), "Werkplek"),
    );
  if (me.role !== "participant")
    actions.append(
      h("a", { class: "button secondary", href: link("niveaus", m.participant.id) }, hidden("📊 "), "Niveaus"),
    );
  return h(
    "li",
    { class: `programme-row ${m.current ? "" : "former"}` },
    h("span", { class: "row-name" }, m.participant.name),
    h(
      "span",
      { class: "muted" },
      m.current ? `In de groep ${period(m.joined_on, m.left_on)}` : `Was in de groep ${period(m.joined_on, m.left_on)}`,
    ),
    actions,
  );
}

async function addMemberForm(group, reload) {
  const select = h("select", {}, h("option", { value: "" }, "Kies een deelnemer"));
  const participants = await api("/participants?page_size=100");
  for (const p of participants) select.append(h("option", { value: String(p.id) }, p.name));
  const joined = dateInput(new Date().toISOString().slice(0, 10));
  const f = fieldForm("member-form", async () => {
    if (!select.value)
      throw new ApiError(422, {
        message: "Kies een deelnemer.",
        errors: { json: { participant_id: ["Kies een deelnemer."] } },
      });
    await api(`/groups/${group.id}/members`, {
      method: "POST",
      body: { participant_id: Number(select.value), joined_on: joined.value || undefined },
    });
    select.value = "";
    reload();
  });
  f.form.append(
    h("h2", {}, "Deelnemer toevoegen"),
    f.field("participant_id", "Deelnemer", select),
    f.field("joined_on", "Eerste dag in de groep", joined),
    f.line,
    h("button", { type: "submit", class: "primary" }, hidden("➕ "), "Toevoegen"),
  );
  return f.form;
}

export async function groupScreen(me, groupId) {
  programmeStyles();
  show(h("p", { class: "loading" }, "Laden…"));
  let group;
  try {
    group = await api(`/groups/${groupId}`);
  } catch (err) {
    return show(backLink(link("groepen"), "Groepen"), errorLine(err.message));
  }
  const coordinator = me.role === "coordinator";
  const notice = takeNotice();
  const members = searchList({
    label: "Zoek een deelnemer in deze groep",
    path: `/groups/${group.id}/members`,
    empty: "Nog geen deelnemers in deze groep.",
    row: (m) => memberRow(me, group, m, () => members.reload()),
  });
  const edit = h("div", {});
  const add = h("div", {});
  show(
    backLink(link("groepen"), "Groepen"),
    h("h1", {}, hidden("👥 "), group.name),
    notice ? h("p", { class: "notice", role: "status" }, notice) : null,
    h(
      "p",
      { class: "muted" },
      [period(group.start_date, group.end_date), group.teachers.map((t) => t.name).join(", ")]
        .filter(Boolean)
        .join(" · "),
    ),
    me.role === "teacher" || coordinator
      ? h(
          "a",
          { class: "button primary wide big-link", href: link("groep", group.id, "niveaus") },
          hidden("📊 "),
          "Niveaus invoeren",
        )
      : null,
    h("section", { class: "card" }, h("h2", {}, "Deelnemers"), members.box),
    add,
    edit,
  );
  if (!coordinator) return;
  try {
    add.append(
      await addMemberForm(group, () => members.reload()),
      h(
        "p",
        { class: "card" },
        "Nieuwe deelnemers, of veel tegelijk? ",
        h("a", { href: link("groep-starten") }, "Groep starten met een bestand"),
        " (met inlogkaarten om te printen).",
      ),
    );
    const teachers = await staffOfRole("teacher");
    edit.append(
      h(
        "details",
        { class: "card" },
        h("summary", {}, hidden("✏️ "), "Groep wijzigen"),
        groupForm(teachers, group, (saved) => {
          setNotice(`Groep ${saved.name} is opgeslagen.`);
          groupScreen(me, saved.id);
        }),
      ),
    );
  } catch (err) {
    add.append(errorLine(err.message));
  }
}
