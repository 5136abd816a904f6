// The coordinator's workplaces: a new workplace and changing one (employer, site, sector, contact person); and a
// participant's placements: where they work from which day, the history kept when they change workplace.
// The list of workplaces itself is workplaces.js. Loaded when opened, never on the first load.

import { ApiError, api } from "./api.js";
import { backLink, errorLine, h, hidden, show } from "./dom.js";
import { dateInput, day, fieldForm, programmeStyles, textInput } from "./groups.js";
import { link, replaceWith, setNotice, takeNotice } from "./router.js";

const SECTORS = {
  schoonmaak: "🧽 Schoonmaak",
  tuinbouw: "🌱 Tuinbouw",
  installatie: "🔧 Installatie",
  logistiek: "📦 Logistiek",
  zorg: "🩺 Zorg",
  algemeen: "💼 Algemeen",
};

function sectorSelect(value) {
  const select = h("select", {}, h("option", { value: "" }, "Kies een sector"));
  for (const [slug, name] of Object.entries(SECTORS))
    select.append(h("option", { value: slug, selected: slug === value }, name));
  return select;
}

export async function workplaceFormScreen(_me, workplaceId) {
  programmeStyles();
  let workplace = null;
  if (workplaceId) {
    try {
      workplace = await api(`/workplaces/${workplaceId}`);
    } catch (err) {
      return show(backLink(link("werkplekken"), "Werkplekken"), errorLine(err.message));
    }
  }
  const employer = textInput(workplace?.employer, { maxlength: 200 });
  const site = textInput(workplace?.site, { maxlength: 200 });
  const contact = textInput(workplace?.contact_name, { maxlength: 200 });
  const sector = sectorSelect(workplace?.sector);
  const f = fieldForm("workplace-form", async () => {
    const body = { employer: employer.value, site: site.value, contact_name: contact.value, sector: sector.value };
    if (!body.sector) delete body.sector;
    const saved = workplace
      ? await api(`/workplaces/${workplace.id}`, { method: "PATCH", body })
      : await api("/workplaces", { method: "POST", body });
    setNotice(`Werkplek ${saved.employer} is opgeslagen.`);
    replaceWith("werkplekken");
  });
  f.form.append(
    f.field("employer", "Werkgever", employer),
    f.field("site", "Locatie", site, "Bijvoorbeeld: Kas 3, Westland."),
    f.field("sector", "Sector", sector),
    f.field("contact_name", "Contactpersoon op de werkvloer", contact, "Alleen de naam."),
    f.line,
    h("button", { type: "submit", class: "primary" }, workplace ? "Opslaan" : "Werkplek toevoegen"),
  );
  show(
    backLink(link("werkplekken"), "Werkplekken"),
    h("h1", {}, workplace ? `${workplace.employer} wijzigen` : "Nieuwe werkplek"),
    f.form,
  );
  employer.focus();
}

// A choice left open is refused here as the API refuses a bad field: next to it.
export function choose(field, message) {
  return new ApiError(422, { message, errors: { json: { [field]: [message] } } });
}

function placementRow(p, canChange, reload) {
  const current = !p.end_date || p.end_date >= new Date().toISOString().slice(0, 10);
  const row = h(
    "li",
    { class: `programme-row ${current ? "" : "former"}` },
    h(
      "span",
      { class: "row-name" },
      hidden(`${(SECTORS[p.workplace.sector] || "🏭").split(" ")[0]} `),
      p.workplace.employer,
    ),
    h(
      "span",
      { class: "muted" },
      [
        p.workplace.site,
        p.end_date ? `${day(p.start_date)} tot en met ${day(p.end_date)}` : `vanaf ${day(p.start_date)}`,
      ]
        .filter(Boolean)
        .join(" · "),
    ),
  );
  if (canChange && !p.end_date) {
    const end = dateInput(new Date().toISOString().slice(0, 10));
    const f = fieldForm("end-form", async () => {
      await api(`/placements/${p.id}`, { method: "PATCH", body: { end_date: end.value || null } });
      reload();
    });
    f.form.append(
      f.field("end_date", "Laatste dag hier", end),
      f.line,
      h("button", { type: "submit", class: "secondary" }, "Plaatsing beëindigen"),
    );
    row.append(h("details", {}, h("summary", {}, "Beëindigen"), f.form));
  }
  return row;
}

export async function placementsScreen(me, participantId) {
  programmeStyles();
  show(h("p", { class: "loading" }, "Laden…"));
  let participant;
  let placements;
  let workplaces;
  try {
    [participant, placements, workplaces] = await Promise.all([
      api(`/participants/${participantId}`),
      api(`/participants/${participantId}/placements?page_size=50`),
      api("/workplaces?page_size=100"),
    ]);
  } catch (err) {
    return show(backLink(link(), "Start"), errorLine(err.message));
  }
  const notice = takeNotice();
  const again = () => placementsScreen(me, participantId);
  const select = h("select", {}, h("option", { value: "" }, "Kies een werkplek"));
  for (const w of workplaces)
    select.append(h("option", { value: String(w.id) }, w.site ? `${w.employer} (${w.site})` : w.employer));
  const start = dateInput(new Date().toISOString().slice(0, 10));
  const f = fieldForm("placement-form", async () => {
    if (!select.value) throw choose("workplace_id", "Kies een werkplek.");
    await api(`/participants/${participantId}/placements`, {
      method: "POST",
      body: { workplace_id: Number(select.value), start_date: start.value || null },
    });
    setNotice("De plaatsing is opgeslagen.");
    again();
  });
  f.form.append(
    h("h2", {}, placements.length ? "Naar een andere werkplek" : "Plaatsen bij een werkplek"),
    f.field("workplace_id", "Werkplek", select),
    f.field(
      "start_date",
      "Eerste werkdag",
      start,
      placements.length ? "De vorige plaatsing stopt de dag ervoor." : null,
    ),
    f.line,
    h("button", { type: "submit", class: "primary" }, hidden("🏭 "), "Opslaan"),
  );
  show(
    backLink(link(), "Start"),
    h("h1", {}, `Werkplek van ${participant.name}`),
    notice ? h("p", { class: "notice", role: "status" }, notice) : null,
    h(
      "section",
      { class: "card" },
      h("h2", {}, "Werkplekken, nieuwste eerst"),
      placements.length
        ? h(
            "ul",
            { class: "plain programme-rows" },
            placements.map((p) => placementRow(p, true, again)),
          )
        : h("p", { class: "muted" }, "Nog geen werkplek."),
    ),
    workplaces.length ? f.form : h("p", { class: "muted" }, "Er zijn nog geen werkplekken."),
  );
}
