// "Niveaus invoeren" (#groep/<id>/niveaus): a teacher (or coordinator) records a round of assessments for a
// group on a laptop or tablet: one date, source and test name for the round, a field per participant and skill
// with the current level beside it; type "a2", Tab to the next. One Save posts every filled cell at once: all are
// stored or none, and each bad cell shows the server's message beside it. A test provider's results come in as a
// spreadsheet (CSV), checked first (nothing stored), then imported. Loaded when opened, never on the first load.

import { api } from "./api.js";
import { backLink, errorLine, h, hidden, show } from "./dom.js";
import { fieldForm } from "./field-form.js";
import { SKILLS, SKILL_NAMES, SOURCES, parseLevel, shortDay, todayIso } from "./level-parse.js";
import { link, setNotice, takeNotice } from "./router.js";

export function levelStyles() {
  if (document.querySelector("link[data-levels-css]")) return;
  document.head.append(h("link", { rel: "stylesheet", href: "/static/css/levels.css", "data-levels-css": "" }));
}

const SAMPLE =
  "participant;skill;level;date;source;test_name\r\n" +
  "KN-0101;lezen;A2;2026-11-20;test;Bureau ICE\r\n" +
  "KN-0101;luisteren;A1/A2;2026-11-20;test;Bureau ICE\r\n";

const COLUMNS = [
  ["participant", "het klantnummer van de deelnemer, of het Vaktaal-nummer (nooit een naam)"],
  ["skill", "lezen, luisteren, spreken, gesprekken voeren of schrijven"],
  ["level", "A0, A1, A1/A2, A2, A2/B1, B1, B1/B2 of B2"],
  ["date", "de datum van de toets, bijvoorbeeld 2026-11-20"],
  ["source", "test, exam, observation of intake"],
  ["test_name", "de naam van de toets (mag leeg)"],
];

const FIELD_NAMES = {
  participant: "deelnemer",
  skill: "vaardigheid",
  level: "niveau",
  date: "datum",
  source: "bron",
  test_name: "toetsnaam",
  header: "kopregel",
  row: "regel",
};

// A file's problem "level: Onbekend niveau ..." with the column's Dutch name: "niveau: Onbekend niveau ...".
function rowMessage(message) {
  const [field, ...rest] = String(message).split(": ");
  return rest.length && FIELD_NAMES[field] ? `${FIELD_NAMES[field]}: ${rest.join(": ")}` : String(message);
}

function cellMessages(fields) {
  // {level: ["..."], participant_id: ["..."]}: the messages themselves, without the field names.
  return Object.values(fields || {})
    .flat(Infinity)
    .map(String);
}

