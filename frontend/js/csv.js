// Staff: download a sector's list as a spreadsheet (CSV) and upload it again, with the result or each bad row.

import { ApiError, api } from "./api.js";
import { errorLine, h, hidden } from "./dom.js";
import { mayEditShared, mayWrite } from "./rights.js";

let counter = 0;

function radio(name, value, text, checked) {
  const id = `${name}-${value}`;
  return h("label", { class: "choice", for: id }, h("input", { type: "radio", id, name, value, checked }), text);
}

async function download(slug, scope, status) {
  status.replaceChildren(h("p", {}, "Bezig…"));
  try {
    const { blob, filename } = await api(`/sectors/${encodeURIComponent(slug)}/terms.csv?scope=${scope}`, {
      blob: true,
    });
    const url = URL.createObjectURL(blob);
    const a = h("a", { href: url, download: filename, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    status.replaceChildren(h("p", {}, `Gedownload: ${filename}`));
  } catch (err) {
    status.replaceChildren(errorLine(err.message));
  }
}

function listOf(title, keys) {
  if (!keys.length) return null;
  return h(
    "details",
    {},
    h("summary", {}, `${title}: ${keys.length}`),
    h(
      "ul",
      { class: "plain keys" },
      keys.map((k) => h("li", {}, k)),
    ),
  );
}

function rowProblems(err) {
  const rows = (err.errors && err.errors.rows) || {};
  const lines = Object.entries(rows).map(([where, messages]) =>
    h("li", {}, h("strong", {}, where.replace(/^line /, "Regel ") + ": "), [].concat(messages).join(" ")),
  );
  return lines.length ? h("ul", { class: "row-errors" }, lines) : null;
}

async function upload(slug, scope, file, status, onImported) {
  if (!file) {
    status.replaceChildren(errorLine("Kies eerst een CSV-bestand."));
    return;
  }
  status.replaceChildren(h("p", {}, "Bezig…"));
  try {
    const report = await api(`/sectors/${encodeURIComponent(slug)}/terms.csv?scope=${scope}`, {
      method: "POST",
      text: await file.text(),
      contentType: "text/csv",
    });
    status.replaceChildren(
      h(
        "p",
        { class: "ok", role: "status" },
        `✔ Klaar. Nieuw: ${report.added.length} · Gewijzigd: ${report.updated.length} · Hetzelfde: ${report.unchanged}`,
      ),
      listOf("Nieuw", report.added),
      listOf("Gewijzigd", report.updated),
    );
    onImported();
  } catch (err) {
    status.replaceChildren(errorLine(err.message), err instanceof ApiError ? rowProblems(err) : null);
  }
}

export function csvPanel(me, slug, onImported) {
  const name = `csv-scope-${++counter}`;
  const fileId = `csv-file-${counter}`;
  const status = h("div", { class: "csv-status", "aria-live": "polite" });
  const scope = () => {
    const checked = panel.querySelector(`input[name="${name}"]:checked`);
    return checked ? checked.value : "own";
  };
  const fileName = h("p", { class: "file-name" }, "Nog geen bestand gekozen.");
  const file = h("input", {
    type: "file",
    id: fileId,
    accept: ".csv,text/csv",
    onchange: () => (fileName.textContent = file.files[0] ? file.files[0].name : "Nog geen bestand gekozen."),
  });
  const uploadPart = mayWrite(me)
    ? [
        h(
          "div",
          { class: "file-pick" },
          h("label", { for: fileId, class: "button secondary" }, hidden("📂"), "CSV-bestand kiezen"),
          file,
        ),
        fileName,
        mayEditShared(me) ? null : h("p", { class: "muted small-text" }, "Uploaden kan alleen naar de eigen lijst."),
        h(
          "button",
          {
            type: "button",
            class: "primary wide",
            onclick: () => {
              if (scope() === "shared" && !mayEditShared(me)) {
                status.replaceChildren(
                  errorLine("Alleen redacteuren mogen de gedeelde lijst uploaden. Kies de eigen lijst."),
                );
                return;
              }
              upload(slug, scope(), file.files[0], status, onImported);
            },
          },
          hidden("⬆️ "),
          "CSV uploaden",
        ),
      ]
    : [];
  const panel = h(
    "details",
    { class: "card csv" },
    h("summary", {}, hidden("📄"), "Spreadsheet (CSV)"),
    h(
      "fieldset",
      { class: "choices" },
      h("legend", {}, "Welke lijst?"),
      radio(name, "own", "Eigen lijst", true),
      radio(name, "shared", "Gedeelde lijst", false),
    ),
    h(
      "button",
      { type: "button", class: "secondary wide", onclick: () => download(slug, scope(), status) },
      hidden("⬇️ "),
      "CSV downloaden",
    ),
    uploadPart,
    status,
  );
  return panel;
}
