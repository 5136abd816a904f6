// The coordinator's "Jobcoaches": each coach's caseload (current participants first, then former ones with their
// dates), adding a participant from a day and ending on a day. Loaded when opened, never on the first load.

import { api } from "./api.js";
import { backLink, errorLine, h, hidden, show } from "./dom.js";
import { dateInput, fieldForm, period, programmeStyles, searchList, staffOfRole } from "./groups.js";
import { link, takeNotice } from "./router.js";
import { choose } from "./workplaces-admin.js";

const today = () => new Date().toISOString().slice(0, 10);

function row(coach, stint, reload) {
  const li = h(
    "li",
    { class: `programme-row ${stint.current ? "" : "former"}` },
    h("span", { class: "row-name" }, stint.participant.name),
    h("span", { class: "muted" }, `${stint.current ? "Volgt" : "Volgde"} ${period(stint.started_on, stint.ended_on)}`),
    h(
      "div",
      { class: "actions" },
      h("a", { class: "button secondary", href: link("niveaus", stint.participant.id) }, hidden("📊 "), "Niveaus"),
    ),
  );
  if (!stint.ended_on) {
    const end = dateInput(today());
    const f = fieldForm("end-form", async () => {
      await api("/caseloads/end", {
        method: "POST",
        body: { coach_id: coach.id, participant_id: stint.participant.id, ended_on: end.value || undefined },
      });
      reload();
    });
    f.form.append(
      f.field("ended_on", `Laatste dag bij ${coach.name}`, end),
      f.line,
      h("button", { type: "submit", class: "secondary" }, "Uit de caseload"),
    );
    li.append(h("details", {}, h("summary", {}, "Beëindigen"), f.form));
  }
  return li;
}

async function addForm(coach, reload) {
  const select = h("select", {}, h("option", { value: "" }, "Kies een deelnemer"));
  for (const p of await api("/participants?page_size=100")) select.append(h("option", { value: String(p.id) }, p.name));
  const start = dateInput(today());
  const f = fieldForm("caseload-form", async () => {
    if (!select.value) throw choose("participant_id", "Kies een deelnemer.");
    await api("/caseloads", {
      method: "POST",
      body: { coach_id: coach.id, participant_id: Number(select.value), started_on: start.value || undefined },
    });
    select.value = "";
    reload();
  });
  f.form.append(
    h("h3", {}, "Deelnemer toevoegen"),
    f.field("participant_id", "Deelnemer", select),
    f.field("started_on", "Vanaf", start),
    f.line,
    h("button", { type: "submit", class: "primary" }, hidden("➕ "), "Toevoegen"),
  );
  return f.form;
}

export async function caseloadsScreen(_me, coachId) {
  programmeStyles();
  show(h("p", { class: "loading" }, "Laden…"));
  let coaches;
  try {
    coaches = await staffOfRole("coach");
  } catch (err) {
    return show(backLink(link(), "Start"), errorLine(err.message));
  }
  const notice = takeNotice();
  const coach = coaches.find((c) => String(c.id) === String(coachId));
  if (!coach) {
    return show(
      backLink(link(), "Start"),
      h("h1", {}, "Jobcoaches"),
      notice ? h("p", { class: "notice", role: "status" }, notice) : null,
      h("p", { class: "muted" }, "Kies een jobcoach om de caseload te zien en te wijzigen."),
      coaches.length
        ? h(
            "ul",
            { class: "plain programme-rows" },
            coaches.map((c) =>
              h(
                "li",
                { class: "programme-row" },
                h(
                  "a",
                  { class: "row-link", href: link("jobcoaches", c.id) },
                  h("span", { class: "row-name" }, hidden("🧭 "), c.name),
                ),
              ),
            ),
          )
        : h("p", {}, "Nog geen jobcoaches. Voeg ze toe bij Medewerkers."),
    );
  }
  const list = searchList({
    label: "Zoek een deelnemer",
    path: "/caseloads",
    query: { coach_id: String(coach.id) },
    empty: "Nog niemand in deze caseload.",
    row: (stint) => row(coach, stint, () => list.reload()),
  });
  const add = h("div", {});
  show(
    backLink(link("jobcoaches"), "Jobcoaches"),
    h("h1", {}, `Caseload van ${coach.name}`),
    h("section", { class: "card" }, list.box),
    add,
  );
  try {
    add.append(await addForm(coach, () => list.reload()));
  } catch (err) {
    add.append(errorLine(err.message));
  }
}