function downloadSample() {
  const url = URL.createObjectURL(new Blob([SAMPLE], { type: "text/csv;charset=utf-8" }));
  const a = h("a", { href: url, download: "niveaus-voorbeeld.csv", hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

let counter = 0;

// One cell: the field, what is known now (its hint) and a line for its error.
function cell(row, skill) {
  const n = ++counter;
  const now = row.skills && row.skills[skill];
  const hint = h(
    "span",
    { class: "cell-now", id: `lg${n}-now` },
    now ? [`nu ${now.level}`, h("span", { class: "cell-date" }, ` · ${shortDay(now.date)}`)] : "nog niets",
  );
  const error = h("span", { class: "cell-error", id: `lg${n}-error`, hidden: true });
  const input = h("input", {
    type: "text",
    class: "level-input",
    id: `lg${n}`,
    autocomplete: "off",
    autocapitalize: "characters",
    spellcheck: "false",
    maxlength: 40,
    "aria-label": `${row.participant.name}: ${SKILL_NAMES[skill]}`,
    "aria-describedby": `lg${n}-now lg${n}-error`,
    "data-participant": String(row.participant.id),
    "data-skill": skill,
    disabled: Boolean(row.read_only),
  });
  const showError = (text) => {
    error.textContent = text || "";
    error.hidden = !text;
    if (text) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  };
  // Tab (or leaving the field) tidies what was typed: "a2" -> "A2", "halverwege a1 en a2" -> "A1/A2".
  input.addEventListener("change", () => {
    const text = input.value.trim();
    if (!text) return showError("");
    const parsed = parseLevel(text);
    if (parsed.level) input.value = parsed.level;
    return showError(parsed.error || "");
  });
  input.showError = showError;
  return h(
    "td",
    { class: "level-cell" },
    h("span", { class: "cell-skill", "aria-hidden": "true" }, SKILL_NAMES[skill]),
    input,
    hint,
    error,
  );
}

function gridRow(row) {
  return h(
    "tr",
    { class: row.read_only ? "read-only" : null },
    h(
      "th",
      { scope: "row", class: "grid-name" },
      h("a", { href: link("niveaus", row.participant.id) }, row.participant.name),
      row.read_only ? h("span", { class: "muted small-text" }, " (alleen kijken)") : null,
    ),
    SKILLS.map((skill) => cell(row, skill)),
  );
}

function importPanel(group, rerender) {
  const file = h("input", { id: "levels-file", type: "file", accept: ".csv,text/csv" });
  const fileName = h("p", { class: "file-name", "aria-live": "polite" });
  const result = h("div", { class: "import-result", "aria-live": "polite" });
  const check = h("button", { type: "button", class: "secondary" }, hidden("🔎 "), "Controleren");
  const store = h("button", { type: "button", class: "primary", disabled: true }, hidden("⬆️ "), "Importeren");
  file.addEventListener("change", () => {
    fileName.textContent = file.files.length ? file.files[0].name : "";
    result.replaceChildren();
    store.disabled = true;
  });
  async function send(dryRun) {
    if (!file.files.length) {
      result.replaceChildren(errorLine("Kies eerst een bestand."));
      return;
    }
    const body = new FormData();
    body.append("file", file.files[0]);
    check.disabled = true;
    store.disabled = true;
    result.replaceChildren(h("p", { role: "status" }, "Bezig…"));
    try {
      const answer = await api(`/groups/${group.id}/assessments/import${dryRun ? "?dry_run=1" : ""}`, {
        method: "POST",
        form: body,
      });
      const count = answer.created ?? 0;
      const levels = (n) => (n === 1 ? "1 niveau" : `${n} niveaus`);
      if (!dryRun) {
        setNotice(`Uit het bestand: ${levels(count)} opgeslagen.`);
        return rerender();
      }
      const rowCount = answer.rows ?? count;
      result.replaceChildren(
        h(
          "div",
          { class: "card import-preview", role: "status" },
          h(
            "p",
            { class: "ok" },
            hidden("✓ "),
            `Het bestand klopt: ${rowCount === 1 ? "1 regel" : `${rowCount} regels`}, ${levels(count)} nieuw.`,
          ),
          count < rowCount ? h("p", { class: "muted" }, "De andere regels staan er al in.") : null,
          h(
            "p",
            {},
            count ? "Er is nog niets opgeslagen. Klik op Importeren om ze op te slaan." : "Er is niets nieuws.",
          ),
        ),
      );
      store.disabled = !count;
    } catch (err) {
      const rows = (err.errors && (err.errors.rows || (err.errors.json && err.errors.json.rows))) || null;
      result.replaceChildren(
        h(
          "div",
          { class: "card import-errors", role: "alert" },
          h("p", { class: "error" }, err.message),
          rows
            ? h(
                "ul",
                { class: "row-errors" },
                Object.entries(rows).map(([where, value]) =>
                  h(
                    "li",
                    {},
                    h("strong", {}, String(where).replace(/^(line|row) /, "Regel ")),
                    h(
                      "ul",
                      {},
                      [].concat(value).map((line) => h("li", {}, rowMessage(line))),
                    ),
                  ),
                ),
              )
            : null,
          rows ? h("p", {}, "Er is niets opgeslagen. Verbeter het bestand en controleer het opnieuw.") : null,
        ),
      );
    } finally {
      check.disabled = false;
    }
  }
  check.addEventListener("click", () => send(true));
  store.addEventListener("click", () => send(false));
  return h(
    "details",
    { class: "card csv levels-import" },
    h("summary", {}, hidden("📄 "), "Uit een bestand (CSV)"),
    h(
      "p",
      {},
      "De uitslag van een toets als spreadsheet? Sla het op als CSV. Eerst controleren: dan wordt nog niets opgeslagen.",
    ),
    h(
      "div",
      { class: "file-pick" },
      h("label", { for: file.id, class: "button secondary" }, hidden("📎 "), "Kies het bestand (CSV)"),
      file,
    ),
    fileName,
    h("div", { class: "button-row" }, check, store),
    result,
    h("h3", {}, "Kolommen"),
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
  );
}

export async function levelGridScreen(me, groupId) {
  levelStyles();
  show(h("p", { class: "loading" }, "Laden…"));
  const back = backLink(link("groep", groupId), "Groep");
  let group;
  let rows;
  try {
    [group, rows] = await Promise.all([api(`/groups/${groupId}`), api(`/groups/${groupId}/levels`)]);
  } catch (err) {
    return show(back, errorLine(err.message));
  }
  const rerender = () => levelGridScreen(me, groupId);
  const notice = takeNotice();
  const date = h("input", { type: "date", value: todayIso(), max: todayIso() });
  const source = h(
    "select",
    {},
    Object.entries(SOURCES).map(([value, text]) => h("option", { value }, text)),
  );
  const testName = h("input", { type: "text", autocomplete: "off", maxlength: 120 });
  const status = h("p", { class: "grid-status", role: "status" });
  const save = h("button", { type: "submit", class: "primary big" }, hidden("💾 "), "Opslaan");
  const f = fieldForm("level-grid-form");
  const table = h(
    "table",
    { class: "level-grid" },
    h("caption", { class: "sr-only" }, `Niveaus van ${group.name}`),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, "Deelnemer"),
        SKILLS.map((skill) => h("th", { scope: "col" }, SKILL_NAMES[skill])),
      ),
    ),
    h("tbody", {}, rows.map(gridRow)),
  );
  f.form.append(
    h(
      "fieldset",
      { class: "round" },
      h("legend", {}, "De ronde"),
      h(
        "div",
        { class: "round-fields" },
        f.field("date", "Datum", date),
        f.field("source", "Bron", source),
        f.field("test_name", "Naam van de toets", testName, "Bijvoorbeeld Bureau ICE. Mag leeg."),
      ),
    ),
    rows.length
      ? h("div", { class: "grid-wrap" }, table)
      : h("p", { class: "muted" }, "Er zitten vandaag geen deelnemers in deze groep."),
    f.line,
    status,
    rows.length ? save : null,
  );

  f.form.addEventListener("submit", async (event) => {
    event.preventDefault();
    f.clear();
    status.textContent = "";
    const inputs = [];
    const cells = [];
    for (const input of table.querySelectorAll("input.level-input:not(:disabled)")) {
      input.showError("");
      const text = input.value.trim();
      if (!text) continue;
      // What the teacher typed goes as typed when it does not parse: the server says what is wrong with it.
      const parsed = parseLevel(text);
      if (parsed.level) input.value = parsed.level;
      inputs.push(input);
      cells.push({ participant_id: Number(input.dataset.participant), skill: input.dataset.skill, level: input.value });
    }
    if (!cells.length) {
      status.textContent = "Typ eerst een niveau in een vakje, bijvoorbeeld A2.";
      return;
    }
    const body = { date: date.value, source: source.value, cells };
    if (testName.value.trim()) body.test_name = testName.value.trim();
    save.disabled = true;
    status.textContent = "Bezig met opslaan…";
    try {
      const answer = await api(`/groups/${group.id}/assessments`, { method: "POST", body });
      const n = answer.created ?? cells.length;
      setNotice(n === 1 ? "1 niveau opgeslagen." : `${n} niveaus opgeslagen.`);
      rerender();
    } catch (err) {
      status.textContent = "";
      const json = (err.errors && err.errors.json) || {};
      const badCells = json.cells && typeof json.cells === "object" ? json.cells : null;
      const { cells: _cells, ...roundErrors } = json;
      if (Object.keys(roundErrors).length || !badCells) f.showErrors(err);
      if (badCells) {
        let first = null;
        for (const [index, fields] of Object.entries(badCells)) {
          const input = inputs[Number(index)];
          if (!input) continue;
          input.showError(cellMessages(fields).join(" "));
          first = first || input;
        }
        status.replaceChildren(errorLine(err.message));
        if (first && !Object.keys(roundErrors).length) first.focus();
      }
    } finally {
      save.disabled = false;
    }
  });

  show(
    back,
    h("h1", {}, hidden("📊 "), "Niveaus invoeren"),
    h("p", { class: "grid-group" }, group.name),
    notice ? h("p", { class: "notice", role: "status" }, notice) : null,
    h(
      "p",
      { class: "muted" },
      "Typ per vakje een niveau (bijvoorbeeld a2, of a1/a2 voor halverwege) en ga met Tab verder. " +
        "Lege vakjes slaan we over. Klopt één vakje niet, dan wordt niets opgeslagen.",
    ),
    f.form,
    importPanel(group, rerender),
  );
}
