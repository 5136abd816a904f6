// "Rapportage" (#rapport): how the caller's participants are doing, as aggregates only (no row per person), for a
// group, a workplace, the caller's own participants or, for a coordinator, the organisation, over a period. A cell of
// fewer than 5 participants shows "< 5" (a report leaves the building). Download as CSV, or print. Loaded when opened.

import { api } from "./api.js";
import { backLink, errorLine, h, hidden, show } from "./dom.js";
import { progressStyles, shortDate } from "./progress-list.js";
import { link } from "./router.js";

const isoDay = (d) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;

function scopesFor(role) {
  if (role === "coordinator")
    return [
      ["organisation", "De hele organisatie"],
      ["group", "Een groep"],
      ["workplace", "Een werkplek"],
    ];
  if (role === "teacher")
    return [
      ["caseload", "Al mijn groepen"],
      ["group", "Een groep"],
    ];
  return [["caseload", "Mijn caseload"]];
}

function field(id, label, control) {
  control.id = id;
  return h("div", { class: "filter" }, h("label", { for: id }, label), control);
}

function saveBlob({ blob, filename }) {
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function reportTable(report) {
  const small = report.cells.some((c) => c.value === null) || report.level_ups.some((l) => l.cell.value === null);
  return h(
    "section",
    { class: "card report-card", "aria-labelledby": "report-title" },
    h("h2", { id: "report-title" }, report.name),
    h(
      "p",
      { class: "report-period" },
      `${shortDate(report.from)} tot en met ${shortDate(report.to)} · gemaakt op ${shortDate(report.made_on)}`,
    ),
    h(
      "table",
      { class: "figures report-table" },
      h("caption", { class: "sr-only" }, `${report.name}: de cijfers`),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Wat"), h("th", { scope: "col" }, "Aantal"))),
      h(
        "tbody",
        {},
        report.cells.map((c) =>
          h(
            "tr",
            { class: c.value === null ? "suppressed" : "" },
            h("th", { scope: "row" }, c.label),
            h("td", {}, c.shown),
          ),
        ),
      ),
    ),
    report.level_ups.length
      ? [
          h("h3", {}, "Niveau gestegen in deze periode"),
          h(
            "table",
            { class: "figures report-table" },
            h("caption", { class: "sr-only" }, "Deelnemers van wie het niveau steeg, per vaardigheid"),
            h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Vaardigheid"), h("th", { scope: "col" }, "Aantal"))),
            h(
              "tbody",
              {},
              report.level_ups.map((l) =>
                h(
                  "tr",
                  { class: l.cell.value === null ? "suppressed" : "" },
                  h("th", { scope: "row" }, l.name),
                  h("td", {}, l.cell.shown),
                ),
              ),
            ),
          ),
        ]
      : null,
    h(
      "p",
      { class: "small-cells muted" },
      small ? hidden("ℹ️ ") : null,
      `"< 5" betekent: minder dan ${report.small_cell} deelnemers. Het precieze aantal staat er niet, zodat niemand in een rapport te herkennen is.`,
    ),
  );
}

export async function reportScreen(me) {
  progressStyles();
  const today = new Date();
  const monthAgo = new Date(today);
  monthAgo.setDate(today.getDate() - 27);
  const scopes = scopesFor(me.role);
  const scope = h(
    "select",
    { name: "scope" },
    scopes.map(([v, t]) => h("option", { value: v }, t)),
  );
  const target = h("select", { name: "id" });
  const targetField = field("report-id", "Welke", target);
  const from = h("input", { type: "date", name: "from", value: isoDay(monthAgo), max: isoDay(today) });
  const to = h("input", { type: "date", name: "to", value: isoDay(today), max: isoDay(today) });
  const result = h("div", { "aria-live": "polite" });
  const download = h("button", { type: "button", class: "secondary" }, hidden("⬇️ "), "Download CSV");
  const print = h("button", { type: "button", class: "secondary" }, hidden("🖨️ "), "Afdrukken");
  const status = h("p", { role: "status", class: "download-status" });
  let groups = [];
  let workplaces = [];
  let loaded = false;

  function query(format) {
    const params = new URLSearchParams({ scope: scope.value });
    if ((scope.value === "group" || scope.value === "workplace") && target.value) params.set("id", target.value);
    if (from.value) params.set("from", from.value);
    if (to.value) params.set("to", to.value);
    if (format) params.set("format", format);
    return `/reports?${params}`;
  }

  function fillTargets() {
    const list = scope.value === "group" ? groups : scope.value === "workplace" ? workplaces : null;
    targetField.hidden = !list;
    if (!list) return;
    if (!loaded) return target.replaceChildren(h("option", { value: "" }, "Laden…"));
    target.replaceChildren(
      ...list.map((x) =>
        h("option", { value: String(x.id) }, x.name || (x.site ? `${x.employer} (${x.site})` : x.employer)),
      ),
    );
    if (!list.length) target.append(h("option", { value: "" }, "Geen"));
  }

  // Only the latest question's answer is shown (a slow one asked before must not overwrite it).
  let asked = 0;
  async function load() {
    const mine = ++asked;
    status.textContent = "";
    result.replaceChildren(h("p", { class: "loading" }, "Laden…"));
    try {
      const report = await api(query());
      if (mine !== asked) return;
      result.replaceChildren(reportTable(report));
      download.disabled = false;
    } catch (err) {
      if (mine !== asked) return;
      result.replaceChildren(errorLine(err.fieldMessage() || err.message));
      download.disabled = true;
    }
  }

  download.addEventListener("click", async () => {
    status.textContent = "";
    try {
      saveBlob(await api(query("csv"), { blob: true }));
      status.textContent = "Het bestand is gedownload.";
    } catch (err) {
      status.textContent = err.message;
    }
  });
  print.addEventListener("click", () => window.print());
  scope.addEventListener("change", () => {
    fillTargets();
    load();
  });
  for (const control of [target, from, to]) control.addEventListener("change", load);

  show(
    backLink(link("voortgang"), "Voortgang"),
    h("h1", {}, hidden("📄 "), "Rapportage"),
    h("p", { class: "muted intro" }, "Hoe gaat het met de deelnemers? Alleen totalen, nooit gegevens per persoon."),
    h(
      "div",
      { class: "card report-filters" },
      h(
        "div",
        { class: "filter-grid" },
        field("report-scope", "Over", scope),
        targetField,
        field("report-from", "Van", from),
        field("report-to", "Tot en met", to),
      ),
    ),
    result,
    h("div", { class: "button-row report-buttons" }, download, print),
    status,
  );
  fillTargets();
  const lists = [];
  if (scopes.some(([v]) => v === "group")) lists.push(api("/groups?page_size=100").then((g) => (groups = g)));
  if (scopes.some(([v]) => v === "workplace"))
    lists.push(api("/workplaces?page_size=100").then((w) => (workplaces = w)));
  try {
    await Promise.all(lists);
  } catch (err) {
    result.replaceChildren(errorLine(err.message));
  }
  loaded = true;
  fillTargets();
  await load();
}
