// A participant's data: the coordinator's panel under a name in the staff list (the programme's end, the download,
// the way to erasure) and the participant's own "Download mijn gegevens". Loaded when first opened.

import { ApiError, api } from "./api.js";
import { h, hidden } from "./dom.js";
import { link } from "./router.js";

// Fetch a zip and hand it to the browser as a download (no URL that would keep working later).
export async function downloadZip(path) {
  const { blob, filename } = await api(path, { blob: true });
  const url = URL.createObjectURL(blob);
  const anchor = h("a", { href: url, download: filename, hidden: true });
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function downloadButton(path, label, status) {
  const button = h("button", { type: "button", class: "secondary big" }, hidden("⬇️ "), label);
  button.addEventListener("click", async () => {
    button.disabled = true;
    status.textContent = "Bezig…";
    try {
      await downloadZip(path);
      status.textContent = "Gedownload.";
    } catch (err) {
      status.textContent = err instanceof ApiError ? err.message : String(err);
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

// For the participant's own page: one big button, with a line under it that says what happened.
export function myDataButton() {
  const status = h("p", { class: "status", role: "status" });
  return h(
    "div",
    { class: "my-data" },
    downloadButton("/me/export", "Download mijn gegevens", status),
    h("p", { class: "muted" }, "Een zip-bestand met alles wat Vaktaal over jou bewaart."),
    status,
  );
}

function endedForm(participant) {
  const id = `ended-on-${participant.id}`;
  const input = h("input", { id, name: "ended_on", type: "date", value: participant.profile?.ended_on || "" });
  const status = h("p", { class: "status", role: "status" });
  const save = async (value) => {
    status.textContent = "Bezig…";
    try {
      const saved = await api(`/participants/${participant.id}`, { method: "PATCH", body: { ended_on: value } });
      participant.profile = saved.profile;
      input.value = saved.profile?.ended_on || "";
      status.textContent = value ? "Opgeslagen. Na de bewaartermijn worden de gegevens verwijderd." : "Gewist.";
    } catch (err) {
      status.textContent = err instanceof ApiError ? err.fieldMessage() || err.message : String(err);
    }
  };
  return h(
    "form",
    {
      class: "ended-on",
      "aria-label": `Traject van ${participant.name}`,
      onsubmit: (event) => {
        event.preventDefault();
        save(input.value || null);
      },
    },
    h("div", { class: "field" }, h("label", { for: id }, "Traject beëindigd op"), input),
    h(
      "div",
      { class: "button-row" },
      h("button", { type: "submit", class: "primary" }, "Opslaan"),
      h("button", { type: "button", class: "secondary", onclick: () => save(null) }, "Niet beëindigd"),
    ),
    status,
  );
}

// The coordinator's panel for one participant, in the box under their name.
export function participantDataPanel(participant, box) {
  const status = h("p", { class: "status", role: "status" });
  const close = h("button", { type: "button", class: "secondary", onclick: () => box.replaceChildren() }, "Sluiten");
  box.replaceChildren(
    h(
      "section",
      { class: "card participant-data", "aria-label": `Gegevens van ${participant.name}` },
      endedForm(participant),
      downloadButton(`/participants/${participant.id}/export`, "Gegevens downloaden", status),
      status,
      h(
        "a",
        { class: "button danger wide", href: link("deelnemer", participant.id, "verwijderen") },
        hidden("🗑️ "),
        "Deelnemer verwijderen",
      ),
      close,
    ),
  );
  box.querySelector("input").focus();
}
