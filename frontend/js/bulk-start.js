// "Groep starten" (coordinators): choose a group, upload its participants as a spreadsheet (CSV), see each bad line
// with its field (then nothing was added), or go on to the login cards of everyone added. A sample file to fill in
// is made on the phone. Loaded when opened.

import { api } from "./api.js";
import { backLink, errorLine, h, hidden, show } from "./dom.js";
import { adminCss } from "./participant-admin.js";
import { link } from "./router.js";

const SAMPLE =
  "name,ref,support_languages,sectors,workplace,route,start_date\r\n" +
  "Samira Haddad,KN-0101,ar;en,schoonmaak,,b1,2026-09-01\r\n" +
  "Tesfay Kidane,KN-0102,ti,logistiek,,z,2026-09-01\r\n" +
  "Olena Kovalenko,,uk,zorg,,,\r\n";

const COLUMNS = [
  ["name", "de naam (verplicht)"],
  ["ref", "jullie eigen klantnummer (nooit een BSN)"],
  ["support_languages", "steuntalen: en ar ti fa uk tr, gescheiden door ;"],
  ["sectors", "sectoren: algemeen schoonmaak tuinbouw installatie logistiek zorg"],
  ["workplace", "de werkgever van een werkplek (of werkgever - locatie)"],
  ["route", "b1, onderwijs of z"],
  ["start_date", "startdatum, bijvoorbeeld 2026-09-01"],
];

const FIELD_NAMES = {
  name: "naam",
  ref: "klantnummer",
  support_languages: "steuntalen",
  sectors: "sectoren",
  workplace: "werkplek",
  route: "route",
  start_date: "startdatum",
  header: "kopregel",
};

function downloadSample() {
  const url = URL.createObjectURL(new Blob([SAMPLE], { type: "text/csv;charset=utf-8" }));
  const a = h("a", { href: url, download: "deelnemers-voorbeeld.csv", hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// "line 4": ["ref: Dit lijkt een BSN..."] -> "Regel 4" with "klantnummer: Dit lijkt een BSN...".
function lineErrors(err) {
  const rows = (err.errors && err.errors.rows) || {};
  const entries = Object.entries(rows);
  if (!entries.length) return null;
  return h(
    "ul",
    { class: "row-errors line-errors" },
    entries.map(([where, messages]) =>
      h(
        "li",
        {},
        h("strong", {}, where.replace(/^line /, "Regel ")),
        h(
          "ul",
          {},
          [].concat(messages).map((message) => {
            const [field, ...rest] = String(message).split(": ");
            return h("li", {}, rest.length ? `${FIELD_NAMES[field] || field}: ${rest.join(": ")}` : message);
          }),
        ),
      ),
    ),
  );
}

export async function bulkStartScreen(me) {
  adminCss();
  const back = backLink(link("deelnemers"), "Deelnemers");
  if (me.role !== "coordinator")
    return show(back, errorLine("Alleen een coördinator start een groep met een bestand."));
  let groups = [];
  try {
    groups = await api("/groups?page_size=100");
  } catch (err) {
    return show(back, errorLine(err.message));
  }
  const result = h("div", { class: "import-result", "aria-live": "polite" });
  if (!groups.length) {
    return show(
      back,
      h("h1", {}, "Groep starten"),
      h("p", {}, "Er is nog geen groep. Maak eerst een groep."),
      h("a", { class: "button primary wide", href: link("groepen") }, "Naar de groepen"),
    );
  }
  const group = h(
    "select",
    { id: "import-group" },
    groups.map((g) => h("option", { value: g.id }, g.name)),
  );
  const file = h("input", { id: "import-file", type: "file", accept: ".csv,text/csv" });
  const fileName = h("p", { class: "file-name", "aria-live": "polite" });
  file.addEventListener("change", () => {
    fileName.textContent = file.files.length ? file.files[0].name : "";
    result.replaceChildren();
  });
  const send = h("button", { type: "submit", class: "primary big wide" }, hidden("⬆️ "), "Deelnemers toevoegen");
  const form = h(
    "form",
    { class: "card admin-form bulk-form", novalidate: true },
    h("label", { for: group.id }, "1. Kies de groep"),
    group,
    h("label", { for: file.id }, "2. Kies het bestand (CSV)"),
    h(
      "p",
      { class: "hint" },
      "Sla het werkblad op als CSV (UTF-8). Eén deelnemer per regel. Klopt één regel niet, dan wordt niemand toegevoegd.",
    ),
    file,
    fileName,
    send,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!file.files.length) {
      result.replaceChildren(errorLine("Kies eerst een bestand."));
      return;
    }
    const body = new FormData();
    body.append("file", file.files[0]);
    send.disabled = true;
    result.replaceChildren(h("p", { role: "status" }, "Bezig…"));
    try {
      const answer = await api(`/participants/import?group_id=${encodeURIComponent(group.value)}`, {
        method: "POST",
        form: body,
      });
      const module = await import("./login-cards.js");
      module.openCards(answer.cards, { back: link("deelnemers"), backText: "Deelnemers" });
    } catch (err) {
      result.replaceChildren(
        h(
          "div",
          { class: "card import-errors", role: "alert" },
          h("p", { class: "error" }, err.message),
          lineErrors(err),
          err.errors && err.errors.rows
            ? h("p", {}, "Er is niemand toegevoegd. Verbeter het bestand en probeer opnieuw.")
            : null,
        ),
      );
    } finally {
      send.disabled = false;
    }
  });
  show(
    back,
    h("h1", {}, "Groep starten"),
    h(
      "p",
      {},
      "Voeg een hele groep tegelijk toe met een bestand uit Excel of een ander rekenprogramma. Daarna print je de inlogkaarten.",
    ),
    form,
    result,
    h(
      "details",
      { class: "card csv columns-help" },
      h("summary", {}, "Wat staat er in het bestand?"),
      h("p", {}, "De eerste regel noemt de kolommen. Alleen de naam is verplicht."),
      h(
        "dl",
        { class: "columns" },
        COLUMNS.map(([name, text]) => [h("dt", {}, h("code", {}, name)), h("dd", {}, text)]),
      ),
      h(
        "button",
        { type: "button", class: "secondary wide", onclick: downloadSample },
        hidden("⬇️ "),
        "Voorbeeldbestand downloaden",
      ),
    ),
  );
}
